/** Where an article comes from (link, outlet, arrival), as answers show it next to an excerpt. */
import { outletName } from '../corpus/outlet.js';
import type { Excerpt } from '../engine.js';
import type { IndexDatabase } from './database.js';
import { placeholders } from './scope.js';

/** Where an article comes from, as answers show it: its link, outlet and arrival. */
export interface ArticleOrigin {
  url?: string;
  outlet?: string;
  receivedAt?: string;
  indexedAt: string;
}

/** The outlet (site, else host) and the fetch time of an article row. */
export function published(row: { site: string | null; url: string | null; fetched_at: string | null }): Pick<ArticleOrigin, 'outlet' | 'receivedAt'> {
  const outlet = outletName(row.site ?? undefined, row.url ?? undefined);
  const received = row.fetched_at && !Number.isNaN(Date.parse(row.fetched_at)) ? new Date(row.fetched_at).toISOString() : undefined;
  return { ...(outlet ? { outlet } : {}), ...(received ? { receivedAt: received } : {}) };
}

/** Article ids read per statement when excerpts are given their origin. */
const ORIGIN_CHUNK = 500;

/**
 * The excerpts with where their article comes from: its outlet, publication date and arrival
 * from the web, and the address of the original, when known (answers name outlets, never ids).
 */
export function withLinks(db: IndexDatabase, excerpts: Excerpt[]): Excerpt[] {
  const ids = [...new Set(excerpts.map((e) => e.articleId))];
  if (ids.length === 0) return excerpts;
  type Row = { id: string; url: string | null; site: string | null; date: string | null; fetched_at: string | null };
  const origins = new Map<string, Pick<Excerpt, 'url' | 'outlet' | 'date' | 'receivedAt'>>();
  // In chunks: SQLite bounds the variables of one statement (a CLI `--all` can list many articles).
  for (let i = 0; i < ids.length; i += ORIGIN_CHUNK) {
    const chunk = ids.slice(i, i + ORIGIN_CHUNK);
    const rows = db
      .prepare(`SELECT id, url, site, date, fetched_at FROM articles WHERE id IN (${placeholders(chunk.length)})`)
      .all(...chunk) as Row[];
    for (const r of rows) {
      origins.set(r.id, { ...(r.url ? { url: r.url } : {}), ...published(r), ...(r.date ? { date: r.date } : {}) });
    }
  }
  return excerpts.map((e) => {
    const origin = origins.get(e.articleId);
    return origin && Object.keys(origin).length > 0 ? { ...e, ...origin } : e;
  });
}
