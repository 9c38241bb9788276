/**
 * Free-text search over the sentences: the FTS5 expression of a query (typos corrected against
 * the index vocabulary), its ranking in windows of recent sentences, and its pages.
 */
import type { Excerpt, Page, SearchAnswer, SearchCorrection, Scope } from '../engine.js';
import { tokenize } from '../text/normalize.js';
import { stemFrench, termsOf } from '../text/stem.js';
import type { IndexDatabase } from './database.js';
import type { Vocabulary } from './typos.js';
import { withLinks } from './article-origin.js';
import { NO_FILTER, placeholders, quoteFts, scopeFilter, sentenceFilter, type ScopeFilter } from './scope.js';

/** Options of {@link SentenceSearch}, with their defaults. */
export interface SearchOptions {
  /** Sizes (in sentences, newest first) of the windows a search ranks first. Default 100 000 and 1 000 000. */
  searchWindows?: readonly number[];
  /** A window is ranked on its own when it holds at least this many matches. Default 100. */
  searchWindowMinMatches?: number;
}

/** Sizes (in sentences, newest first) of the windows a paged search tries before the whole corpus. */
const SEARCH_WINDOWS = [100_000, 1_000_000];
/** A window is ranked on its own when it holds at least this many matches. */
const SEARCH_WINDOW_MIN_MATCHES = 100;

/** A range of sentence ids (`above` < id <= `upTo`) ranked on its own, and its number of matches. */
interface SearchTier {
  above: number;
  upTo: number;
  count: number;
}

export interface SentenceRow {
  id: number;
  article_id: string;
  idx: number;
  text: string;
  title: string;
}

/** The columns of a sentence row as queries return it: its article's id and its rank in the article. */
export const SENTENCE_COLUMNS = 's.id, a.id AS article_id, s.id - a.first_sentence AS idx, s.text, a.title';

export class SentenceSearch {
  constructor(
    private readonly db: IndexDatabase,
    private readonly vocabulary: Vocabulary,
    private readonly options: SearchOptions = {},
  ) {}

  /** FTS5 match expression for a free-text query, typos corrected against the index vocabulary. */
  matchExpression(
    query: string,
  ): { expression: string; phrase: string; stems: Set<string>; replaced: Map<string, string[]> } | undefined {
    const terms = [...new Set(termsOf(query))];
    if (terms.length === 0) return undefined;
    const stems = new Set<string>();
    const corrected = terms.map((term) => this.vocabulary.closest(term));
    // Terms the index has never seen, and the near terms searched instead.
    const replaced = new Map<string, string[]>();
    terms.forEach((term, i) => {
      const alternatives = corrected[i]!;
      if (!alternatives.includes(term)) replaced.set(term, alternatives);
    });
    for (const alternatives of corrected) for (const alt of alternatives) stems.add(alt);
    return {
      expression: corrected.map((alternatives) => `(${alternatives.map(quoteFts).join(' OR ')})`).join(' OR '),
      // Sentences with the words side by side, as typed, come first.
      phrase: corrected.length > 1 ? `"${corrected.map((alternatives) => alternatives[0]!.replace(/"/g, '""')).join(' ')}"` : '',
      stems,
      replaced,
    };
  }

  highlightStems(text: string, stems: Set<string>): Excerpt['highlights'] {
    return tokenize(text)
      .filter((t) => stems.has(stemFrench(t.folded)))
      .map((t) => ({ start: t.start, end: t.end }));
  }

  /**
   * The tiers a search ranks in, newest first: the smallest window of recent sentences that holds
   * enough matches, then the next window, then the rest of the corpus. They are chosen from match
   * counts alone, never from the page asked, so that every page of a query reads one total order:
   * a news reader gets the latest first, and a first page costs a bounded ranking however large
   * the corpus grows.
   */
  private searchTiers(expression: string, total: number, newest: number, filter: ScopeFilter = NO_FILTER): SearchTier[] {
    const visible = sentenceFilter(filter, 'sentence_fts.rowid');
    const count = this.db.prepare(`SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid > ? AND rowid <= ? ${visible.sql}`).pluck();
    const tiers: SearchTier[] = [];
    let upTo = newest;
    let counted = 0;
    for (const size of this.options.searchWindows ?? SEARCH_WINDOWS) {
      const above = newest - size;
      if (above <= 0 || above >= upTo) continue;
      const inWindow = count.get(expression, above, upTo, ...visible.args) as number;
      if (inWindow < (this.options.searchWindowMinMatches ?? SEARCH_WINDOW_MIN_MATCHES)) continue;
      tiers.push({ above, upTo, count: inWindow });
      counted += inWindow;
      upTo = above;
    }
    tiers.push({ above: Number.MIN_SAFE_INTEGER, upTo, count: total - counted });
    return tiers;
  }

