/**
 * Matching follows against a batch of articles just indexed, and deciding what to post: pure,
 * no store, no engine, no Discord. The service (`service.ts`) feeds it:
 * - the batch (the index's arrivals since its last look, with the actors the analysis resolved);
 * - the ids the subject follows' full-text queries matched among the batch (asked of the engine
 *   for the batch only, never the corpus);
 * - the stories these articles and those alerted recently form (asked of the engine once per batch);
 * - the recent alerts of the follows that matched (from the store).
 *
 * Rules (README « Suivis et alertes »):
 * - no backfill: an article that arrived at or before the follow's creation mark never fires;
 * - nothing older than 48 h: by publication date (a date without a time counts as the end of
 *   that day, so that a same-day article is never dropped for lack of an hour); an article with
 *   no date counts from its arrival in the index;
 * - one alert per story: the follow's matching articles of one story make one alert, keyed by
 *   the first of them to arrive; a copy arriving later in a story already alerted extends that
 *   alert (its message is edited to list the new outlet: one message per story, no follow-up line),
 *   until the alert lists {@link MAX_ALERT_ARTICLES} articles;
 * - at most {@link FollowLimits.alertsPerHour} alerts an hour per follow; the stories past it go
 *   into one grouped message (at most one an hour), then wait for nothing: they are dropped and
 *   counted in the log.
 */
import type { ArrivedArticle } from '../engine.js';
import type { AlertDelivery, Follow } from '../store/types.js';

export interface FollowLimits {
  /** Follows a server may have. Default 25. */
  perGuild: number;
  /** Story alerts a follow may post in an hour. Default 6. */
  alertsPerHour: number;
  /** Articles older than this (ms) never fire. Default 48 h. */
  maxAgeMs: number;
  /** Failed posts in a row that pause a follow. Default 3. */
  pauseAfterFailures: number;
}

export const DEFAULT_FOLLOW_LIMITS: FollowLimits = {
  perGuild: 25,
  alertsPerHour: 6,
  maxAgeMs: 48 * 3_600_000,
  pauseAfterFailures: 3,
};

/** The key of a grouped message (past the hourly cap): never a story's key. */
export const GROUP_KEY_PREFIX = 'group:';

/**
 * An alert lists at most this many articles: past it, later copies of its story no longer edit it
 * (the list is already cut on screen, and a wire story copied by every outlet would otherwise edit
 * the message of every follow at every batch).
 */
export const MAX_ALERT_ARTICLES = 10;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** What a follow does with a batch. */
export type AlertAction =
  /** A new alert about one story. */
  | { kind: 'story'; follow: Follow; storyKey: string; articleIds: string[] }
  /** Articles that join a story already alerted (the alert's message is edited). */
  | { kind: 'extend'; follow: Follow; storyKey: string; articleIds: string[]; added: string[]; messageId?: string; channelId: string }
  /** Stories past the hourly cap, in one message. */
  | { kind: 'grouped'; follow: Follow; storyKey: string; articleIds: string[]; stories: string[][] };

export interface BatchPlan {
  actions: AlertAction[];
  /** Stories left out because the follow had reached its cap and already sent its grouped message. */
  dropped: Array<{ followId: string; articleIds: string[] }>;
}

/**
 * The latest instant an article can have been published: its date's end of day (UTC), or its
 * arrival when it has no date. Undated articles are judged by arrival: said in the README.
 */
