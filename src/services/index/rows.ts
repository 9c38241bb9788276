/**
 * What the indexer writes for one analysed article, built where the article was analysed (an
 * analysis worker): the thread that writes every article on the one SQLite connection is an
 * ingest's bottleneck (93 % busy at 100 000 articles), so it only binds these values. Numbers
 * travel in typed arrays and texts in string arrays: a message of a few arrays, not an object per
 * sentence, term and mention to clone and collect.
 */
import { analyseFile, type AnalysedArticle } from './analyse.js';
import { paragraphsFromSentences } from './paragraphs.js';
import { encodeSpans } from './spans.js';
import { passageHash } from '../text/passage.js';
import type { ActorMatcher } from '../actors/matcher.js';
import type { StageClock } from './stages.js';

export interface ArticleRows {
  /** The `articles` row but its key, first sentence, sentence count and arrival (known when written). */
  article: {
    id: string;
    title: string;
    author: string | null;
    date: string | null;
    reading_minutes: number | null;
    language: string;
    /** JSON of the paragraphs, only when the sentences joined again do not spell them (see paragraphs.ts). */
    paragraphs: string | null;
    characters: number;
    url: string | null;
    place: string | null;
    site: string | null;
    fetched_at: string | null;
    guild: string | null;
    day: string;
  };
  notes: string[];
  /** Per sentence, in order: its text, its FTS5 terms (joined by spaces), paragraph, flags, centrality. */
  texts: string[];
  terms: string[];
  paragraph: Int32Array;
  flags: Int32Array;
  centrality: Float64Array;
  /** Actors found in the article that no list had, as `found_actors` rows (aliases as JSON). */
  found: Array<[id: string, name: string, kind: string, aliases: string]>;
  /** The mentioned actors, in the order of their first mention (their keys are given in that order). */
  actors: string[];
  /** Per mention, in the analysis's order: index in `actors`, sentence index, rank, score, passage hash, venue, cited. */
  actor: Int32Array;
  sentence: Int32Array;
  rank: Int32Array;
  score: Float64Array;
  passage: Float64Array;
  venue: Uint8Array;
  cited: Uint8Array;
  /** Every mention's spans (spans.ts), one after the other; mention i's end at `spanEnds[i]`. */
  spans: Uint8Array;
  spanEnds: Int32Array;
  /** Mentions per actor (aligned with `actors`), and mentions of a pair of actors (indexes) in one sentence, venues aside. */
  actorMentions: Int32Array;
  pairs: Int32Array;
}

/** What analysing a file's bytes gives, ready to write: the rows, or why it is not an article (in French). */
export type RowsAnalysis = { ok: true; rows: ArticleRows } | { ok: false; reason: string };

/** The day an article counts on: its publication date when it is a real ISO day, else `''` (undated). */
export function dayOf(date: string | undefined | null): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '';
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date ? '' : date;
}

