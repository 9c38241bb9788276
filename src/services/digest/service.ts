/**
 * The daily digest, delivered like a newspaper: never twice, never silently missed, never lost in
 * a restart.
 *
 * Every minute (node-cron) and once at start-up (the catch-up of a slot missed earlier the same
 * day), each enabled guild — plus the default of DIGEST_CHANNEL_ID for DISCORD_GUILD_ID — is
 * checked for a due slot (`schedule.ts`). A due slot is:
 * 1. claimed in the store first (one winner among processes sharing the database; a claim left
 *    by a crash is taken over once its lease expires);
 * 2. built and posted with a nonce derived from the slot, with `enforce_nonce`, so a retry of the
 *    same message returns the existing one; after a crash, recent messages are also searched for
 *    the slot's footer before posting again (Discord forgets nonces after a few minutes);
 * 3. marked posted with the message id, the articles covered and the actor counts.
 * A transient failure (5xx, network) is retried with backoff a bounded number of times; then the
 * slot is marked failed (the next ticks retry it until the store's attempt limit) and the error is
 * recorded for `/digest status`. A deleted channel turns the guild's digest off.
 */
import { createHash, randomUUID } from 'node:crypto';
import { schedule, type ScheduledTask } from 'node-cron';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { CorpusEngine, IndexProgress } from '../engine.js';
import type { Reply } from '../../replies/reply.js';
import { digestReplies, indexBuildingReply } from '../../replies/digest.js';
import type { DigestLogEntry, GuildDigestSettings, SlotClaim, StateStore } from '../store/types.js';
import { buildDigest, cleanTopics } from './build.js';
import type { ChannelAccess, ChannelAccessChecker } from './access.js';
import type { DigestPoster } from './poster.js';
import { dueSlots, formatDailyTime, nextSlot, slotFor, timeOfDayAt, type Slot } from './schedule.js';
import { ownsGuild, shardOfGuild, SINGLE_SHARD, type ShardPlacement } from '../../sharding/shards.js';
import { createPacer } from './pacer.js';
import { classifyPostFailure, type PostFailure } from '../post-failure.js';
import { OneAtATime } from '../one-at-a-time.js';

/** One guild's digest as the service runs it: stored settings, or the configured default. */
export interface DigestTarget {
  guildId: string;
  channelId: string;
  /** `HH:MM`, local to `timezone`. */
  time: string;
  timezone: string;
  topics: string[];
  /** The digest carries the trends section (default false). */
  trends?: boolean;
  enabled: boolean;
  /** `settings`: set with /digest; `config`: DIGEST_CHANNEL_ID for DISCORD_GUILD_ID. */
  source: 'settings' | 'config';
  /** When the settings took effect: a slot before this is not posted (it was not asked for). */
  since?: Date;
  lastError?: string;
  lastErrorAt?: Date;
}

export type SlotOutcome =
  | 'posted'
  /** A previous attempt's message was found in the channel and recorded, not posted again. */
  | 'recovered'
  | 'already-posted'
  | 'in-progress'
  | 'gave-up'
  | 'failed'
  /** The channel is gone: the guild's digest was turned off. */
  | 'disabled'
  /** Asked for now while the index is being built: nothing posted nor recorded (see `indexProgress`). */
  | 'index-building';

export interface SlotReport {
  guildId: string;
  channelId: string;
  slotKey: string;
  outcome: SlotOutcome;
  messageIds?: string[];
  error?: string;
  /** With `index-building`: how far the index is. */
  indexProgress?: IndexProgress;
}

export interface DigestStatus {
  /** The guild's digest settings in force, if any. */
  target?: DigestTarget;
  /** When the next digest is due (now or later); absent when off. */
  next?: Date;
  /** True when today's slot is due and not posted yet (being posted or retried). */
  pending: boolean;
  lastPost?: DigestLogEntry;
  /** Today's slot as logged, when it was attempted. */
  today?: DigestLogEntry;
  /** The shard that posts this guild's digest, among how many (when the bot is sharded). */
  shard?: { id: number; count: number };
}

