/**
 * Mentions over time: an actor's daily or weekly counts (the /courbe picture) and the actors
 * rising over a period, named and filtered to what a scope may see.
 */
import type { MentionSeries, Scope, TrendsAnswer } from '../engine.js';
import type { IndexDatabase } from './database.js';
import { risingActors, type MentionCounts } from './series.js';
import type { ActorDirectory } from './actor-directory.js';
import { scopeFilter, type ScopeFilter } from './scope.js';

export class TrendQueries {
  constructor(
    private readonly db: IndexDatabase,
    private readonly actors: ActorDirectory,
    private readonly counts: MentionCounts,
  ) {}

  mentionSeries(actorIds: string[], days = 30, scope?: Scope): MentionSeries | undefined {
    const filter = scopeFilter(this.db, scope);
    const actors = actorIds.flatMap((id) => this.actors.actorOf(id) ?? []).filter((a) => this.actors.visible(a, filter));
    if (actors.length === 0) return undefined;
    const rows = this.counts.series(actors.map((a) => this.actors.key(a.id)), days, filter);
    if (!rows) return undefined;
    const lines = rows.lines.map((line, i) => ({ id: actors[i]!.id, name: actors[i]!.name, counts: line.counts, total: line.total }));
    return {
      ...rows.range,
      step: rows.step,
      days: rows.days,
      dates: rows.dates,
      // The actor asked for stays even at zero; others only when they are on the picture.
      lines: lines.filter((line, i) => i === 0 || line.total > 0),
      previous: rows.previous,
      undated: rows.undated,
      stamp: this.seriesStamp(filter, scope),
    };
  }

  /** A picture cache's key: the index's write stamp, and whose view when some articles are hidden from it. */
  private seriesStamp(filter: ScopeFilter, scope: Scope | undefined): string {
    return filter.sql ? `${this.counts.stamp()}@${scope?.guildId ?? 'commun'}` : this.counts.stamp();
  }

  trends(days: number, limit = 5, scope?: Scope): TrendsAnswer | undefined {
    const filter = scopeFilter(this.db, scope);
    const rows = this.counts.trends(days, filter);
    if (!rows) return undefined;
    const ids = new Map(
      (this.db.prepare('SELECT n, id FROM actors').all() as Array<{ n: number; id: string }>).map((r) => [r.n, r.id]),
    );
    // Media are sources, not actors of the news; with no mention in the period before, nothing can be said to rise.
    const rising =
      rows.previousTotalMentions === 0
        ? []
        : risingActors(rows, (key) => {
            const actor = this.actors.actorOf(ids.get(key) ?? '');
            return actor !== undefined && actor.kind !== 'medium';
          });
    return {
      period: { ...rows.period, days },
      previousPeriod: rows.previousPeriod,
      totalMentions: rows.totalMentions,
      previousTotalMentions: rows.previousTotalMentions,
      rising: rising.slice(0, limit).map((r) => {
        const actor = this.actors.actorOf(ids.get(r.key)!)!;
        return { id: actor.id, name: actor.name, mentions: r.mentions, previousMentions: r.previousMentions, share: r.share, previousShare: r.previousShare };
      }),
      undatedMentions: rows.undatedMentions,
      stamp: this.seriesStamp(filter, scope),
    };
  }
}
