/**
 * What a digest says, without Discord: the stories of the articles that arrived since the
 * channel's previous posted digest (each with its headline, lead, key actors and sources), the
 * actors of the day with their shares compared with that digest, and the cited sources.
 *
 * "New since last time" is `engine.articlesSince(previous.claimedAt)` minus the articles the
 * previous digest already covered: the content is built right after the slot is claimed, so an
 * article indexed between claim and post is counted once, in the next digest.
 */
import { DEFAULT_TREND_DAYS, TRENDS_SHOWN, type ArticleSummary, type BriefingAnswer, type CorpusEngine, type NamedCount, type TrendsAnswer } from '../engine.js';
import { scopedEngine } from '../scoped-engine.js';
import type { DigestLogEntry, StateStore } from '../store/types.js';

/** Excerpts (one per story first) of a digest without topics: a one-minute read. */
export const DIGEST_EXCERPTS = 6;
/** Excerpts (one per story first) per topic when the digest follows topics. */
export const TOPIC_EXCERPTS = 3;
/** Topics a digest follows at most (more would not fit one message). */
export const MAX_TOPICS = 5;
/** Actors listed. */
export const DIGEST_ACTORS = 8;
/**
 * Key of the total of all actor mentions in the stored counts (no actor key starts with `*`): a
 * share is compared with a share of the same whole. Counts stored without it (older digests) are
 * not compared.
 */
export const TOTAL_KEY = '*total';
/** Rising actors listed. */
export const RISING_ACTORS = 5;
/** New article titles listed. */
export const DIGEST_ARTICLES = 8;
/**
 * Above this many new articles the briefing is asked for the whole corpus rather than a list of
 * ids (an SQL statement has a bounded number of parameters; a first digest of a big corpus).
 */
const SCOPE_MAX = 900;

/**
 * One actor of the day with how it moved since the previous digest. Digests cover different
 * numbers of articles, so the movement is read on the actor's share of all actor mentions of the
 * period as well as on its count: it rises only when both grow (never « en hausse » with fewer
 * mentions).
 */
export interface DigestActor {
  /** Actor id, or `name:<name>` for a count without id: what `actorCounts` is keyed by. */
  key: string;
  name: string;
  /** Mentions in the articles of this digest. */
  count: number;
  /** `count` over the mentions of all actors in the articles of this digest (0–1), media excluded. */
  share: number;
  /** Mentions in the previous digest, when that digest listed the actor. */
  previous?: number;
  /** Its share then. */
  previousShare?: number;
  /** Not listed by the previous digest, whose list was cut: it had at most this many mentions then. */
  previousAtMost?: number;
  /**
   * `up`: more mentions and a larger share (one point of tolerance); `down`: fewer and smaller;
   * `same`: the share within one point; `mixed`: count and share moved opposite ways; `new`:
   * absent from the previous digest; `entered`: below its list then, above it now; absent: nothing
   * to compare.
   */
  trend?: 'up' | 'down' | 'same' | 'mixed' | 'new' | 'entered';
}

/**
 * A block of excerpts: the whole news of the day, or one followed topic (`topic` as the
 * administrators wrote it, `actor` the actor it resolved to): what the digest shows of the
 * briefing of the new articles, stories most sources first.
 */
export type DigestSection = Pick<BriefingAnswer, 'topic' | 'actor' | 'excerpts' | 'stories' | 'storyCount'>;

export interface DigestContent {
  guildId: string;
  channelId: string;
  generatedAt: Date;
  /** When the previous posted digest of the channel was built; absent for the first one. */
  previousAt?: Date;
  /** True for the first digest of the channel: it covers the whole corpus. */
  first: boolean;
  /** Nothing arrived since the previous digest: the digest is one line. */
  empty: boolean;
  /** The new articles this digest covers (recorded with the posted slot). */
  articleIds: string[];
  /** Some of them, most recent first, for the "new articles" list. */
  articles: ArticleSummary[];
  /** Followed topics (empty: the whole news). */
  topics: string[];
  sections: DigestSection[];
  /** Topics nothing new talks about. */
  quietTopics: string[];
  actors: DigestActor[];
  /** Mentions of all actors in the digest's articles: what shares are taken of. */
  actorMentions: number;
  /** Actors with more mentions and a larger share than in the previous digest, most risen first. */
  rising: DigestActor[];
  /** Media cited as sources in the new articles (`selon Reuters`), with counts. */
  sources: NamedCount[];
  /**
   * Mentions per actor key, stored with the posted slot for the next comparison, plus the total
   * of all actor mentions under {@link TOTAL_KEY}.
   */
  actorCounts: Record<string, number>;
  /**
   * The trends section (/digest set tendances:oui), when asked and something is new: the last
   * {@link DEFAULT_TREND_DAYS} days of dated articles against the days before, as /tendances
   * answers them; `null` when asked but no article has a date.
   */
  trends?: TrendsAnswer | null;
}