  /**
   * Ids and BM25 ranks of the sentences matching a query, in one total order: newest tier first
   * ({@link searchTiers}), then the query's words side by side, then BM25 rank, then id. Pages
   * (`offset`, `limit`) are slices of that order: none repeats or skips a sentence.
   */
  rankedSentences(
    match: { expression: string; phrase: string },
    offset: number,
    limit: number | undefined,
    filter: ScopeFilter = NO_FILTER,
    newest = this.newestSentence(),
    total = this.matchCount(match.expression, newest, filter),
  ): Array<{ id: number; rank: number }> {
    const visible = sentenceFilter(filter, 'sentence_fts.rowid');
    const inTier = this.db.prepare(
      `SELECT rowid AS id, bm25(sentence_fts) AS rank FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid > ? AND rowid <= ? ${visible.sql}
       ORDER BY rowid IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid > ? AND rowid <= ?) DESC, rank, rowid
       LIMIT ? OFFSET ?`,
    );
    const out: Array<{ id: number; rank: number }> = [];
    let skip = Math.max(0, offset);
    let wanted = limit ?? Number.POSITIVE_INFINITY;
    for (const tier of this.searchTiers(match.expression, total, newest, filter)) {
      if (wanted <= 0) break;
      if (skip >= tier.count) {
        skip -= tier.count;
        continue;
      }
      const rows = inTier.all(
        match.expression,
        tier.above,
        tier.upTo,
        ...visible.args,
        match.phrase || '""',
        tier.above,
        tier.upTo,
        Number.isFinite(wanted) ? wanted : -1,
        skip,
      ) as Array<{ id: number; rank: number }>;
      out.push(...rows);
      wanted -= rows.length;
      skip = 0;
    }
    return out;
  }

  /**
   * The words of a query replaced by near ones, as written: the typed word, and for each term
   * searched instead its most frequent written form in a sentence that has it.
   */
  private corrections(query: string, replaced: Map<string, string[]>, filter: ScopeFilter = NO_FILTER): SearchCorrection[] {
    if (replaced.size === 0) return [];
    const visible = sentenceFilter(filter, 'sentence_fts.rowid');
    const sample = this.db
      .prepare(`SELECT text FROM sentences WHERE id IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? ${visible.sql} LIMIT 20)`)
      .pluck();
    const written = (stem: string): string => {
      const forms = new Map<string, number>();
      for (const text of sample.all(quoteFts(stem), ...visible.args) as string[]) {
        for (const token of tokenize(text)) {
          if (stemFrench(token.folded) !== stem) continue;
          const form = token.raw.toLocaleLowerCase('fr');
          forms.set(form, (forms.get(form) ?? 0) + 1);
        }
      }
      return [...forms].sort((a, b) => b[1] - a[1])[0]?.[0] ?? stem;
    };
    const out: SearchCorrection[] = [];
    const done = new Set<string>();
    for (const token of tokenize(query)) {
      const stem = stemFrench(token.folded);
      const alternatives = replaced.get(stem);
      if (!alternatives || done.has(stem)) continue;
      done.add(stem);
      out.push({ typed: token.raw, searched: alternatives.map(written) });
    }
    return out;
  }

  /** Matching sentences up to sentence id `upTo`. */
  private matchCount(expression: string, upTo: number, filter: ScopeFilter = NO_FILTER): number {
    const visible = sentenceFilter(filter, 'sentence_fts.rowid');
    return this.db
      .prepare(`SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid <= ? ${visible.sql}`)
      .pluck()
      .get(expression, upTo, ...visible.args) as number;
  }

  /** The id of the last sentence indexed: a search snapshot (later sentences have larger ids). */
  private newestSentence(): number {
    return (this.db.prepare('SELECT max(id) FROM sentences').pluck().get() as number | null) ?? 0;
  }

  /** The sentences of these ids with their article titles, in the order given. */
  sentencesById(ids: number[]): SentenceRow[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${SENTENCE_COLUMNS} FROM sentences s JOIN articles a ON a.n = s.article
         WHERE s.id IN (${placeholders(ids.length)})`,
      )
      .all(...ids) as SentenceRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  search(query: string, page: Page = {}, scope?: Scope): SearchAnswer {
    const match = this.matchExpression(query);
    if (!match) return { query, total: 0, excerpts: [] };
    const filter = scopeFilter(this.db, scope);
    // Every page of an answer reads the corpus as its first page did.
    const snapshot = page.snapshot !== undefined && Number.isSafeInteger(page.snapshot) ? page.snapshot : this.newestSentence();
    const total = this.matchCount(match.expression, snapshot, filter);
    const ranked = this.rankedSentences(match, page.offset ?? 0, page.limit, filter, snapshot, total);
    const rows = this.sentencesById(ranked.map((r) => r.id));
    const corrections = this.corrections(query, match.replaced, filter);
    return {
      query,
      total,
      snapshot,
      ...(corrections.length > 0 ? { corrections } : {}),
      excerpts: withLinks(this.db, 
        rows.map((r, i) => ({
          articleId: r.article_id,
          title: r.title,
          text: r.text,
          sentenceIndex: r.idx,
          score: -ranked[i]!.rank,
          highlights: this.highlightStems(r.text, match.stems),
        })),
      ),
    };
  }
}
