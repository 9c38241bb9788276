/**
 * What /actor answers: an actor's passages, one per repeated sentence, in pages; how many there
 * are; the actors named with it; and actor names for autocompletion.
 */
import type { ActorAnswer, Choice, Excerpt, NamedCount, Page, Scope } from '../engine.js';
import type { IndexDatabase } from './database.js';
import { decodeSpans as parseSpans } from './spans.js';
import type { MentionCounts } from './series.js';
import { withLinks } from './article-origin.js';
import { summary, type ActorDirectory } from './actor-directory.js';
import { SENTENCE_COLUMNS, type SentenceRow } from './sentence-search.js';
import { NO_FILTER, scopeFilter, type ScopeFilter } from './scope.js';
import { SentenceFlag } from '../briefing/excerpts.js';
import { NOT_ALONE_RANK } from './analyse.js';
import { termsOf } from '../text/stem.js';

/**
 * Stored order (analyse.ts): the sentences that stand alone first, articles taken in turn (each
 * one's first such sentence, then each one's second…), by score within a turn; then those that do
 * not. readingOrder refines it within consecutive windows of this many rows, so that a page
 * reads a bounded number of rows in the table's own order (no sort of a busy actor's mentions)
 * and every page is cut from the same list.
 */
export const ORDER_WINDOW = 64;
/** A mention that starts before this character is mostly the sentence's subject (« Le président russe Vladimir Poutine a… »). */
export const SUBJECT_REACH = 48;

export interface OrderedMention {
  article_rank: number;
  /** The sentence's SentenceFlag bits (index time). */
  flags: number;
  spans: Uint8Array;
  text: string;
}

type MentionRow = SentenceRow & OrderedMention & { score: number; passage: number };

/**
 * Two sentences sharing this share of their pairs of consecutive terms (Jaccard) are one sentence
 * edited by another outlet (« se retrouvent ce dimanche » / « se retrouvent dimanche », one
 * quotation cut differently). Pairs, not words: the same words in another order say another thing
 * (« a quitté Bruxelles pour La Haye » / « a quitté La Haye pour Bruxelles »). Chosen on the real
 * dev pages: such copies share 0.52–1; two sentences about one meeting (« a décollé… » / « a
 * atterri… ») or the same news reworded, 0.15–0.24; sentences written for the tests, up to 0.44.
 */
export const NEAR_COPY = 0.5;

/** A sentence's pairs of consecutive index terms. */
function termPairs(text: string): Set<string> {
  const terms = termsOf(text);
  return new Set(terms.slice(1).map((t, i) => `${terms[i]} ${t}`));
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}

/**
 * Within each window of rows in stored order: a sentence that goes on a unit begun before it
 * (the rest of a quotation, which the judge may accept alone) joins those that do not stand
 * alone, after the others; within a turn, an article's lead (the sentence its briefing serves)
 * first, then a sentence whose subject is the actor (named in its first characters), then the
 * stored order. A near copy of a sentence listed before it in the window goes to the window's
 * end (one sentence once; a copy word for word is left out later, by its passage hash).
 */
export function readingOrder<T extends OrderedMention>(rows: readonly T[], window = ORDER_WINDOW): T[] {
  const key = (r: T) => [
    r.article_rank >= NOT_ALONE_RANK || (r.flags & SentenceFlag.Continues) !== 0 ? 1 : 0,
    r.article_rank,
    (r.flags & SentenceFlag.Lead) !== 0 ? 0 : 1,
    (parseSpans(r.spans)[0]?.start ?? Infinity) < SUBJECT_REACH ? 0 : 1,
  ];
  const out: T[] = [];
  for (let from = 0; from < rows.length; from += window) {
    const keyed = rows.slice(from, from + window).map((row, i) => ({ row, i, k: key(row) }));
    keyed.sort((a, b) => a.k[0]! - b.k[0]! || a.k[1]! - b.k[1]! || a.k[2]! - b.k[2]! || a.k[3]! - b.k[3]! || a.i - b.i);
    const listed: Array<Set<string>> = [];
    const copies: T[] = [];
    for (const { row } of keyed) {
      const terms = termPairs(row.text);
      if (listed.some((l) => shared(l, terms) >= NEAR_COPY)) copies.push(row);
      else {
        listed.push(terms);
        out.push(row);
      }
    }
    out.push(...copies);
  }
  return out;
}

/** Actors listed as named with the one asked for. */
const RELATED_LIMIT = 10;
/** Passage counts kept at most (one per actor and scope asked since the index last changed). */
const PASSAGE_COUNTS_KEPT = 2_000;

