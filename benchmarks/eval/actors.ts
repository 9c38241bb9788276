/**
 * The `/actor` row of the real-page evaluation (issue #21, point 5): for the actors named in the
 * most articles of a split, the first page of `/actor` (what the command shows) scored against
 * the labels, beside what a user gets otherwise: the first page of `/search` on the actor's name,
 * and the sentences naming it taken newest article first, each in reading order.
 *
 * Actors are chosen by a rule, never by hand: the TOP_ACTORS actors (media left out: they are
 * sources) named in at least MIN_ARTICLES articles of the split, most articles first.
 */
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { EXCERPTS_PER_PAGE } from '../../src/commands/shared.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import type { IndexDatabase } from '../../src/services/index/database.js';
import type { Actor } from '../../src/services/types.js';
import { NEAR_DUPLICATE, normalise, opensDependent, overlap, pct, type CorpusLabels, type DependentLabel, type Pick } from './score.js';

/** How many actors are asked, and in how many articles of the split each must be named. */
export const TOP_ACTORS = 12;
export const MIN_ARTICLES = 3;
/** `/actor`'s first page. */
export const ACTOR_PAGE = EXCERPTS_PER_PAGE;
/** The actor counts as named first when one of its forms starts within this many words (its subject, mostly). */
export const FIRST_WORDS = 8;

export type ActorSystem = 'Produit' | 'Recherche' | 'Récents';

export interface ActorScore {
  picks: number;
  /** Picks that open with no labelled dependent sentence (as the briefing rows count them). */
  standAlone: number;
  /** Picks that hold the actor's name or one of its aliases. */
  named: number;
  /** Picks where that form starts within FIRST_WORDS words. */
  namedFirst: number;
  /** Picks that say again what an earlier pick of the page said (word overlap ≥ NEAR_DUPLICATE). */
  duplicates: number;
  /** Half a quotation: labelled so (« citation » in why), or guillemets left open or closed alone. */
  halfQuotes: number;
  /** The speaker or subject is a pronoun only: labelled so, or the pick opens on a subject pronoun. */
  pronounOnly: number;
  /** Picks not from a labelled article. */
  unmatched: number;
}

export interface ActorRow {
  system: ActorSystem;
  /** Actors asked (those with an answer). */
  actors: number;
  score: ActorScore;
  /** Each actor's page, for `--details`. */
  pages: Array<{ actor: string; picks: Array<Pick & { flags: string }> }>;
}

const why = (label: string | DependentLabel) => (typeof label === 'string' ? '' : (label.why ?? ''));

/** Folded for matching names: no case, no accents, apostrophes alike. */
function fold(text: string): string {
  return normalise(text).normalize('NFD').replace(/\p{M}/gu, '');
}