/** The rows of an analysed article. */
export function articleRows({ article, sentences, found, mentions, notes }: AnalysedArticle): ArticleRows {
  const rebuilt = paragraphsFromSentences(sentences);
  const spelled = rebuilt.length === article.paragraphs.length && rebuilt.every((p, i) => p === article.paragraphs[i]);
  const count = mentions.length;
  const actorIndex = new Map<string, number>();
  const actor = new Int32Array(count);
  const sentence = new Int32Array(count);
  const rank = new Int32Array(count);
  const score = new Float64Array(count);
  const passage = new Float64Array(count);
  const venue = new Uint8Array(count);
  const cited = new Uint8Array(count);
  const spanEnds = new Int32Array(count);
  const spanParts: Buffer[] = [];
  // A named sentence's passage (what /actor counts once), folded and hashed once however many actors it names.
  const passages = new Map<number, number>();
  let spanBytes = 0;
  mentions.forEach((m, i) => {
    let a = actorIndex.get(m.actorId);
    if (a === undefined) actorIndex.set(m.actorId, (a = actorIndex.size));
    actor[i] = a;
    sentence[i] = m.sentenceIndex;
    rank[i] = m.articleRank;
    score[i] = m.score;
    let hash = passages.get(m.sentenceIndex);
    if (hash === undefined) passages.set(m.sentenceIndex, (hash = passageHash(sentences[m.sentenceIndex]!.text)));
    passage[i] = hash;
    venue[i] = m.venue ? 1 : 0;
    cited[i] = m.cited ? 1 : 0;
    const encoded = encodeSpans(m.spans);
    spanParts.push(encoded);
    spanEnds[i] = spanBytes += encoded.length;
  });
  const { actorMentions, pairs } = counts(actor, sentence, venue, actorIndex.size);
  return {
    article: {
      id: article.id,
      title: article.title,
      author: article.author ?? null,
      date: article.date ?? null,
      reading_minutes: article.readingMinutes ?? null,
      language: article.language,
      paragraphs: spelled ? null : JSON.stringify(article.paragraphs),
      characters: article.paragraphs.reduce((n, p) => n + p.length, 0),
      url: article.url ?? null,
      place: article.place ?? null,
      site: article.site ?? null,
      fetched_at: article.fetchedAt ?? null,
      guild: article.guild ?? null,
      day: dayOf(article.date),
    },
    notes,
    texts: sentences.map((s) => s.text),
    terms: sentences.map((s) => s.terms.join(' ')),
    paragraph: Int32Array.from(sentences, (s) => s.paragraph),
    flags: Int32Array.from(sentences, (s) => s.flags),
    centrality: Float64Array.from(sentences, (s) => s.centrality),
    found: found.map((a) => [a.id, a.name, a.kind, JSON.stringify(a.aliases)]),
    actors: [...actorIndex.keys()],
    actor,
    sentence,
    rank,
    score,
    passage,
    venue,
    cited,
    spans: joined(spanParts, spanBytes),
    spanEnds,
    actorMentions,
    pairs,
  };
}

/**
 * The parts in one array of its own: a Buffer may be a view of Node's shared 8 KB pool, which a
 * message to another thread would copy whole.
 */
function joined(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Mentions per actor, and how often two actors are named in one sentence (each ordered pair,
 * `[a, b, count]` flattened): a venue (`réunis à Rome`) counts as a mention of its actor but
 * relates it to no other.
 */
function counts(actor: Int32Array, sentence: Int32Array, venue: Uint8Array, actors: number): { actorMentions: Int32Array; pairs: Int32Array } {
  const actorMentions = new Int32Array(actors);
  const perSentence = new Map<number, number[]>();
  for (let i = 0; i < actor.length; i++) {
    actorMentions[actor[i]!]!++;
    if (venue[i]) continue;
    const list = perSentence.get(sentence[i]!);
    if (list) list.push(actor[i]!);
    else perSentence.set(sentence[i]!, [actor[i]!]);
  }
  const pairs = new Map<number, number>();
  for (const list of perSentence.values()) {
    for (const a of list) for (const b of list) if (a !== b) pairs.set(a * actors + b, (pairs.get(a * actors + b) ?? 0) + 1);
  }
  const flat = new Int32Array(pairs.size * 3);
  let i = 0;
  for (const [pair, n] of pairs) {
    flat[i++] = Math.floor(pair / actors);
    flat[i++] = pair % actors;
    flat[i++] = n;
  }
  return { actorMentions, pairs: flat };
}

/** File bytes → the rows to write, or why the file is not an article; never throws (see analyseFile). */
export function analyseFileRows(id: string, bytes: Uint8Array, listed: ActorMatcher, clock?: StageClock): RowsAnalysis {
  const result = analyseFile(id, bytes, listed, clock);
  if (!result.ok) return result;
  try {
    clock?.start();
    const rows = articleRows(result.analysed);
    // Part of writing it (it was done by the writing thread before).
    clock?.lap('write');
    return { ok: true, rows };
  } catch (error) {
    return { ok: false, reason: `analyse impossible (${error instanceof Error ? error.message : String(error)})` };
  }
}