export class ActorQueries {
  /** Actors' passage counts (see passageCount) for the index as of `stamp`. */
  private passages = { stamp: '', counts: new Map<string, { total: number; mentions: number }>() };
  /** Actors' related actors per scope (see related) for the index as of `stamp`: pages reuse them. */
  private relatedKept = { stamp: '', lists: new Map<string, NamedCount[]>() };

  constructor(
    private readonly db: IndexDatabase,
    private readonly actors: ActorDirectory,
    private readonly counts: MentionCounts,
  ) {}

  /** Forgets the counts and lists kept (a closed engine holds no cache). */
  clear(): void {
    this.passages = { stamp: '', counts: new Map() };
  }

  actor(query: string, page: Page = {}, scope?: Scope): ActorAnswer {
    const filter = scopeFilter(this.db, scope);
    const resolution = this.actors.resolver.resolve(query);
    if (!resolution.actor || !this.actors.visible(resolution.actor, filter)) {
      // An actor found only in articles hidden from the scope is unknown there, as are such suggestions.
      const suggestions = resolution.actor ? [] : resolution.suggestions.filter((a) => this.actors.visible(a, filter));
      return { found: false, query, suggestions: suggestions.slice(0, 3).map(summary) };
    }
    const { actor, matchedAlias } = resolution;
    const key = this.actors.key(actor.id);
    // One sentence once: a sentence repeated (a wire copy, a pull quote) is shown where it first
    // comes, and counted once. Read from the start so that every page dedupes against the same
    // earlier pages; sentences are the same passage when their passage hashes (index-time) are.
    const { total, mentions } = this.passageCount(key, filter);
    const offset = Math.max(0, page.offset ?? 0);
    const end = page.limit === undefined ? Infinity : offset + Math.max(0, page.limit);
    const statement = this.db.prepare(
      `SELECT m.spans, m.score, m.passage, m.article_rank, s.flags, ${SENTENCE_COLUMNS}
       FROM mentions m JOIN sentences s ON s.id = m.sentence JOIN articles a ON a.n = m.article
       WHERE m.actor = ? ${filter.sql} ORDER BY m.article_rank, m.score DESC, a.id, s.id LIMIT ?`,
    );
    // Twice the rows the page needs in whole windows (see readingOrder), more while copies leave
    // the page short (a page never ends early).
    let unique: MentionRow[] = [];
    for (let wanted = end === Infinity ? -1 : ORDER_WINDOW * Math.ceil((2 * end) / ORDER_WINDOW); ; wanted *= 2) {
      const ordered = readingOrder(statement.all(key, ...filter.args, wanted) as MentionRow[]);
      const seen = new Set<number>();
      unique = ordered.filter((r) => {
        if (seen.has(r.passage)) return false;
        seen.add(r.passage);
        return true;
      });
      if (wanted < 0 || unique.length >= end || ordered.length < wanted) break;
    }
    const rows = unique.slice(offset, page.limit === undefined ? undefined : offset + page.limit);
    // The forms the actor was found under are the text of its spans (not stored twice).
    const forms = new Set<string>();
    const excerpts = rows.map((r): Excerpt => {
      const highlights = parseSpans(r.spans);
      for (const h of highlights) forms.add(r.text.slice(h.start, h.end));
      return { articleId: r.article_id, title: r.title, text: r.text, sentenceIndex: r.idx, score: r.score, highlights };
    });
    return {
      found: true,
      actor: summary(actor),
      ...(matchedAlias ? { matchedAlias } : {}),
      total,
      repeated: mentions - total,
      excerpts: withLinks(this.db, excerpts),
      forms: [...forms],
      related: this.related(actor.id, RELATED_LIMIT, filter),
    };
  }

  /** An actor's distinct passages (what /actor lists) and the sentences naming it (copies included). */
  private passageCount(key: number, filter: ScopeFilter): { total: number; mentions: number } {
    // Counted in SQL from the passage hashes the indexer stored; kept until the index changes, so
    // that turning pages costs nothing.
    const stamp = this.counts.stamp();
    if (this.passages.stamp !== stamp || this.passages.counts.size >= PASSAGE_COUNTS_KEPT) this.passages = { stamp, counts: new Map() };
    const cacheKey = `${key}|${filter.sql}|${filter.args.join('|')}`;
    const kept = this.passages.counts.get(cacheKey);
    if (kept) return kept;
    // A scope leaves out the articles it hides, listed once (a small set, built once per query),
    // rather than joining each mention to its article row.
    const hidden = filter.sql ? filter.hidden : undefined;
    const [from, where, args] = hidden
      ? ['mentions m', `AND m.article NOT IN (${hidden.sql})`, hidden.args]
      : filter.sql
        ? ['mentions m JOIN articles a ON a.n = m.article', filter.sql, filter.args]
        : ['mentions m', '', []];
    const counted = this.db
      .prepare(`SELECT count(DISTINCT m.passage) AS total, count(*) AS mentions FROM ${from} WHERE m.actor = ? ${where}`)
      .get(key, ...args) as { total: number; mentions: number };
    this.passages.counts.set(cacheKey, counted);
    return counted;
  }