export interface BuildDigestOptions {
  engine: CorpusEngine;
  store: Pick<StateStore, 'lastPosted'>;
  guildId: string;
  channelId: string;
  /** Actor names or free-text topics; empty or absent: the whole news. */
  topics?: readonly string[];
  /** Add the trends section (default false). */
  trends?: boolean;
  now: Date;
}

/** The excerpts and stories of a briefing answer, as a section shows them. */
function shown(answer: BriefingAnswer): Pick<DigestSection, 'excerpts' | 'stories' | 'storyCount'> {
  return { excerpts: answer.excerpts, stories: answer.stories, storyCount: answer.storyCount };
}

/** The key an actor count is stored under. */
export function actorKey(count: NamedCount): string {
  return count.id ?? `name:${count.name}`;
}

export async function buildDigest(options: BuildDigestOptions): Promise<DigestContent> {
  const { guildId, channelId, now } = options;
  // A server's digest reads the shared articles and its own sources' only; a server without
  // articles of its own reads the shared view, whose answers its tick shares with every such server.
  const own = (await options.engine.ownsArticles?.(guildId)) ?? true;
  const engine = scopedEngine(options.engine, own ? { guildId } : {});
  const topics = cleanTopics(options.topics ?? []);
  const previous = await options.store.lastPosted(guildId, channelId);
  const articleIds = await newArticleIds(engine, previous);
  const base = {
    guildId,
    channelId,
    generatedAt: now,
    ...(previous ? { previousAt: previous.claimedAt } : {}),
    first: previous === undefined,
    articleIds,
    topics,
  };

  if (articleIds.length === 0) {
    return {
      ...base,
      empty: true,
      articles: [],
      sections: [],
      quietTopics: [],
      actors: [],
      actorMentions: 0,
      rising: [],
      sources: [],
      // Nothing to compare today: tomorrow compares with the last digest that had actors.
      actorCounts: { ...(previous?.actorCounts ?? {}) },
    };
  }

  const scope = articleIds.length <= SCOPE_MAX ? articleIds : undefined;
  const sections: DigestSection[] = [];
  const quietTopics: string[] = [];
  let actorScope: string[] | undefined = scope;
  if (topics.length > 0) {
    const matched = new Set<string>();
    for (const topic of topics) {
      const answer = await engine.briefing({ topic, limit: TOPIC_EXCERPTS, ...(scope ? { articleIds: scope } : {}) });
      if (answer.excerpts.length === 0) {
        quietTopics.push(topic);
        continue;
      }
      for (const excerpt of answer.excerpts) matched.add(excerpt.articleId);
      sections.push({ topic, ...(answer.actor ? { actor: answer.actor } : {}), ...shown(answer) });
    }
    // The actors of the day are those of the articles about the topics.
    actorScope = [...matched];
  } else {
    const answer = await engine.briefing({ limit: DIGEST_EXCERPTS, ...(scope ? { articleIds: scope } : {}) });
    sections.push(shown(answer));
  }

  let counts: NamedCount[] = [];
  let sources: NamedCount[] = [];
  let actorMentions = 0;
  if (actorScope === undefined || actorScope.length > 0) {
    const overview = await engine.briefing({ limit: 0, ...(actorScope ? { articleIds: actorScope } : {}) });
    counts = overview.actors;
    actorMentions = overview.actorMentions ?? counts.reduce((sum, c) => sum + c.count, 0);
    sources = overview.sources;
  }
  const hasActors = counts.length > 0;
  const compared = compareActors(counts, actorMentions, previous?.actorCounts);
  const actors = compared.actors.slice(0, DIGEST_ACTORS);

  return {
    ...base,
    empty: false,
    ...(options.trends ? { trends: (await engine.trends?.(DEFAULT_TREND_DAYS, TRENDS_SHOWN)) ?? null } : {}),
    articles: await newestArticles(engine, articleIds),
    sections,
    quietTopics,
    actors,
    actorMentions,
    rising: compared.rising,
    sources,
    actorCounts: hasActors
      ? { ...Object.fromEntries(compared.actors.map((a) => [a.key, a.count])), [TOTAL_KEY]: actorMentions }
      : { ...(previous?.actorCounts ?? {}) },
  };
}

