/**
 * Finds people and organisations that no list knows, from the corpus itself: runs of 2–4
 * capitalised words whose words the corpus never (or rarely) writes in lower case, that no known
 * actor covers. The kind is guessed from the words (`Journal` → medium, `Université` → organisation,
 * `Golfe` → place, otherwise First Last → person).
 */
import { foldText, tokenize, type Token } from '../text/normalize.js';
import type { Actor, ActorKind, Mention } from '../types.js';
import { aliasKey, slugify } from './catalog.js';
import type { ActorMatcher } from './matcher.js';

// Module constants, not literals in place: esbuild (tsx) compiles a `\p{…}` literal to a `new RegExp` built at each call.
const ACRONYM_IN_PARENS = /\((\p{Lu}[\p{Lu}\p{Ll}]{1,7})\)/gu;
const LOWER_LETTERS = /\p{Ll}/gu;
const HAS_UPPER = /\p{Lu}/u;
const RUN_GAP = /^\s+(?:\p{L}{1,3}['\u2019])?$|^\s*\p{L}{1,3}['\u2019]$/u;

/**
 * A sentence already cut into words, with the known actors' mentions when the caller has them:
 * the indexer cuts each sentence once and shares the words with terms, matcher and discovery.
 */
export interface CutSentence {
  text: string;
  tokens: readonly Token[];
  /** `known.findMentions(text, tokens)`, when already computed. */
  known?: readonly Mention[];
}

export interface DiscoverOptions {
  /** Sentences a name must occur in to be kept. Default 1: news names often occur once. */
  minOccurrences?: number;
}

// Capitalised at a sentence start or in a title without being a name. Folded.
const STOPWORDS = new Set(
  (
    'le la les l un une des du de d ce cet cette ces son sa ses leur leurs mon ma mes notre nos votre vos il elle ils elles ' +
    'on nous vous je tu qui que quoi dont ou quand comme si mais et donc or ni car pour par selon dans en sur sous avec ' +
    'sans chez vers entre apres avant depuis pendant lors contre malgre parmi face toutefois cependant pourtant ainsi ' +
    'alors aussi enfin bref certes puis ensuite egalement autrement lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre cela ceci ca celui celle ceux ' +
    'celles chaque plusieurs quelques certains certaines aucun aucune rien personne meme autre autres tel telle tels ' +
    'telles voici voila oui non plus moins tres bien tout toute tous toutes aujourd hier demain ici la-bas ' +
    'the a an of and in on at to for by with from this that these those it he she they we you i his her their our its ' +
    'is are was were be not no yes all any some each every but or if as after before about share read more'
  ).split(/\s+/),
);
// Titles before a name: stripped, never part of it.
const TITLES = new Set(
  (
    'm mme mlle dr pr me mgr president presidente ministre general chancelier chanceliere sir lord mr mrs ms prof ' +
    'professeur professeure cheikh ayatollah emir roi reine prince princesse pape senateur senatrice depute deputee ' +
    'marechal colonel capitaine amiral lieutenant imam patriarche secretaire ambassadeur ambassadrice premier premiere ' +
    'porte-parole commandant juge maire gouverneur'
  ).split(/\s+/),
);
// Lower-case words that may sit inside a name (`Ursula von der Leyen`, `Université de Kent`).
const PARTICLES = new Set('de du des d l la le von der van den al el ben bin ibn da di dos y of the for'.split(' '));
const PERSON_PARTICLES = new Set('de du d von der van den al el ben bin ibn da di dos y le la'.split(' '));
const MEDIUM_WORDS = new Set(
  (
    'journal times news post press presse tribune gazette herald daily radio tv television magazine review revue ' +
    'courrier express observer monitor channel media medias hebdo quotidien wire telegraph chronicle insider weekly'
  ).split(/\s+/),
);
const ORGANISATION_WORDS = new Set(
  (
    'universite university institut institute fondation foundation agence agency banque bank conseil council commission ' +
    'comite committee cour court tribunal armee army front mouvement movement organisation organization association ' +
    'federation union ligue league compagnie company groupe group corporation corp inc ltd forces garde brigade brigades ' +
    'centre center parti party ministere ministry departement department office service services bureau assemblee ' +
    'parlement parliament senat senate congres congress gouvernement government eglise church ecole school academie ' +
    'academy laboratoire fonds fund alliance coalition regiment division observatoire chambre ambassade embassy police ' +
    'marine navy college club'
  ).split(/\s+/),
);
const PLACE_WORDS = new Set(
  (
    'golfe mer ocean lac mont monts ile iles region province oblast nord sud est ouest haut bas saint sainte detroit ' +
    'canal vallee plateau desert peninsule bassin fleuve riviere territoire district comte state city ville port cap etat ' +
    'orient occident'
  ).split(/\s+/),
);

interface Word {
  tokens: Token[];
  raw: string;
  start: number;
  end: number;
  /** Hyphen-joined folded tokens (`haut-karabagh`). */
  folded: string;
  capitalised: boolean;
  covered: boolean;
}

interface Candidate {
  forms: Map<string, number>;
  kind: ActorKind;
  count: number;
  /** Folded words, particles excluded, for merging spellings of one person. */
  names: string[];
  /** The acronym the text defines for it (`Forces de soutien rapide (FSR)`). */
  acronym?: string;
  /** The nickname the text gives a person (`dit « Hemeti »`). */
  nickname?: string;
}

const NICKNAME = /^\s*,?\s*(?:dit|dite|surnomm[ée]e?|alias)\s*[«"“]\s*(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?)\s*[»"”]/u;

/** Words skipped when an acronym spells a name's initials (`Organisation du Traité de sécurité collective`). */
const ACRONYM_SKIPPED = new Set('de du des d l la le les et pour a au aux sur en of the and for'.split(' '));

/**
 * Names defined with their acronym: `Forces de soutien rapide (FSR)`, `Institut français des
 * relations internationales (Ifri)` — French writes such names in lower case after the first word,
 * so no run of capitals finds them, but the acronym spells their words' initials.
 */
export function acronymDefinitions(text: string): Array<{ name: string; acronym: string; start: number; end: number }> {
  const found: Array<{ name: string; acronym: string; start: number; end: number }> = [];
  for (const m of text.matchAll(ACRONYM_IN_PARENS)) {
    const acronym = m[1]!;
    if (acronym.length < 3 && acronym.replace(LOWER_LETTERS, '').length < 2) continue;
    const before = text.slice(Math.max(0, m.index! - 160), m.index!).trimEnd();
    const offset = m.index! - (text.slice(Math.max(0, m.index! - 160), m.index!).length) ;
    const words = [...before.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
    // The shortest run of words ending before the bracket whose initials spell the acronym.
    for (let k = 1; k <= Math.min(words.length, 12); k++) {
      const run = words.slice(words.length - k);
      // The name opens on a capitalised word that is not an article (`l'Institut`, not `Le gaz`).
      const first = run[0]![0].replace(/^(?:d|l)['’]/iu, '');
      if (!UPPER_START.test(first) || ACRONYM_SKIPPED.has(foldText(first))) continue;
      const initials = run
        .map((w) => foldText(w[0]).replace(/^(?:d|l)['’]/, ''))
        .filter((w) => !ACRONYM_SKIPPED.has(w))
        .map((w) => w[0])
        .join('');
      if (initials !== foldText(acronym)) continue;
      const start = offset + run[0]!.index! + (run[0]![0].length - first.length);
      const end = offset + run.at(-1)!.index! + run.at(-1)![0].length;
      found.push({ name: text.slice(start, end), acronym, start, end });
      break;
    }
  }
  return found;
}

// Two capitalised words, maybe with short particles between (`Ursula von der Leyen`, `Université de Kent`).
const MAYBE_NAME = /\p{Lu}[\p{L}\p{N}]*(?:[\s\-\u2010\u2011]+(?:\p{Ll}{1,4}['\u2019\s]\s*){0,3})\p{Lu}/u;

const UPPER_START = /^\p{Lu}/u;
// ASCII answered without the regex: this runs on every token of the corpus.
const isCapitalised = (raw: string): boolean => {
  const code = raw.charCodeAt(0);
  return code < 0x80 ? code >= 0x41 && code <= 0x5a : UPPER_START.test(raw);
};
const isAcronym = (raw: string): boolean => raw.length >= 2 && raw === raw.toUpperCase() && HAS_UPPER.test(raw);

const isWordHyphen = (code: number): boolean => code === 0x2d || code === 0x2010 || code === 0x2011;

// Tokens joined by a bare hyphen form one word (`Haut-Karabagh`, `Jean-Noël`, `al-Assad`).
function wordsOf(text: string, tokens: readonly Token[], covered: Set<number>): Word[] {
  const words: Word[] = [];
  for (const token of tokens) {
    const prev = words.at(-1);
    if (prev && token.start - prev.end === 1 && isWordHyphen(text.charCodeAt(prev.end))) {
      prev.tokens.push(token);
      prev.end = token.end;
      prev.raw = text.slice(prev.start, prev.end);
      prev.folded += `-${token.folded}`;
      prev.covered ||= covered.has(token.start);
      if (PARTICLES.has(prev.tokens[0]?.folded ?? '') && isCapitalised(token.raw)) prev.capitalised = true;
      continue;
    }
    words.push({
      tokens: [token],
      raw: token.raw,
      start: token.start,
      end: token.end,
      folded: token.folded,
      capitalised: isCapitalised(token.raw),
      covered: covered.has(token.start),
    });
  }
  return words;
}

/** How often each folded word is written in lower case and capitalised away from a sentence start. */
class WordStats {
  private readonly lower = new Map<string, number>();
  private readonly upper = new Map<string, number>();

  count(tokens: readonly Token[]): void {
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i]!;
      const map = isCapitalised(t.raw) ? this.upper : this.lower;
      map.set(t.folded, (map.get(t.folded) ?? 0) + 1);
    }
  }

  /** A word that reads as a name: not a function word, not usually written in lower case. */
  nameLike(word: Word): boolean {
    return word.tokens.every((t) => {
      // `al-Burhane`: the particle of a hyphenated name is written in lower case by design.
      if (PARTICLES.has(t.folded) && word.tokens.length > 1) return true;
      if (STOPWORDS.has(t.folded) || TITLES.has(t.folded)) return false;
      if (/^\d+$/.test(t.folded) || t.folded.length < 2) return false;
      const lower = this.lower.get(t.folded) ?? 0;
      return lower === 0 || lower * 3 < (this.upper.get(t.folded) ?? 0);
    });
  }
}

// Helpers below are module functions, not closures: tsx names every local closure with a
// property write each time it is created (once per sentence or run here).
function anyIn(folded: readonly string[], set: Set<string>): boolean {
  return folded.some((f) => set.has(f));
}

function guessKind(capitalisedWords: Word[], particles: Word[], stats: WordStats): ActorKind | undefined {
  const folded = capitalisedWords.flatMap((w) => w.tokens.map((t) => t.folded));
  const named = capitalisedWords.filter((w) => stats.nameLike(w) && !w.tokens.some((t) => ORGANISATION_WORDS.has(t.folded) || MEDIUM_WORDS.has(t.folded) || PLACE_WORDS.has(t.folded)));
  if (anyIn(folded, MEDIUM_WORDS)) return named.length > 0 ? 'medium' : undefined;
  if (anyIn(folded, ORGANISATION_WORDS)) return named.length > 0 ? 'organisation' : undefined;
  if (anyIn(folded, PLACE_WORDS)) return named.length > 0 ? 'place' : undefined;
  const person =
    capitalisedWords.length <= 3 &&
    named.length === capitalisedWords.length &&
    !capitalisedWords.some((w) => isAcronym(w.raw)) &&
    particles.every((p) => PERSON_PARTICLES.has(p.folded));
  return person ? 'person' : undefined;
}

// Runs of capitalised words (with particles inside) joined by plain spaces or an elided particle.
function runsOf(text: string, words: Word[]): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  for (const word of words) {
    const prev = run.at(-1);
    if (prev && !RUN_GAP.test(text.slice(prev.end, word.start))) run = flushRun(run, runs);
    if (word.capitalised || (run.length > 0 && PARTICLES.has(word.folded))) run.push(word);
    else run = flushRun(run, runs);
  }
  flushRun(run, runs);
  return runs;
}

/** Ends a run (trailing particles dropped, kept if any word is left); the next run starts empty. */
function flushRun(run: Word[], runs: Word[][]): Word[] {
  while (run.length > 0 && !run.at(-1)?.capitalised) run.pop();
  if (run.length > 0) runs.push(run);
  return [];
}

/** Plain strings are cut in each pass rather than kept as millions of token arrays in memory. */
function tokensOf(s: string | CutSentence): readonly Token[] {
  return typeof s === 'string' ? tokenize(s) : s.tokens;
}

/** `Yannick Le Gall`: a capitalised particle inside a run is still a particle. */
function innerParticle(w: Word, i: number, all: Word[]): boolean {
  return i > 0 && i < all.length - 1 && PERSON_PARTICLES.has(w.folded);
}

/**
 * People, organisations, media and places named in the corpus but unknown to `known`, with ids
 * `found:<slug>`. A person gets their surname as an alias (`M. Sullivan`) when no other actor, known
 * or found, could be meant by it.
 */
export function discoverActors(
  sentencesByArticle: Array<{ articleId: string; sentences: ReadonlyArray<string | CutSentence> }>,
  known: ActorMatcher,
  options: DiscoverOptions = {},
): Actor[] {
  const minOccurrences = options.minOccurrences ?? 1;
  const stats = new WordStats();
  for (const a of sentencesByArticle) for (const s of a.sentences) stats.count(tokensOf(s));

  const candidates = new Map<string, Candidate>();
  for (const sentence of allSentences(sentencesByArticle)) {
    const text = typeof sentence === 'string' ? sentence : sentence.text;
    if (text.includes('(')) {
      for (const defined of acronymDefinitions(text)) {
        const mentions = (typeof sentence === 'string' ? undefined : sentence.known) ?? known.findMentions(text);
        // A known actor naming most of it (`Organisation du Traité…` when listed) is that actor; a
        // demonym inside it (`Institut français…`) is not.
        const overlap = mentions.reduce((n, m) => n + Math.max(0, Math.min(m.end, defined.end) - Math.max(m.start, defined.start)), 0);
        if (overlap * 2 >= defined.end - defined.start) continue;
        const key = aliasKey(defined.name);
        const candidate: Candidate = candidates.get(key) ?? { forms: new Map(), kind: 'organisation', count: 0, names: [foldText(defined.name)] };
        candidate.forms.set(defined.name, (candidate.forms.get(defined.name) ?? 0) + 1);
        candidate.count++;
        candidate.acronym = defined.acronym;
        candidates.set(key, candidate);
      }
    }
    // Most sentences hold no two capitalised words in a row: skip them before any real work.
    if (!MAYBE_NAME.test(text)) continue;
    const tokens = tokensOf(sentence);
    // Title Case headlines capitalise every word: nothing to learn from them.
    const long = tokens.filter((t) => t.raw.length > 3);
    if (long.length >= 4 && long.filter((t) => isCapitalised(t.raw)).length / long.length > 0.6) continue;
    const covered = new Set<number>();
    const mentions = (typeof sentence === 'string' ? undefined : sentence.known) ?? known.findMentions(text, tokens);
    for (const m of mentions) for (const t of tokens) if (t.start >= m.start && t.end <= m.end) covered.add(t.start);
    for (let run of runsOf(text, wordsOf(text, tokens, covered))) {
      // Strip what precedes a name: `Selon`, `Dr`, `Le`, a particle.
      while (run.length > 0 && (!run[0]?.capitalised || STOPWORDS.has(run[0].folded) || TITLES.has(run[0].folded))) run = run.slice(1);
      let capitalisedWords = run.filter((w, i) => w.capitalised && !innerParticle(w, i, run));
      if (capitalisedWords.length < 2 || capitalisedWords.length > 5) continue;
      let kind = guessKind(capitalisedWords, run.filter((w, i) => !w.capitalised || innerParticle(w, i, run)), stats);
      // `FSR de Mohamed Hamdan Daglo`: what follows a particle may be the name on its own.
      const cut = run.findIndex((w, i) => i > 0 && !w.capitalised && PARTICLES.has(w.folded));
      if (!kind && cut > 0) {
        const rest = run.slice(cut + 1);
        const restCapitalised = rest.filter((w, i) => w.capitalised && !innerParticle(w, i, rest));
        const restKind = restCapitalised.length >= 2 ? guessKind(restCapitalised, rest.filter((w, i) => !w.capitalised || innerParticle(w, i, rest)), stats) : undefined;
        if (restKind === 'person') {
          run = rest;
          capitalisedWords = restCapitalised;
          kind = restKind;
        }
      }
      if (!kind || capitalisedWords.length > 4) continue;
      // A known actor inside a run is usually the run's subject (`Kazakhstan du Nord`, `Poutine Ukraine`),
      // except in an institution's or a paper's name (`Banque de Russie`, `Moscow Times`).
      // The institution word must then be outside the known part (`État Global Times` is no new paper).
      if (capitalisedWords.some((w) => w.covered)) {
        const institution = capitalisedWords.some(
          (w) => !w.covered && w.tokens.some((t) => ORGANISATION_WORDS.has(t.folded) || MEDIUM_WORDS.has(t.folded)),
        );
        if (!institution || (kind !== 'organisation' && kind !== 'medium')) continue;
      }
      const first = run[0] as Word;
      const last = run.at(-1) as Word;
      const form = text.slice(first.start, last.end).replace(/\s+/g, ' ');
      const key = aliasKey(form);
      const candidate: Candidate = candidates.get(key) ?? { forms: new Map(), kind, count: 0, names: capitalisedWords.map((w) => w.folded) };
      candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + 1);
      candidate.count++;
      // `Mohamed Hamdan Daglo, dit « Hemeti »`: the nickname the text gives is an alias.
      const nickname = kind === 'person' ? NICKNAME.exec(text.slice(last.end)) : null;
      if (nickname) candidate.nickname = nickname[1];
      candidates.set(key, candidate);
    }
  }

  const kept = [...candidates.values()].filter((c) => c.count >= minOccurrences).sort((a, b) => b.count - a.count);
  const actors: Array<Actor & { names: string[] }> = [];
  for (const c of kept) {
    const name = [...c.forms.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const variants = [...c.forms.keys()].filter((f) => f !== name);
    // `Dmitry Peskov` and `Dmitri Peskov`: same surname, first names alike → one person.
    const same = c.kind === 'person' ? actors.find((a) => a.kind === 'person' && samePerson(a.names, c.names)) : undefined;
    if (same) {
      same.aliases.push(name, ...variants);
      continue;
    }
    const extra = [c.acronym, c.nickname].filter((a): a is string => a !== undefined);
    actors.push({ id: `found:${slugify(name)}`, name, kind: c.kind, aliases: [...variants, ...extra], discovered: true, names: c.names });
  }

  // Surnames: only when one person of the corpus bears it and nothing known answers to it.
  const bySurname = new Map<string, number>();
  for (const a of actors) if (a.kind === 'person') bySurname.set(a.names.at(-1) ?? '', (bySurname.get(a.names.at(-1) ?? '') ?? 0) + 1);
  for (const a of actors) {
    if (a.kind !== 'person') continue;
    // The surname keeps its particles (`Le Gall`, `von der Leyen`).
    const parts = a.name.split(/\s+/);
    let from = parts.length - 1;
    while (from > 1 && PERSON_PARTICLES.has(foldText(parts[from - 1]!))) from--;
    const surname = parts.slice(from).join(' ');
    const folded = a.names.at(-1) ?? '';
    if (bySurname.get(folded) !== 1 || known.findMentions(surname).length > 0) continue;
    if (actors.some((other) => other !== a && other.names.includes(folded))) continue;
    a.aliases.push(surname);
  }
  return actors.map(({ names: _names, ...actor }) => ({ ...actor, aliases: [...new Set(actor.aliases)] }));
}

function* allSentences<T>(articles: Array<{ sentences: readonly T[] }>): Generator<T> {
  for (const a of articles) yield* a.sentences;
}

function samePerson(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.at(-1) !== b.at(-1)) return false;
  return a.slice(0, -1).every((w, i) => w.slice(0, 4) === (b[i] ?? '').slice(0, 4));
}