  /**
   * The actors most often named in the same sentences as this one. Media are sources, not
   * actors of the news: never listed (their kind is known here, not in the index, so rows are
   * read page by page until enough others are found).
   */
  private related(actorId: string, limit: number, filter: ScopeFilter = NO_FILTER): NamedCount[] {
    // A scope's list costs a pass over the actor's mentions: kept until the index changes, so
    // that turning pages costs nothing.
    const stamp = this.counts.stamp();
    if (this.relatedKept.stamp !== stamp || this.relatedKept.lists.size >= PASSAGE_COUNTS_KEPT) this.relatedKept = { stamp, lists: new Map() };
    const cacheKey = `${actorId}|${limit}|${filter.sql}|${filter.args.join('|')}`;
    let list = this.relatedKept.lists.get(cacheKey);
    if (!list) this.relatedKept.lists.set(cacheKey, (list = this.readRelated(actorId, limit, filter)));
    return list.map((r) => ({ ...r }));
  }

  private readRelated(actorId: string, limit: number, filter: ScopeFilter): NamedCount[] {
    // Counted as the indexer counts co_mentions: pairs in one sentence, venues left out. With
    // articles hidden from the scope, the whole corpus's co_mentions less the pairs in the hidden
    // articles (listed once, see ScopeFilter.hidden): only their sentences are self-joined, not
    // all of a busy actor's (20k articles, 10 % hidden: ~700 → ~50 ms per list, the same list).
    const hidden = filter.sql ? filter.hidden : undefined;
    const page = hidden
      ? this.db.prepare(
          `WITH hidden AS MATERIALIZED (
             SELECT x.actor AS other, count(*) AS count FROM mentions m
             JOIN mentions x ON x.sentence = m.sentence AND x.actor <> m.actor AND x.venue = 0
             WHERE m.actor = ? AND m.venue = 0 AND m.article IN (${hidden.sql}) GROUP BY x.actor)
           SELECT o.id AS other_id, c.count - coalesce(h.count, 0) AS count FROM co_mentions c JOIN actors o ON o.n = c.other
           LEFT JOIN hidden h ON h.other = c.other
           WHERE c.actor = ? AND c.count - coalesce(h.count, 0) > 0 ORDER BY count DESC, o.id LIMIT ? OFFSET ?`,
        )
      : filter.sql
        ? this.db.prepare(
            `SELECT o.id AS other_id, count(*) AS count FROM mentions m JOIN articles a ON a.n = m.article
             JOIN mentions x ON x.sentence = m.sentence AND x.actor <> m.actor AND x.venue = 0
             JOIN actors o ON o.n = x.actor
             WHERE m.actor = ? AND m.venue = 0 ${filter.sql} GROUP BY x.actor ORDER BY count DESC, o.id LIMIT ? OFFSET ?`,
          )
        : this.db.prepare(
            `SELECT o.id AS other_id, c.count FROM co_mentions c JOIN actors o ON o.n = c.other
             WHERE c.actor = ? ORDER BY c.count DESC, o.id LIMIT ? OFFSET ?`,
          );
    const key = this.actors.key(actorId);
    const args = hidden ? [key, ...hidden.args, key] : [key, ...(filter.sql ? filter.args : [])];
    const size = limit * 2;
    const related: NamedCount[] = [];
    for (let offset = 0; related.length < limit; offset += size) {
      const rows = page.all(...args, size, offset) as Array<{ other_id: string; count: number }>;
      const named = this.actors.named(rows.map((r) => ({ id: r.other_id, count: r.count })));
      related.push(...named.filter((r) => this.actors.actorOf(r.id!)?.kind !== 'medium'));
      if (rows.length < size) break;
    }
    return related.slice(0, limit);
  }

  autocompleteActors(partial: string, limit = 25, scope?: Scope): Choice[] {
    const filter = scopeFilter(this.db, scope);
    const choices = this.actors.resolver.autocomplete(partial, filter.sql ? limit * 2 : limit).filter((a) => this.actors.visible(a, filter));
    return choices.slice(0, limit).map((a) => ({ name: a.name, value: a.name }));
  }
}
