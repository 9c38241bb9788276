/**
 * What the index says of its articles: one article to read, the list of sources, the files it
 * skipped, new arrivals and which follows they match, and titles for autocompletion.
 */
import path from 'node:path';
import Fuse from 'fuse.js';
import type { ArrivedArticle, ArticleSummary, ArticleView, Choice, FileNotice, Scope } from '../engine.js';
import { foldText } from '../text/normalize.js';
import { SENTENCES_OF_A, type IndexDatabase } from './database.js';
import { paragraphsFromSentences } from './paragraphs.js';
import { fileOwner } from './file-owner.js';
import { published } from './article-origin.js';
import type { SentenceSearch } from './sentence-search.js';
import { placeholders, scopeFilter } from './scope.js';

type TitleRow = { id: string; title: string; guild: string | null; folded: string };

export class ArticleQueries {
  /** Article titles for autocompletion, read on first use (a CLI call never needs them). */
  private articleTitles: TitleRow[] | undefined;

  constructor(
    private readonly db: IndexDatabase,
    private readonly search: SentenceSearch,
  ) {}

  /** The titles held in memory, if read (a closed engine holds none). */
  get heldTitles(): readonly TitleRow[] | undefined {
    return this.articleTitles;
  }

  /**
   * Re-reads the titles kept, if any: only those of `articleIds` when given (a watcher's sync of
   * one file must not reload a large corpus); else they are read again on next use.
   */
  reloadTitles(articleIds?: readonly string[]): void {
    const withFolded = (a: { id: string; title: string; guild: string | null }) => ({ ...a, folded: foldText(`${a.id} ${a.title}`) });
    if (!this.articleTitles) return;
    if (articleIds) {
      const changed = new Set(articleIds);
      const fresh = articleIds.flatMap(
        (id) =>
          (this.db.prepare('SELECT id, title, guild FROM articles WHERE id = ?').get(id) as { id: string; title: string; guild: string | null } | undefined) ?? [],
      );
      // Newest first, as a full reload orders them.
      this.articleTitles = [...fresh.map(withFolded), ...this.articleTitles.filter((a) => !changed.has(a.id))];
      return;
    }
    this.articleTitles = undefined;
  }

  /** Forgets the titles kept. */
  forget(): void {
    this.articleTitles = undefined;
  }

  private titles(): TitleRow[] {
    this.articleTitles ??= (this.db.prepare('SELECT id, title, guild FROM articles ORDER BY date DESC, id').all() as Array<{
      id: string;
      title: string;
      guild: string | null;
    }>).map((a) => ({ ...a, folded: foldText(`${a.id} ${a.title}`) }));
    return this.articleTitles;
  }

  article(id: string, scope?: Scope): ArticleView | undefined {
    const filter = scopeFilter(this.db, scope);
    const row = this.db
      .prepare(
        `SELECT id, title, author, date, reading_minutes, paragraphs, characters, first_sentence, sentence_count, url, place, site, fetched_at, first_seen_ms
         FROM articles a WHERE id = ? ${filter.sql}`,
      )
      .get(id.trim(), ...filter.args) as
      | {
          id: string;
          title: string;
          author: string | null;
          date: string | null;
          reading_minutes: number | null;
          paragraphs: string | null;
          characters: number;
          first_sentence: number;
          sentence_count: number;
          url: string | null;
          place: string | null;
          site: string | null;
          fetched_at: string | null;
          first_seen_ms: number;
        }
      | undefined;
    if (!row) return undefined;
    const paragraphs =
      row.paragraphs === null
        ? paragraphsFromSentences(
            this.db
              .prepare('SELECT paragraph, text FROM sentences WHERE id BETWEEN ? AND ? ORDER BY id')
              .all(row.first_sentence, row.first_sentence + row.sentence_count - 1) as Array<{ paragraph: number; text: string }>,
          )
        : (JSON.parse(row.paragraphs) as string[]);
    return {
      id: row.id,
      title: row.title,
      ...(row.url ? { url: row.url } : {}),
      ...published(row),
      ...(row.author ? { author: row.author } : {}),
      ...(row.date ? { date: row.date } : {}),
      ...(row.place ? { place: row.place } : {}),
      ...(row.site ? { site: row.site } : {}),
      arrivedAt: row.first_seen_ms,
      ...(row.reading_minutes ? { readingMinutes: row.reading_minutes } : {}),
      paragraphs,
      sentences: row.sentence_count,
      characters: row.characters,
    };
  }

  autocompleteArticles(partial: string, limit = 25, scope?: Scope): Choice[] {
    const folded = foldText(partial.trim());
    const guild = scope?.guildId;
    const titles = this.titles().filter((a) => a.guild === null || a.guild === guild);
    let hits = folded ? titles.filter((a) => a.folded.includes(folded)) : titles;
    if (hits.length === 0 && folded) {
      hits = new Fuse(titles, { keys: ['folded'], threshold: 0.4, ignoreLocation: true })
        .search(folded, { limit })
        .map((r) => r.item);
    }
    return hits.slice(0, limit).map((a) => ({ name: a.title, value: a.id }));
  }