export interface DigestServiceOptions {
  engine: CorpusEngine;
  store: StateStore;
  poster: DigestPoster;
  config: Pick<Config, 'discordGuildId' | 'digestChannelId' | 'digestTime' | 'digestTimezone'>;
  logger: Logger;
  /** Injectable clock (tests drive the service with it). Default: the system clock. */
  clock?: () => Date;
  /** Injectable wait used between retries. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Checks a channel for `/digest set`; absent: not checked (console). */
  channelAccess?: ChannelAccessChecker;
  /** Retries of a transient failure within one attempt. Default 2 (three tries). */
  retries?: number;
  /** Waits before each retry, in ms; the last value repeats. Default [2 000, 8 000]. */
  backoffMs?: readonly number[];
  /**
   * A claim older than this is taken to be a crashed process's and is taken over. Default 3 min:
   * short enough that the retry usually falls within Discord's nonce window, longer than one
   * attempt (retries stop at half the lease).
   */
  leaseMs?: number;
  /** Attempts (claims) of one slot before giving up. Default 3. */
  maxAttempts?: number;
  /** Cron of the tick. Default every minute; `false`: no timer (tests call `tick`). */
  cron?: string | false;
  /**
   * The Discord shards this process runs: it posts the digests of their guilds only (the slot
   * claims still make a double post impossible if two processes overlap). Default: all guilds.
   */
  shards?: ShardPlacement;
  /**
   * Digest messages this process may start per second, so that thousands of guilds sharing a
   * minute (08:00) are spread instead of bursting into Discord's global limit (50 requests/s per
   * bot, all processes together). Default: 40/s shared evenly by the bot's shards
   * (40 × shards here / shard count); `0`: unpaced.
   */
  postsPerSecond?: number;
  /** Digests posted at once by this process (each waits its turn of the pace). Default 4. */
  postConcurrency?: number;
}

export interface DigestService {
  /** Catch-up tick, then the minute timer. */
  start(): Promise<void>;
  /** Stops the timer and waits for a tick in progress. */
  stop(): Promise<void>;
  /** Posts every due slot at `now` (default: the clock). Ticks never overlap. */
  tick(now?: Date): Promise<SlotReport[]>;
  readonly clock: () => Date;
  /** The digest settings in force for a guild (stored, or the configured default). */
  target(guildId: string): Promise<DigestTarget | undefined>;
  /** Saves a guild's channel and time and turns its digest on (topics kept; the trends option kept unless given). */
  configure(input: { guildId: string; channelId: string; time: string; timezone: string; trends?: boolean }): Promise<DigestTarget>;
  /** Turns a guild's digest off. False when it was not on. */
  disable(guildId: string): Promise<boolean>;
  /** Sets the followed topics (empty: everything). Undefined when the guild has no digest. */
  setTopics(guildId: string, topics: readonly string[]): Promise<DigestTarget | undefined>;
  status(guildId: string, now?: Date): Promise<DigestStatus>;
  /** The digest as it would be posted now in that channel; nothing is recorded. While the index is being built, a notice saying so. */
  preview(input: { guildId: string; channelId: string; timezone: string; topics: readonly string[]; trends?: boolean; now?: Date }): Promise<Reply[]>;
  /**
   * Posts a digest now, outside the schedule (`npm run digest -- --now`), as the slot of the
   * current local minute: claimed like any slot, so two runs in the same minute post once, and it
   * counts as that day's digest. While the index is being built: `index-building`, nothing posted.
   */
  postNow(target: DigestTarget, now?: Date): Promise<SlotReport>;
  /** Whether the bot can post in a channel (`unchecked` without a checker). */
  checkChannel(guildId: string, channelId: string): Promise<ChannelAccess>;
  /** Default time zone for new settings (DIGEST_TIMEZONE). */
  readonly defaultTimezone: string;
  /** Default time for new settings (DIGEST_CRON's time). */
  readonly defaultTime: string;
}

/**
 * The digest service a command context carries (`context.services.digest`), or undefined when the
 * composition root did not provide one (console mode).
 */
export function digestServiceOf(context: { services: Record<string, unknown> }): DigestService | undefined {
  const candidate = context.services.digest as Partial<DigestService> | undefined;
  return candidate && typeof candidate.configure === 'function' && typeof candidate.status === 'function'
    ? (candidate as DigestService)
    : undefined;
}

/** Discord's message nonce of part `part` of a slot's digest: 24 characters, the same on every retry. */
export function digestNonce(guildId: string, channelId: string, slotKey: string, part = 0): string {
  const hash = createHash('sha256').update(`${guildId}|${channelId}|${slotKey}`).digest('hex');
  return `dg${hash.slice(0, 21)}${part.toString(36)}`;
}

/** The footer that marks a slot's digest in its channel. */
export function slotFooter(slot: Pick<Slot, 'key' | 'timeZone'>): string {
  return `Dépêche · digest du ${slot.key} (${slot.timeZone})`;
}

