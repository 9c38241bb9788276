/**
 * What a server may see of the index, as SQL: the condition on an article row that hides other
 * servers' own sources, and the small SQL helpers every query module shares.
 */
import type { Scope } from '../engine.js';
import type { IndexDatabase } from './database.js';

export function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ');
}

/** An SQL condition (`AND …`, on the article alias `a`) and its arguments; empty when nothing is hidden. */
export interface ScopeFilter {
  sql: string;
  args: string[];
  /**
   * The same scope as the numbers of the articles it hides (`SELECT n …`, read from the partial
   * index on `guild`): a count over mentions can leave them out without reading an article row
   * per mention (the row's `guild` sits behind its paragraphs).
   */
  hidden?: { sql: string; args: string[] };
}

export const NO_FILTER: ScopeFilter = { sql: '', args: [] };

export function quoteFts(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * What a scope may not see, as a condition on the article alias `a`: the articles of other
 * servers' own sources (and, without a server, of every server's). Empty when no indexed article
 * is hidden from the scope: queries then take their usual paths and precomputed whole-corpus
 * counts (actor_stats, co_mentions, actor_days) are the scope's own.
 */
export function scopeFilter(db: IndexDatabase, scope: Scope | undefined): ScopeFilter {
  const guild = scope?.guildId;
  const hidden = guild
    ? db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE guild < ?) OR EXISTS (SELECT 1 FROM articles WHERE guild > ?)').pluck().get(guild, guild)
    : db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE guild IS NOT NULL)').pluck().get();
  if (!hidden) return NO_FILTER;
  return guild
    ? {
        sql: 'AND (a.guild IS NULL OR a.guild = ?)',
        args: [guild],
        hidden: { sql: 'SELECT n FROM articles WHERE guild IS NOT NULL AND guild <> ?', args: [guild] },
      }
    : { sql: 'AND a.guild IS NULL', args: [], hidden: { sql: 'SELECT n FROM articles WHERE guild IS NOT NULL', args: [] } };
}

/** The filter on a sentence id column (FTS5 rowids): its article visible. */
export function sentenceFilter(filter: ScopeFilter, column: string): ScopeFilter {
  if (!filter.sql) return filter;
  return { sql: `AND EXISTS (SELECT 1 FROM sentences s2 JOIN articles a ON a.n = s2.article WHERE s2.id = ${column} ${filter.sql})`, args: filter.args };
}