export function publishedBy(article: Pick<ArrivedArticle, 'date' | 'arrivedAt'>): number {
  const day = article.date ? Date.parse(`${article.date}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(day) ? article.arrivedAt : day + DAY_MS;
}

/** Whether an article is recent enough to alert about at `now`. */
export function isFresh(article: Pick<ArrivedArticle, 'date' | 'arrivedAt'>, now: number, maxAgeMs: number): boolean {
  return publishedBy(article) >= now - maxAgeMs;
}

/** An article from another server's own source is never alerted here; a shared one is everywhere. */
export function visibleInGuild(article: ArrivedArticle, guildId: string): boolean {
  return article.guild === undefined || article.guild === guildId;
}

/** The ids of `batch` each follow matches, before stories and caps (no backfill, freshness). */
export function matchFollows(
  batch: readonly ArrivedArticle[],
  follows: readonly Follow[],
  subjectMatches: ReadonlyMap<string, ReadonlySet<string>>,
  now: number,
  limits: Pick<FollowLimits, 'maxAgeMs'> = DEFAULT_FOLLOW_LIMITS,
  /** Whether an article may be alerted in a guild. Default: shared articles and the guild's own ({@link visibleInGuild}). */
  visibleIn: (article: ArrivedArticle, guildId: string) => boolean = visibleInGuild,
): Map<string, string[]> {
  const fresh = batch.filter((a) => isFresh(a, now, limits.maxAgeMs));
  const byActor = new Map<string, ArrivedArticle[]>();
  for (const article of fresh) {
    for (const actorId of article.actorIds) {
      const list = byActor.get(actorId) ?? [];
      list.push(article);
      byActor.set(actorId, list);
    }
  }
  const byId = new Map(fresh.map((a) => [a.id, a]));
  const matches = new Map<string, string[]>();
  for (const follow of follows) {
    const candidates =
      follow.kind === 'actor'
        ? (byActor.get(follow.actorId ?? '') ?? [])
        : [...(subjectMatches.get(follow.query) ?? [])].flatMap((id) => byId.get(id) ?? []);
    const ids = candidates
      .filter((a) => a.arrivedAt > follow.createdAfterIndexMark && visibleIn(a, follow.guildId))
      .sort((a, b) => a.arrivedAt - b.arrivedAt || a.id.localeCompare(b.id))
      .map((a) => a.id);
    if (ids.length > 0) matches.set(follow.id, [...new Set(ids)]);
  }
  return matches;
}

/**
 * What each follow posts for its matches: stories found (`stories`, as the engine grouped the
 * batch and the recently alerted articles), earlier alerts extended, the hourly cap applied.
 * `recent` holds the follows' alerts of the last 48 h (any status).
 */
export function planAlerts(
  follows: readonly Follow[],
  matches: ReadonlyMap<string, readonly string[]>,
  stories: readonly (readonly string[])[],
  recent: readonly AlertDelivery[],
  now: number,
  limits: Pick<FollowLimits, 'alertsPerHour'> = DEFAULT_FOLLOW_LIMITS,
): BatchPlan {
  const storyOf = new Map<string, number>();
  stories.forEach((ids, i) => ids.forEach((id) => storyOf.set(id, i)));
  const plan: BatchPlan = { actions: [], dropped: [] };
  const byFollow = new Map<string, AlertDelivery[]>();
  for (const alert of recent) byFollow.set(alert.followId, [...(byFollow.get(alert.followId) ?? []), alert]);
  for (const follow of follows) {
    const matched = matches.get(follow.id);
    if (!matched || matched.length === 0) continue;
    const own = byFollow.get(follow.id) ?? [];
    const covered = new Set(own.flatMap((a) => a.articleIds));
    const fresh = matched.filter((id) => !covered.has(id));
    if (fresh.length === 0) continue;

    // The follow's new articles by story, in arrival order (an article no story holds is its own).
    const groups = new Map<string, string[]>();
    for (const id of fresh) {
      const key = storyOf.has(id) ? `s${storyOf.get(id)}` : `a${id}`;
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    const newStories: string[][] = [];
    for (const [key, ids] of groups) {
      // A story this follow already alerted: the new copies join that alert.
      const members = key.startsWith('s') ? new Set(stories[Number(key.slice(1))]) : new Set(ids);
      const earlier = own.find((a) => !a.storyKey.startsWith(GROUP_KEY_PREFIX) && a.articleIds.some((id) => members.has(id)));
      if (earlier) {
        if (earlier.articleIds.length >= MAX_ALERT_ARTICLES) continue;
        plan.actions.push({
          kind: 'extend',
          follow,
          storyKey: earlier.storyKey,
          articleIds: [...earlier.articleIds, ...ids],
          added: ids,
          channelId: earlier.channelId,
          ...(earlier.messageId ? { messageId: earlier.messageId } : {}),
        });
      } else {
        newStories.push(ids);
      }
    }

    const hourAgo = now - HOUR_MS;
    const lastHour = own.filter((a) => a.claimedAt.getTime() >= hourAgo);
    const room = Math.max(0, limits.alertsPerHour - lastHour.filter((a) => !a.storyKey.startsWith(GROUP_KEY_PREFIX)).length);
    for (const ids of newStories.slice(0, room)) plan.actions.push({ kind: 'story', follow, storyKey: ids[0]!, articleIds: ids });
    const overflow = newStories.slice(room);
    if (overflow.length === 0) continue;
    if (lastHour.some((a) => a.storyKey.startsWith(GROUP_KEY_PREFIX))) {
      plan.dropped.push({ followId: follow.id, articleIds: overflow.flat() });
      continue;
    }
    plan.actions.push({
      kind: 'grouped',
      follow,
      storyKey: `${GROUP_KEY_PREFIX}${overflow[0]![0]}`,
      articleIds: overflow.flat(),
      stories: overflow,
    });
  }
  return plan;
}