/** What went wrong with a post, from the error's `status` and Discord `code` (see post-failure.ts). */
export function classifyPostError(error: unknown, channelId: string): PostFailure {
  return classifyPostFailure(error, channelId, { gone: 'digest désactivé. Choisissez un autre salon avec /digest set.', transient: 'le digest n’a pas pu être publié.', what: 'le digest' });
}

function targetOf(settings: GuildDigestSettings): DigestTarget {
  return {
    guildId: settings.guildId,
    channelId: settings.channelId,
    time: settings.time,
    timezone: settings.timezone,
    topics: [...settings.topics],
    trends: settings.trends,
    enabled: settings.enabled,
    source: 'settings',
    since: settings.updatedAt,
    ...(settings.lastError !== undefined ? { lastError: settings.lastError } : {}),
    ...(settings.lastErrorAt !== undefined ? { lastErrorAt: settings.lastErrorAt } : {}),
  };
}

export function createDigestService(options: DigestServiceOptions): DigestService {
  const { engine, store, poster, config } = options;
  const logger = options.logger.child({ service: 'digest' });
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = Math.max(0, options.retries ?? 2);
  const backoff = options.backoffMs?.length ? options.backoffMs : [2_000, 8_000];
  const leaseMs = options.leaseMs ?? 3 * 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const defaultTime = formatDailyTime(config.digestTime);
  const shards = options.shards ?? SINGLE_SHARD;
  /** Discord's global limit is 50/s for the whole bot: keep a margin, shared by its shards. */
  const postsPerSecond = options.postsPerSecond ?? (40 * shards.ids.length) / shards.count;
  const pace = createPacer(postsPerSecond);
  const postConcurrency = Math.max(1, options.postConcurrency ?? 4);
  let task: ScheduledTask | undefined;
  // One tick at a time (runTick is declared below; function declarations are hoisted).
  const ticks = new OneAtATime(runTick);
  let stopped = false;

  function defaultTarget(): DigestTarget | undefined {
    if (!config.discordGuildId || !config.digestChannelId) return undefined;
    return {
      guildId: config.discordGuildId,
      channelId: config.digestChannelId,
      time: defaultTime,
      timezone: config.digestTimezone,
      topics: [],
      enabled: true,
      source: 'config',
    };
  }

  async function target(guildId: string): Promise<DigestTarget | undefined> {
    const stored = await store.getGuildSettings(guildId);
    if (stored) return targetOf(stored);
    const fallback = defaultTarget();
    return fallback?.guildId === guildId ? fallback : undefined;
  }

  async function targets(): Promise<DigestTarget[]> {
    const list = (await store.listEnabledDigests()).map(targetOf);
    const fallback = defaultTarget();
    // Settings saved for the default guild (even turned off) replace the default.
    if (fallback && !(await store.getGuildSettings(fallback.guildId))) list.push(fallback);
    return list;
  }

  /** Runs `attempt`, retrying transient failures with backoff while the claim stays fresh. */
  async function withRetries<T>(attempt: () => Promise<T>, channelId: string, startedAt: number): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        const failure = classifyPostError(error, channelId);
        const wait = backoff[Math.min(i, backoff.length - 1)]!;
        const fresh = Date.now() - startedAt + wait < leaseMs / 2;
        if (failure.kind !== 'transient' || i >= retries || !fresh) throw error;
        logger.warn({ err: error, channelId, retryInMs: wait, attempt: i + 1 }, 'digest post failed, retrying');
        await sleep(wait);
      }
    }
  }

  async function turnOff(target: DigestTarget, reason: string, now: Date): Promise<void> {
    if (!(await store.getGuildSettings(target.guildId))) {
      // The default has no row to turn off: save it, off, so it does not come back.
      await store.upsertGuildSettings({ ...target, enabled: false, updatedAt: now });
    }
    await store.disableDigest(target.guildId, reason, now);
  }

  async function postSlot(target: DigestTarget, slot: Slot, now: Date, reads: CorpusEngine = engine): Promise<SlotReport> {
    const { guildId, channelId } = target;
    const report = { guildId, channelId, slotKey: slot.key };
    const claim: SlotClaim = { guildId, channelId, slotKey: slot.key, nonce: randomUUID() };
    const claimed = await store.claimSlot(claim, { now, leaseMs, maxAttempts });
    if (claimed !== 'claimed') {
      logger.debug({ ...report, outcome: claimed }, 'digest slot not claimed');
      return { ...report, outcome: claimed };
    }
    const startedAt = Date.now();
    try {
      const entry = await store.getSlot(guildId, channelId, slot.key);
      const digest = await buildDigest({ engine: reads, store, guildId, channelId, topics: target.topics, trends: target.trends ?? false, now });
      const replies = digestReplies(digest, { timeZone: target.timezone, footer: slotFooter(slot) });
      const messages = poster.pack(replies);
      // A previous attempt may have posted before dying: look before posting again.
      let ids: Array<string | undefined> = [];
      if (entry && entry.attempts > 1 && poster.findPosted) {
        const footers = messages.map((m) => m.replies[0]?.footer ?? '');
        ids = await poster.findPosted(channelId, footers).catch((error: unknown) => {
          logger.warn({ err: error, ...report }, 'could not read the channel history before retrying');
          return [];
        });
      }
      const found = ids.filter(Boolean).length;
      for (const [i, payload] of messages.entries()) {
        if (ids[i]) continue;
        const nonce = digestNonce(guildId, channelId, slot.key, i);
        await pace();
        ids[i] = (await withRetries(() => poster.post(channelId, payload, nonce), channelId, startedAt)).messageId;
      }
      const messageIds = ids as string[];
      const recorded = await store.markPosted(claim, messageIds[0]!, digest.articleIds, digest.actorCounts, clock());
      if (!recorded) logger.warn(report, 'digest posted but the claim was taken over meanwhile');
      const outcome: SlotOutcome = found === messages.length ? 'recovered' : 'posted';
      logger.info({ ...report, messageIds, articles: digest.articleIds.length, outcome }, 'digest posted');
      return { ...report, outcome, messageIds };
    } catch (error) {
      const failure = classifyPostError(error, channelId);
      const failedAt = clock();
      await store.markFailed(claim, failure.message);
      if (failure.kind === 'gone') {
        await turnOff(target, failure.message, failedAt);
        logger.error({ err: error, ...report }, 'digest channel gone: digest disabled');
        return { ...report, outcome: 'disabled', error: failure.message };
      }
      if (target.source === 'settings') await store.recordDigestError(guildId, failure.message, failedAt);
      logger.error({ err: error, ...report, kind: failure.kind }, 'digest post failed');
      return { ...report, outcome: 'failed', error: failure.message };
    }
  }

  /** Posts the due slots of one guild. */
  async function runTarget(t: DigestTarget, now: Date, reports: SlotReport[], tickReads: CorpusEngine): Promise<void> {
    try {
      const last = await store.lastPosted(t.guildId, t.channelId);
      const due = dueSlots(now, t.time, t.timezone, last?.slotKey).filter((slot) => !t.since || slot.at >= t.since);
      for (const slot of due) reports.push(await postSlot(t, slot, now, tickReads));
    } catch (error) {
      // One guild's problem (a bad stored zone, a store error) must not stop the others.
      logger.error({ err: error, guildId: t.guildId }, 'digest tick failed for a guild');
    }
  }

  /**
   * The engine as one tick sees it: the same read (briefing, new articles…) with the same
   * arguments is answered once, so a thousand guilds sharing a minute and the same topics build
   * their digests from one set of queries. Valid for the tick only (the corpus moves on).
   */
  function tickEngine(): CorpusEngine {
    const answers = new Map<string, Promise<unknown>>();
    const cached = new Set<keyof CorpusEngine>(['briefing', 'articlesSince', 'article', 'actor', 'search', 'sources', 'trends']);
    return new Proxy(engine, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || !cached.has(property as keyof CorpusEngine)) return value;
        return (...args: unknown[]) => {
          const key = `${String(property)}:${JSON.stringify(args)}`;
          let answer = answers.get(key);
          if (!answer) {
            answer = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            // A failed read is not kept: the next guild asks again.
            answer.catch(() => answers.delete(key));
            answers.set(key, answer);
          }
          return answer;
        };
      },
    });
  }

  /** The index being built (a first start, a rebuild after an upgrade), as the engine reports it. */
  async function indexBeingBuilt(): Promise<IndexProgress | undefined> {
    return engine.indexProgress?.().catch(() => undefined);
  }

  async function runTick(now: Date): Promise<SlotReport[]> {
    const reports: SlotReport[] = [];
    // An index being built (a first start, or rebuilt from scratch after an upgrade) holds part of
    // the corpus and of its per-day counts: a digest built now would miss articles and trends. Due
    // slots wait; the first tick after the index is complete posts them (same-day catch-up).
    const progress = await indexBeingBuilt();
    if (progress) {
      logger.info({ percent: progress.percent, articles: progress.articles }, 'digest waits for the index being built');
      return reports;
    }
    const engineOfTick = tickEngine();
    // Only the guilds of this process's shards: their events, their digests.
    const queue = (await targets()).filter((t) => ownsGuild(shards, t.guildId));
    // A few guilds at a time, each message waiting its turn of the pace.
    const workers = Array.from({ length: Math.min(postConcurrency, queue.length) }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await runTarget(t, now, reports, engineOfTick);
    });
    await Promise.all(workers);
    return reports;
  }

  const service: DigestService = {
    clock,
    defaultTimezone: config.digestTimezone,
    defaultTime,

    async start() {
      stopped = false;
      const reports = await service.tick();
      logger.info({ due: reports.length, posted: reports.filter((r) => r.outcome === 'posted').length }, 'digest catch-up done');
      if (options.cron !== false && !stopped) {
        task = schedule(
          options.cron ?? '* * * * *',
          async () => {
            try {
              await service.tick();
            } catch (error) {
              logger.error({ err: error }, 'digest tick failed');
            }
          },
          { name: 'digest', noOverlap: true },
        );
      }
    },

    async stop() {
      stopped = true;
      await task?.destroy();
      task = undefined;
      await ticks.idle();
    },

    tick: (now?: Date) => ticks.run(now ?? clock()),

    target,

    async configure(input) {
      const existing = await target(input.guildId);
      const saved = await store.upsertGuildSettings({
        guildId: input.guildId,
        channelId: input.channelId,
        time: input.time,
        timezone: input.timezone,
        enabled: true,
        topics: existing?.topics ?? [],
        trends: input.trends ?? existing?.trends ?? false,
        updatedAt: clock(),
      });
      logger.info({ guildId: saved.guildId, channelId: saved.channelId, time: saved.time, timezone: saved.timezone, trends: saved.trends }, 'digest configured');
      return targetOf(saved);
    },

    async disable(guildId) {
      const current = await target(guildId);
      if (!current?.enabled) return false;
      await store.upsertGuildSettings({ ...current, enabled: false, updatedAt: clock() });
      logger.info({ guildId }, 'digest turned off');
      return true;
    },

    async setTopics(guildId, topics) {
      const current = await target(guildId);
      if (!current) return undefined;
      const saved = await store.upsertGuildSettings({ ...current, topics: cleanTopics(topics), updatedAt: clock() });
      return targetOf(saved);
    },

    async status(guildId, now = clock()) {
      const t = await target(guildId);
      if (!t) return { pending: false };
      const shard = shards.count > 1 ? { shard: { id: shardOfGuild(guildId, shards.count), count: shards.count } } : {};
      const lastPost = await store.lastPosted(guildId, t.channelId);
      const todayKey = slotFor(now, t.time, t.timezone).key;
      const today = await store.getSlot(guildId, t.channelId, todayKey);
      if (!t.enabled) return { target: t, pending: false, ...(lastPost ? { lastPost } : {}), ...(today ? { today } : {}), ...shard };
      const due = dueSlots(now, t.time, t.timezone, lastPost?.slotKey).filter((slot) => !t.since || slot.at >= t.since);
      const pending = due.length > 0 && today?.status !== 'posted' && !(today?.status === 'failed' && today.attempts >= maxAttempts);
      const next = pending ? due[0]!.at : nextSlot(now, t.time, t.timezone).at;
      return { target: t, next, pending, ...(lastPost ? { lastPost } : {}), ...(today ? { today } : {}), ...shard };
    },

    async preview(input) {
      const now = input.now ?? clock();
      // As scheduled digests wait for the index, one asked for now is not built from part of it.
      const progress = await indexBeingBuilt();
      if (progress) return [indexBuildingReply(progress)];
      const digest = await buildDigest({ engine, store, guildId: input.guildId, channelId: input.channelId, topics: input.topics, trends: input.trends ?? false, now });
      return digestReplies(digest, { timeZone: input.timezone, preview: true, footer: 'Aperçu : rien n’est publié ni enregistré' });
    },

    async postNow(t, now = clock()) {
      const slot = slotFor(now, timeOfDayAt(now, t.timezone), t.timezone);
      const progress = await indexBeingBuilt();
      if (progress) return { guildId: t.guildId, channelId: t.channelId, slotKey: slot.key, outcome: 'index-building', indexProgress: progress };
      return postSlot(t, slot, now);
    },

    async checkChannel(guildId, channelId) {
      return options.channelAccess ? options.channelAccess(guildId, channelId) : { status: 'unchecked' };
    },
  };
  return service;
}