/** Where the first of some forms starts in a text, in words (−1: none is there). */
export function formWord(text: string, forms: readonly string[]): number {
  const folded = fold(text);
  let at = -1;
  for (const form of forms) {
    const f = fold(form);
    if (f.length < 2) continue;
    // A demonym or title agrees in gender and number (« américain » names « américaines »).
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:e?s?)(?=$|[^\\p{L}\\p{N}])`, 'u');
    const m = re.exec(folded);
    if (m && (at < 0 || m.index + m[1]!.length < at)) at = m.index + m[1]!.length;
  }
  if (at < 0) return -1;
  return (folded.slice(0, at).match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** Guillemets that do not pair up in one sentence: half a quotation. */
export function unbalancedQuotes(text: string): boolean {
  const open = (text.match(/«/g) ?? []).length;
  const close = (text.match(/»/g) ?? []).length;
  const straight = (text.match(/"|“|”/g) ?? []).length;
  return open !== close || straight % 2 === 1;
}

const SUBJECT_PRONOUN = /^(il|elle|ils|elles|celui-ci|celle-ci|ce dernier|cette dernière)\b/iu;

/** Scores one page of excerpts for one actor (`forms`: its name and aliases). */
export function scoreActorPage(labels: CorpusLabels, picks: readonly Pick[], forms: readonly string[]): { score: ActorScore; flags: string[] } {
  const score: ActorScore = { picks: 0, standAlone: 0, named: 0, namedFirst: 0, duplicates: 0, halfQuotes: 0, pronounOnly: 0, unmatched: 0 };
  const flags: string[] = [];
  picks.forEach((pick, i) => {
    score.picks++;
    const article = labels.articles[pick.articleId];
    const opened = article?.dependent.filter((label) => opensDependent(pick.text, label)) ?? [];
    if (!article) score.unmatched++;
    const marks: string[] = [];
    if (opened.length === 0) score.standAlone++;
    else marks.push('DÉPEND');
    const word = formWord(pick.text, forms);
    if (word >= 0) score.named++;
    else marks.push('non nommé');
    if (word >= 0 && word < FIRST_WORDS) score.namedFirst++;
    if (picks.slice(0, i).some((q) => overlap(q.text, pick.text) >= NEAR_DUPLICATE)) {
      score.duplicates++;
      marks.push('doublon');
    }
    if (opened.some((l) => /citation/i.test(why(l))) || unbalancedQuotes(pick.text)) {
      score.halfQuotes++;
      marks.push('demi-citation');
    }
    if (opened.some((l) => /pronom|« ?il ?»/i.test(why(l))) || SUBJECT_PRONOUN.test(pick.text.trim())) {
      score.pronounOnly++;
      marks.push('pronom');
    }
    flags.push(marks.join(', '));
  });
  return { score, flags };
}

function add(a: ActorScore, b: ActorScore): ActorScore {
  const out = { ...a };
  for (const k of Object.keys(b) as Array<keyof ActorScore>) out[k] += b[k];
  return out;
}

/** The actors of a split asked by the evaluation (see the rule above), with their forms. */
export function actorsToAsk(db: IndexDatabase): Array<{ id: string; name: string; forms: string[] }> {
  const known = new Map<string, Actor>(buildCatalog().map((a) => [a.id, a]));
  for (const r of db.prepare('SELECT id, name, kind, aliases FROM found_actors').all() as Array<{ id: string; name: string; kind: Actor['kind']; aliases: string }>) {
    if (!known.has(r.id)) known.set(r.id, { id: r.id, name: r.name, kind: r.kind, aliases: JSON.parse(r.aliases) as string[] });
  }
  const rows = db
    .prepare('SELECT a.id, s.articles FROM actor_stats s JOIN actors a ON a.n = s.actor WHERE s.articles >= ? ORDER BY s.articles DESC, a.id')
    .all(MIN_ARTICLES) as Array<{ id: string; articles: number }>;
  return rows
    .map((r) => known.get(r.id))
    .filter((a): a is Actor => a !== undefined && a.kind !== 'medium')
    .slice(0, TOP_ACTORS)
    .map((a) => ({ id: a.id, name: a.name, forms: [a.name, ...a.aliases] }));
}

/**
 * The three rows of a split. `sentences`: each article's sentences as the product splits them;
 * `newest`: article ids newest first (as the briefing's Lead-1 takes them).
 */
export async function actorRows(
  engine: CorpusEngine,
  db: IndexDatabase,
  labels: CorpusLabels,
  sentences: ReadonlyMap<string, string[]>,
  newest: readonly string[],
): Promise<ActorRow[]> {
  const empty: ActorScore = { picks: 0, standAlone: 0, named: 0, namedFirst: 0, duplicates: 0, halfQuotes: 0, pronounOnly: 0, unmatched: 0 };
  const rows: ActorRow[] = (['Produit', 'Recherche', 'Récents'] as const).map((system) => ({ system, actors: 0, score: { ...empty }, pages: [] }));
  const record = (row: ActorRow, actor: string, picks: Pick[], forms: string[]) => {
    const { score, flags } = scoreActorPage(labels, picks, forms);
    row.actors++;
    row.score = add(row.score, score);
    row.pages.push({ actor, picks: picks.map((p, i) => ({ ...p, flags: flags[i]! })) });
  };
  for (const actor of actorsToAsk(db)) {
    const answer = await engine.actor(actor.name, { offset: 0, limit: ACTOR_PAGE });
    if (!answer.found || answer.actor.id !== actor.id) continue;
    record(rows[0]!, actor.name, answer.excerpts.map((e) => ({ articleId: e.articleId, text: e.text })), actor.forms);
    const search = await engine.search(actor.name, { offset: 0, limit: ACTOR_PAGE });
    record(rows[1]!, actor.name, search.excerpts.slice(0, ACTOR_PAGE).map((e) => ({ articleId: e.articleId, text: e.text })), actor.forms);
    const recent: Pick[] = [];
    for (const id of newest) {
      for (const text of sentences.get(id) ?? []) if (recent.length < ACTOR_PAGE && formWord(text, actor.forms) >= 0) recent.push({ articleId: id, text });
    }
    record(rows[2]!, actor.name, recent, actor.forms);
  }
  return rows;
}

const SYSTEM_NAMES: Record<ActorSystem, string> = {
  Produit: 'Produit (/actor)',
  Recherche: 'Recherche (/search du nom)',
  Récents: 'Récents d’abord',
};

/** The `/actor` table of a split, in the style of the briefing rows. */
export function actorTable(corpus: string, rows: readonly ActorRow[]): string {
  const lines = [
    `**${corpus} — /actor** (1re page de ${ACTOR_PAGE} extraits ; les ${TOP_ACTORS} acteurs nommés dans le plus d’articles, au moins ${MIN_ARTICLES}, médias exclus)`,
    '',
    '| système | acteurs | extraits | se lisent seuls | nomment l’acteur | l’acteur en tête | doublons | demi-citations | pronom seul |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const s = r.score;
    const cell = (n: number) => `${n} (${pct(n, s.picks)})`;
    lines.push(
      `| ${SYSTEM_NAMES[r.system]} | ${r.actors} | ${s.picks} | ${cell(s.standAlone)} | ${cell(s.named)} | ${cell(s.namedFirst)} | ${s.duplicates} | ${s.halfQuotes} | ${s.pronounOnly} |`,
    );
  }
  return lines.join('\n');
}

/** Each actor's page, each pick marked as the labels read it. */
export function actorDetails(corpus: string, rows: readonly ActorRow[]): string {
  const lines: string[] = [];
  for (const r of rows) {
    for (const page of r.pages) {
      lines.push(`${corpus} — /actor ${page.actor} — ${SYSTEM_NAMES[r.system]}`);
      for (const p of page.picks) lines.push(`  ${(p.flags || 'seul').padEnd(12)} ${p.articleId}: ${p.text.slice(0, 110)}`);
    }
  }
  return lines.join('\n');
}
