/**
 * Finds actor mentions in text in one pass over its tokens, against a token trie built once from
 * every actor's name and aliases. See `curated.ts` for how an alias's spelling sets its matching
 * rule (name, lower-case word, prefix, elided).
 */
import { tokenize, type Token } from '../text/normalize.js';
import type { Actor, Mention } from '../types.js';
import { AMBIGUOUS_NAMES, BLOCKED_PHRASES } from './curated.js';
import { collectiveEu, insideMediaTitle, isTitleCase } from './roles.js';

// Module constants, not literals in place: esbuild (tsx) compiles a `\p{…}` literal to a `new RegExp` built at each call.
const UPPER_START = /^\p{Lu}/u;
const HAS_UPPER = /\p{Lu}/u;
const ELIDED_PARTICLE = /\p{L}+['\u2019\u02BC]/gu;
const LETTER = /\p{L}/u;

/** The European Union's id: `les 27` may stand for it (see `roles.ts`). */
const EU_ID = 'org:eu';

export interface MatcherOptions {
  /** Phrases that consume their words and yield no mention. Default: `BLOCKED_PHRASES`. */
  blocked?: string[];
  /** Names that match only mid-sentence between lower-case words. Default: `AMBIGUOUS_NAMES`. */
  ambiguous?: string[];
}

interface Entry {
  /** Undefined for a blocked phrase. */
  actorId: string | undefined;
  /** Index of the word that must be capitalised in the text; -1 when any case goes. */
  head: number;
  /** For short names (`UE`, `Xi`): the exact spelling of each word, accents aside. */
  exact: string[] | undefined;
  /** A compound prefix (`russo-`): a hyphen must follow. */
  prefix: boolean;
  /** Must follow an elided `l'` (`l'Union`). */
  elision: boolean;
  /** See `AMBIGUOUS_NAMES`. */
  ambiguous: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: Entry[];
}

// Articles never carry a name's capital (`Le Monde` is found by `Monde`, `la Maison Blanche` by `Maison`).
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'the', 'der', 'die', 'das', 'von', 'van']);
const HYPHENS = /[-\u2010-\u2015]/;
const ELIDED_L = /[lL]['\u2019\u02BC]$/;
const SENTENCE_BREAK = /[.!?…:;«»"“”()[\]\n]/;

const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const isCapitalised = (raw: string): boolean => UPPER_START.test(raw);

/** Feminine of a folded French adjective or demonym (`chinois` → `chinoise`, `turc` → `turque`). */
export function feminine(word: string): string {
  if (word.endsWith('e')) return word;
  if (/(ien|een)$/.test(word)) return `${word}ne`;
  if (word.endsWith('ec')) return `${word}que`;
  if (word.endsWith('c')) return `${word.slice(0, -1)}que`;
  if (word.endsWith('el')) return `${word}le`;
  return `${word}e`;
}

/** Plural of a folded French adjective or demonym (`russe` → `russes`, `chinois` → `chinois`). */
export function plural(word: string): string {
  if (/[sxz]$/.test(word)) return word;
  if (word.endsWith('al')) return `${word.slice(0, -2)}aux`;
  if (word.endsWith('eau')) return `${word}x`;
  return `${word}s`;
}

interface CompiledAlias {
  /** Folded token sequences that spell the alias (several for inflected words). */
  variants: string[][];
  head: number;
  exact: string[] | undefined;
  prefix: boolean;
  elision: boolean;
  lowercase: boolean;
}

// Compiled aliases by spelling: every article's matcher of the actors found in it compiles the
// blocked phrases and ambiguous names again, and found names recur across articles. Read-only.
const COMPILED = new Map<string, CompiledAlias | undefined>();
const COMPILED_MAX = 50_000;

/** How an alias is matched, as described in `curated.ts` (memoised: the result is shared, never changed). */
export function compileAlias(alias: string): CompiledAlias | undefined {
  if (COMPILED.has(alias)) return COMPILED.get(alias);
  if (COMPILED.size >= COMPILED_MAX) COMPILED.clear();
  const compiled = compile(alias);
  COMPILED.set(alias, compiled);
  return compiled;
}

function compile(alias: string): CompiledAlias | undefined {
  let text = alias.trim();
  const prefix = text.endsWith('-');
  if (prefix) text = text.slice(0, -1);
  const elision = /^l['\u2019\u02BC]/i.test(text);
  if (elision) text = text.slice(2);
  const tokens = tokenize(text);
  const last = tokens.at(-1);
  if (!last) return undefined;
  const lowercase = !HAS_UPPER.test(text);
  const base = tokens.map((t) => t.folded);
  const variants: string[][] = [base];
  if (lowercase && !prefix) {
    const stem = base.slice(0, -1);
    const forms = new Set([feminine(last.folded), plural(last.folded), plural(feminine(last.folded))]);
    forms.delete(last.folded);
    for (const f of forms) variants.push([...stem, f]);
  }
  const head = lowercase ? -1 : tokens.findIndex((t) => isCapitalised(t.raw) && !ARTICLES.has(t.folded));
  const letters = text.replace(/[^\p{L}\p{N}]/gu, '');
  const exact = !lowercase && letters.length <= 3 ? tokens.map((t) => stripAccents(t.raw)) : undefined;
  return { variants, head, exact, prefix, elision, lowercase };
}

/** Every folded form an alias matches, words joined by a space (`ukrainien` → `ukrainiennes`…). */
export function aliasForms(alias: string): string[] {
  return compileAlias(alias)?.variants.map((v) => v.join(' ')) ?? [];
}

const SHAPES = 1 << 15;

/** A word's first code unit (10 bits) and length (up to 31): two words of different shapes differ. */
function shapeOf(word: string): number {
  return ((word.charCodeAt(0) & 0x3ff) << 5) | Math.min(word.length, 31);
}

export class ActorMatcher {
  private readonly root: TrieNode = { next: new Map(), entries: [] };
  /** {@link shapeOf} of every word that starts an alias: a token of another shape needs no look-up in the root's map. */
  private readonly rootShapes = new Uint8Array(SHAPES);
  private readonly ambiguous: Set<string>;
  readonly actors: ReadonlyMap<string, Actor>;
  /** Per actor, the folded forms of its cities (`country:ITA` → `rome`). */
  private readonly cities = new Map<string, Set<string>>();

  constructor(actors: Actor[], options: MatcherOptions = {}) {
    this.ambiguous = new Set((options.ambiguous ?? AMBIGUOUS_NAMES).map((a) => aliasForms(a)[0] ?? ''));
    this.actors = new Map(actors.map((a) => [a.id, a]));
    for (const a of actors) if (a.cities?.length) this.cities.set(a.id, new Set(a.cities.flatMap((c) => aliasForms(c))));
    for (const actor of actors) {
      for (const alias of [actor.name, ...actor.aliases]) this.add(alias, actor.id);
    }
    for (const phrase of options.blocked ?? BLOCKED_PHRASES) this.add(phrase, undefined);
    for (const word of this.root.next.keys()) this.rootShapes[shapeOf(word)] = 1;
  }

  private add(alias: string, actorId: string | undefined): void {
    const compiled = compileAlias(alias);
    if (!compiled) return;
    const ambiguous = !compiled.lowercase && this.ambiguous.has(compiled.variants[0]?.join(' ') ?? '');
    for (const words of compiled.variants) {
      let node = this.root;
      for (const w of words) {
        let child = node.next.get(w);
        if (!child) {
          child = { next: new Map(), entries: [] };
          node.next.set(w, child);
        }
        node = child;
      }
      const { head, exact, prefix, elision } = compiled;
      const duplicate = node.entries.some(
        (e) => e.actorId === actorId && e.head === head && e.prefix === prefix && e.elision === elision && String(e.exact) === String(exact),
      );
      if (!duplicate) node.entries.push({ actorId, head, exact, prefix, elision, ambiguous });
    }
  }

  /**
   * Every actor mention in `text`, in order, longest match first, offsets into `text`.
   * `tokens` are `tokenize(text)` when the caller already has them (one cut per sentence).
   */
  findMentions(text: string, tokens: readonly Token[] = tokenize(text)): Mention[] {
    const mentions: Mention[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node: TrieNode = this.root;
      let best: { end: number; entries: Entry[] } | undefined;
      for (let j = i; j < tokens.length; j++) {
        const token = tokens[j] as Token;
        // The trie first: most words start no alias, and then the gap needs no look.
        // (The root's map is large: a word whose shape starts no alias is not looked up.)
        const child: TrieNode | undefined = j === i && this.rootShapes[shapeOf(token.folded)] === 0 ? undefined : node.next.get(token.folded);
        if (!child) break;
        if (j > i && !this.joined(text, tokens[j - 1] as Token, token)) break;
        node = child;
        if (node.entries.length > 0) {
          const passing = node.entries.filter((e) => this.accepts(e, text, tokens, i, j));
          if (passing.length > 0) best = { end: j, entries: passing };
        }
      }
      if (!best) {
        i++;
        continue;
      }
      const first = tokens[i] as Token;
      const last = tokens[best.end] as Token;
      const seen = new Set<string>();
      for (const e of best.entries) {
        if (!e.actorId || seen.has(e.actorId)) continue;
        seen.add(e.actorId);
        mentions.push({ actorId: e.actorId, form: text.slice(first.start, last.end), start: first.start, end: last.end });
      }
      i = best.end + 1;
    }
    // A place inside a media title is the title (`Radio Free Europe`, `Tehran Times`).
    const titles = mentions.length > 0 && !isTitleCase(tokens);
    const kept = titles
      ? mentions.filter((m) => this.actors.get(m.actorId)?.kind === 'medium' || !insideMediaTitle(text, tokens, m))
      : mentions;
    if (!this.actors.has(EU_ID)) return kept;
    const collective = collectiveEu(text, tokens, kept, EU_ID);
    return collective.length === 0 ? kept : [...kept, ...collective].sort((a, b) => a.start - b.start);
  }

  /** Is the mention written as one of its actor's cities (`Rome` for Italy)? */
  isCity(mention: Mention): boolean {
    const forms = this.cities.get(mention.actorId);
    return forms !== undefined && forms.has(tokenize(mention.form).map((t) => t.folded).join(' '));
  }

  // Words of one alias must follow each other: spaces, hyphens, an elided particle (`Côte d'Ivoire`)
  // or the full stop of an initial (`J.D. Vance`), never other punctuation.
  private joined(text: string, prev: Token, next: Token): boolean {
    const gap = text.slice(prev.end, next.start);
    if (gap === ' ') return true;
    if (gap.length > 12) return false;
    const bare = gap.replace(ELIDED_PARTICLE, '');
    if (/^[\s\-\u2010-\u2015]*$/u.test(bare)) return true;
    return prev.end - prev.start <= 2 && /^\.[\s\-]*$/.test(bare);
  }

  private accepts(e: Entry, text: string, tokens: readonly Token[], i: number, j: number): boolean {
    const first = tokens[i] as Token;
    const last = tokens[j] as Token;
    if (e.prefix && !(HYPHENS.test(text[last.end] ?? '') && LETTER.test(text[last.end + 1] ?? ''))) return false;
    if (e.elision && !ELIDED_L.test(text.slice(Math.max(0, first.start - 2), first.start))) return false;
    if (e.exact) {
      for (let k = 0; k < e.exact.length; k++) if (stripAccents((tokens[i + k] as Token).raw) !== e.exact[k]) return false;
    }
    if (e.head >= 0 && !isCapitalised((tokens[i + e.head] as Token).raw)) return false;
    if (e.ambiguous) {
      const prev = tokens[i - 1];
      if (!prev || SENTENCE_BREAK.test(text.slice(prev.end, first.start)) || isCapitalised(prev.raw)) return false;
      const next = tokens[j + 1];
      if (next && /^\s+$/.test(text.slice(last.end, next.start)) && isCapitalised(next.raw)) return false;
    }
    return true;
  }
}