  sources(scope?: Scope): ArticleSummary[] {
    const filter = scopeFilter(this.db, scope);
    const rows = this.db
      .prepare(`SELECT id, title, author, date, sentence_count, characters, url, site, fetched_at FROM articles a WHERE 1 ${filter.sql} ORDER BY id`)
      .all(...filter.args) as Array<{
      id: string;
      title: string;
      author: string | null;
      date: string | null;
      sentence_count: number;
      characters: number;
      url: string | null;
      site: string | null;
      fetched_at: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      ...(r.url ? { url: r.url } : {}),
      ...published(r),
      ...(r.author ? { author: r.author } : {}),
      ...(r.date ? { date: r.date } : {}),
      sentences: r.sentence_count,
      characters: r.characters,
    }));
  }

  fileNotices(scope?: Scope): FileNotice[] {
    const rows = this.db
      .prepare(
        `SELECT f.path, f.status, f.reason, a.n IS NOT NULL AS held, a.guild FROM files f LEFT JOIN articles a ON a.id = f.article_id
         WHERE f.status <> 'ok' OR f.reason IS NOT NULL ORDER BY f.path`,
      )
      .all() as Array<{ path: string; status: string; reason: string | null; held: number; guild: string | null }>;
    // A server sees the files of shared articles and its own; the operator (no scope) sees all.
    // A skipped file has no article row: its owner is read from its header.
    const visible = (r: (typeof rows)[number]) => {
      if (scope === undefined) return true;
      const owner = r.held ? r.guild : fileOwner(r.path);
      return owner === null || owner === scope.guildId;
    };
    return rows.filter(visible).map((r) => ({ file: path.basename(r.path), indexed: r.status === 'ok', reason: r.reason ?? '' }));
  }

  indexMark(): number {
    return (this.db.prepare('SELECT max(first_seen_ms) FROM articles').pluck().get() as number | null) ?? 0;
  }

  arrivals(afterMs: number, limit = 500): ArrivedArticle[] {
    const rows = this.db
      .prepare('SELECT n, id, title, date, url, site, guild, first_seen_ms FROM articles WHERE first_seen_ms > ? ORDER BY first_seen_ms, id LIMIT ?')
      .all(afterMs, limit) as Array<{
      n: number;
      id: string;
      title: string;
      date: string | null;
      url: string | null;
      site: string | null;
      guild: string | null;
      first_seen_ms: number;
    }>;
    if (rows.length === 0) return [];
    const actors = new Map<number, string[]>();
    const mentionRows = this.db
      .prepare(
        `SELECT DISTINCT a.n AS article, ac.id FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} JOIN actors ac ON ac.n = m.actor
         WHERE m.venue = 0 AND a.n IN (${placeholders(rows.length)}) ORDER BY article, ac.id`,
      )
      .all(...rows.map((r) => r.n)) as Array<{ article: number; id: string }>;
    for (const r of mentionRows) {
      const own = actors.get(r.article) ?? [];
      own.push(r.id);
      actors.set(r.article, own);
    }
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      ...(r.date ? { date: r.date } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(r.site ? { site: r.site } : {}),
      ...(r.guild ? { guild: r.guild } : {}),
      arrivedAt: r.first_seen_ms,
      actorIds: actors.get(r.n) ?? [],
    }));
  }

  matchQueries(queries: readonly string[], articleIds: readonly string[]): string[][] {
    if (articleIds.length === 0 || queries.length === 0) return queries.map(() => []);
    const rows = this.db
      .prepare(`SELECT n, id, first_sentence, sentence_count FROM articles WHERE id IN (${placeholders(articleIds.length)})`)
      .all(...articleIds) as Array<{ n: number; id: string; first_sentence: number; sentence_count: number }>;
    if (rows.length === 0) return queries.map(() => []);
    const idOf = new Map(rows.map((r) => [r.n, r.id]));
    // New articles hold the newest sentence ids: one range bounds every query to them.
    const from = Math.min(...rows.map((r) => r.first_sentence));
    const to = Math.max(...rows.map((r) => r.first_sentence + r.sentence_count - 1));
    const statement = this.db
      .prepare(
        `SELECT DISTINCT s.article FROM sentence_fts f JOIN sentences s ON s.id = f.rowid
         WHERE sentence_fts MATCH ? AND f.rowid BETWEEN ? AND ?`,
      )
      .pluck();
    return queries.map((query) => {
      const match = this.search.matchExpression(query);
      if (!match) return [];
      return (statement.all(match.expression, from, to) as number[]).flatMap((n) => idOf.get(n) ?? []);
    });
  }


  ownsArticles(guildId: string): boolean {
    return this.db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE guild = ?)').pluck().get(guildId) === 1;
  }

  articlesSince(sinceMs: number, scope?: Scope): string[] {
    const filter = scopeFilter(this.db, scope);
    return this.db
      .prepare(`SELECT id FROM articles a WHERE first_seen_ms > ? ${filter.sql} ORDER BY first_seen_ms, id`)
      .pluck()
      .all(sinceMs, ...filter.args) as string[];
  }
}