/** Trimmed, de-duplicated (case-insensitively), at most {@link MAX_TOPICS}. */
export function cleanTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of topics) {
    const topic = raw.replace(/\s+/gu, ' ').trim();
    const key = topic.toLocaleLowerCase('fr');
    if (!topic || seen.has(key)) continue;
    seen.add(key);
    out.push(topic);
    if (out.length >= MAX_TOPICS) break;
  }
  return out;
}

async function newArticleIds(engine: CorpusEngine, previous: DigestLogEntry | undefined): Promise<string[]> {
  if (!previous) return engine.articlesSince(0);
  const covered = new Set(previous.articleIds);
  return (await engine.articlesSince(previous.claimedAt.getTime())).filter((id) => !covered.has(id));
}

/** Share points under which a change of share counts as no change. */
const SAME_SHARE = 0.01;

/**
 * The actors with their movement since the previous digest's counts. `total` is the mentions of
 * all actors of the period (the whole shares are taken of). Without previous counts stored with
 * their total (first digest, none had actors, or counts from an older version) nothing is
 * compared: no trend, nobody rising.
 */
export function compareActors(
  counts: readonly NamedCount[],
  total: number,
  previousCounts: Readonly<Record<string, number>> | undefined,
): { actors: DigestActor[]; rising: DigestActor[] } {
  const whole = Math.max(total, counts.reduce((sum, c) => sum + c.count, 0), 1);
  const previousTotal = previousCounts?.[TOTAL_KEY] ?? 0;
  const previousListed = Object.entries(previousCounts ?? {}).filter(([key]) => key !== TOTAL_KEY).map(([, n]) => n);
  // A list that accounts for every mention had every actor: one not in it was not mentioned.
  const previousComplete = previousListed.reduce((sum, n) => sum + n, 0) >= previousTotal;
  const previousFloor = previousListed.length > 0 ? Math.min(...previousListed) : 0;
  const actors = counts.map((c): DigestActor => {
    const key = actorKey(c);
    const actor: DigestActor = { key, name: c.name, count: c.count, share: c.count / whole };
    if (previousTotal === 0) return actor;
    const previous = previousCounts?.[key];
    if (previous === undefined) {
      if (previousComplete) return { ...actor, previous: 0, previousShare: 0, trend: 'new' };
      // Below the previous list: at most as many mentions as its last actor.
      const entered = c.count > previousFloor && actor.share - previousFloor / previousTotal >= SAME_SHARE;
      return { ...actor, previousAtMost: previousFloor, ...(entered ? { trend: 'entered' as const } : {}) };
    }
    const previousShare = previous / previousTotal;
    const change = actor.share - previousShare;
    const trend =
      Math.abs(change) < SAME_SHARE
        ? 'same'
        : change > 0 && c.count > previous
          ? 'up'
          : change < 0 && c.count < previous
            ? 'down'
            : 'mixed';
    return { ...actor, previous, previousShare, trend };
  });
  const gain = (a: DigestActor) => a.share - (a.previousShare ?? (a.previousAtMost ?? 0) / previousTotal);
  const rising = actors
    .filter((a) => a.trend === 'up' || a.trend === 'new' || a.trend === 'entered')
    .sort((a, b) => gain(b) - gain(a) || b.count - a.count || a.name.localeCompare(b.name, 'fr'))
    .slice(0, RISING_ACTORS);
  return { actors, rising };
}

/** Summaries of some new articles, most recent publication first. */
async function newestArticles(engine: CorpusEngine, ids: readonly string[]): Promise<ArticleSummary[]> {
  const wanted = new Set(ids);
  const all = (await engine.sources()).filter((a) => wanted.has(a.id));
  return all.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id)).slice(0, DIGEST_ARTICLES);
}
