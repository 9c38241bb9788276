/**
 * A corpus engine seen from one scope (a Discord server, or the shared view): every query that
 * takes a {@link Scope} gets this one, so command handlers need not know servers exist. Built per
 * interaction from its guild (start-bot.ts) and by the CLI's `--guild`.
 */
import type { CorpusEngine, Scope } from './engine.js';

export function scopedEngine(engine: CorpusEngine, scope: Scope): CorpusEngine {
  const { mentionSeries, trends, indexProgress, indexMark, arrivals, matchQueries, storiesOf, ownsArticles } = engine;
  return {
    actor: (query, page) => engine.actor(query, page, scope),
    autocompleteActors: (partial, limit) => engine.autocompleteActors(partial, limit, scope),
    search: (query, page) => engine.search(query, page, scope),
    briefing: (request) => engine.briefing(request, scope),
    article: (id) => engine.article(id, scope),
    autocompleteArticles: (partial, limit) => engine.autocompleteArticles(partial, limit, scope),
    sources: () => engine.sources(scope),
    fileNotices: () => engine.fileNotices(scope),
    articlesSince: (sinceMs) => engine.articlesSince(sinceMs, scope),
    ...(mentionSeries ? { mentionSeries: (actorIds: string[], days?: number) => mentionSeries.call(engine, actorIds, days, scope) } : {}),
    ...(trends ? { trends: (days: number, limit?: number) => trends.call(engine, days, limit, scope) } : {}),
    ...(indexProgress ? { indexProgress: () => indexProgress.call(engine) } : {}),
    ...(indexMark ? { indexMark: () => indexMark.call(engine) } : {}),
    // Arrivals carry their server: follows filter them (follows/plan.ts `visibleIn`).
    ...(arrivals ? { arrivals: (afterMs: number, limit?: number) => arrivals.call(engine, afterMs, limit) } : {}),
    ...(matchQueries ? { matchQueries: (queries: readonly string[], ids: readonly string[]) => matchQueries.call(engine, queries, ids) } : {}),
    ...(storiesOf ? { storiesOf: (ids: readonly string[]) => storiesOf.call(engine, ids) } : {}),
    ...(ownsArticles ? { ownsArticles: (guildId: string) => ownsArticles.call(engine, guildId) } : {}),
    // The engine is the process's, not this view's.
    close: async () => undefined,
  };
}
