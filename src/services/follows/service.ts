/**
 * Follows: what a server follows (an actor or a subject), and the alerts they post when news
 * about it arrives.
 *
 * Every few seconds (and when told), the service reads the index's arrivals since its last look
 * (`CorpusEngine.arrivals`: articles just indexed, with the actors the analysis resolved), matches
 * the follows of the guilds this process owns against them only (`plan.ts`), groups the matches
 * into stories, and delivers each alert like the digest delivers a slot:
 * 1. claimed in the store first, keyed (follow, story): one winner among processes;
 * 2. posted with a nonce derived from the key (`enforce_nonce`); after a crash, the channel's
 *    recent messages are searched for the alert's marker before posting again;
 * 3. marked posted. A failure is recorded for `/suivis`; a deleted channel pauses the follow at
 *    once, other failures after a few in a row. Unfinished claims (a crash, a failure) are
 *    retried on the next ticks until the store's attempt limit.
 * Where the look stopped is saved in the store per shard set (`follow_cursors`): a restarted
 * process resumes there, so articles indexed while no process ran alert once (still no older than
 * the 48 h window, nor before a follow's creation); the very first start begins at the index's
 * newest arrival. Claims interrupted by a crash are finished by the next start.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.js';
import type { ArrivedArticle, CorpusEngine } from '../engine.js';
import type { AddFollowResult, AlertClaim, AlertDelivery, Follow, FollowKind, StateStore } from '../store/types.js';
import { ownsGuild, shardLabel, SINGLE_SHARD, type ShardPlacement } from '../../sharding/shards.js';
import type { ChannelAccess, ChannelAccessChecker, RoleNamer } from '../digest/access.js';
import { alertNonce, buildGroupedAlert, buildStoryAlert, newAlertMemo, type AlertMemo, type AlertModel } from './alert.js';
import type { AlertPoster } from './poster.js';
import { DEFAULT_FOLLOW_LIMITS, GROUP_KEY_PREFIX, isFresh, matchFollows, planAlerts, type AlertAction, type FollowLimits } from './plan.js';
import { classifyPostFailure, type PostFailure } from '../post-failure.js';
import { OneAtATime } from '../one-at-a-time.js';

export interface FollowServiceOptions {
  engine: CorpusEngine;
  store: StateStore;
  /** Where alerts go; absent: the service matches (dry runs, commands) but posts nothing. */
  poster?: AlertPoster;
  logger: Logger;
  clock?: () => Date;
  limits?: Partial<FollowLimits>;
  /** The shards this process runs: it alerts for their guilds only. Default: all guilds. */
  shards?: ShardPlacement;
  /** How often arrivals are read, in ms; `false`: no timer (tests and the CLI call `tick`). Default 5 000. */
  pollMs?: number | false;
  /** A claim older than this is a crashed process's and is taken over. Default 3 min. */
  leaseMs?: number;
  /** Attempts of one alert before giving up. Default 3. */
  maxAttempts?: number;
  /** Checks a channel when a follow is created; absent: not checked. */
  channelAccess?: ChannelAccessChecker;
  /** Names a follow's role for /suivis; absent: not known. */
  roleName?: RoleNamer;
  /** Whether an article may be alerted in a guild; default: shared articles and the guild's own (plan.ts `visibleInGuild`). */
  visibleIn?: (article: ArrivedArticle, guildId: string) => boolean;
}

/** What a tick did, for logs and tests. */
export interface FollowTickReport {
  arrivals: number;
  posted: number;
  extended: number;
  grouped: number;
  failed: number;
  /** Stories past the cap and the grouped message of the hour. */
  dropped: number;
  /** Unfinished alerts finished (or found already posted) after a crash or a failure. */
  recovered: number;
  /** Time spent reading arrivals, matching and planning (ms). */
  matchMs: number;
  /** Time spent building, claiming, posting and recording alerts (ms). */
  deliverMs: number;
}

/** A would-be alert of a dry run (`cli -- alerts --since 24h`). */
export interface PlannedAlert {
  follow: Follow;
  kind: AlertAction['kind'];
  storyKey: string;
  articleIds: string[];
  alert?: AlertModel;
}

export type AddFollowOutcome =
  | { status: 'created' | 'existing'; follow: Follow }
  | { status: 'cap'; count: number; max: number }
  | { status: 'unknown-actor'; query: string; suggestions: string[] }
  | { status: 'empty-query' };

export interface FollowService {
  readonly limits: FollowLimits;
  /** Creates a follow (the actor resolved from a name or an alias, or a subject as typed). */
  add(input: { guildId: string; kind: FollowKind; target: string; channelId: string; roleId?: string; createdBy: string }): Promise<AddFollowOutcome>;
  list(guildId: string): Promise<Follow[]>;
  remove(guildId: string, id: string): Promise<boolean>;
  /** Reads the arrivals since the last look and delivers their alerts. Ticks never overlap. */
  tick(now?: Date): Promise<FollowTickReport>;
  /** What the arrivals after `sinceMs` would alert, every guild, without posting or recording anything. */
  dryRun(sinceMs: number, now?: Date): Promise<PlannedAlert[]>;
  checkChannel(guildId: string, channelId: string): Promise<ChannelAccess>;
  /** A role's name on the server; `undefined`: no such role there; `null`: not known here. */
  roleName(guildId: string, roleId: string): Promise<string | undefined | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The follow service a command context carries (`context.services.follows`), if any. */
export function followServiceOf(context: { services: Record<string, unknown> }): FollowService | undefined {
  const candidate = context.services.follows as Partial<FollowService> | undefined;
  return candidate && typeof candidate.add === 'function' && typeof candidate.list === 'function' ? (candidate as FollowService) : undefined;
}

/** What went wrong with a post, from the error's `status` and Discord `code` (see post-failure.ts). */
export function classifyAlertError(error: unknown, channelId: string): PostFailure {
  return classifyPostFailure(error, channelId, { gone: 'suivi en pause. Recréez-le dans un autre salon avec /suivre.', transient: 'l’alerte sera retentée.', what: 'l’alerte' });
}

/** Arrivals read per call to the engine. */
const ARRIVALS_PAGE = 500;

export function createFollowService(options: FollowServiceOptions): FollowService {
  const { engine, store, poster } = options;
  const logger = options.logger.child({ service: 'follows' });
  const clock = options.clock ?? (() => new Date());
  const limits: FollowLimits = { ...DEFAULT_FOLLOW_LIMITS, ...options.limits };
  const shards = options.shards ?? SINGLE_SHARD;
  const leaseMs = options.leaseMs ?? 3 * 60_000;
  const maxAttempts = options.maxAttempts ?? 3;
  /** Arrival time of the newest article looked at, and the ids of that millisecond (ties). */
  let cursor: number | undefined;
  let atCursor = new Set<string>();
  /** False until a batch told which ids of the cursor's millisecond were read (at start: all of them). */
  let inclusive = false;
  /** A first index (new install, rebuilt index) is being built: its articles are not news. */
  let firstIndex = false;
  let timer: NodeJS.Timeout | undefined;
  // One tick at a time (runTick is declared below; function declarations are hoisted).
  const ticks = new OneAtATime(runTick);

  const mark = async () => (engine.indexMark ? engine.indexMark() : clock().getTime());
  /** The shard set's key for its saved cursor: processes running the same shards share it. */
  const cursorRole = `shards:${shardLabel(shards)}`;
  const saveCursor = (at: number) => store.saveArrivalCursor(cursorRole, { arrivedAt: at, ids: [...atCursor] }, clock());

  /**
   * Where the last process of this shard set stopped (within the alert window), else the index's
   * newest arrival; `read`: there is a backlog to read now.
   */
  async function startCursor(now: Date): Promise<{ at: number; read: boolean }> {
    const oldest = now.getTime() - limits.maxAgeMs;
    // A shard set without a cursor of its own (SHARD_COUNT changed) starts where the earliest other
    // set stopped: what arrived while the bot was reconfigured still alerts (claims keep alerts once).
    const saved = firstIndex ? undefined : ((await store.getArrivalCursor(cursorRole)) ?? (await store.earliestArrivalCursor(oldest)));
    firstIndex = false;
    logger.info({ event: 'follows.cursor', resumed: saved !== undefined, savedAt: saved?.arrivedAt }, 'follows: reading arrivals');
    if (saved && saved.arrivedAt >= oldest) {
      atCursor = new Set(saved.ids);
      // No ids: the whole millisecond was read (a cursor set at the index's mark).
      inclusive = saved.ids.length > 0;
      return { at: saved.arrivedAt, read: true };
    }
    const at = saved ? oldest : await mark();
    atCursor = new Set();
    inclusive = false;
    await saveCursor(at);
    return { at, read: saved !== undefined };
  }

  function requireEngine() {
    const { arrivals, matchQueries, storiesOf } = engine;
    if (!arrivals || !matchQueries || !storiesOf) throw new Error('this corpus engine cannot report its arrivals');
    return { arrivals: arrivals.bind(engine), matchQueries: matchQueries.bind(engine), storiesOf: storiesOf.bind(engine) };
  }

  /** The follows that match a batch, and what each would post. */
  async function planBatch(batch: readonly ArrivedArticle[], follows: readonly Follow[], now: Date) {
    const { matchQueries, storiesOf } = requireEngine();
    const fresh = batch.filter((a) => isFresh(a, now.getTime(), limits.maxAgeMs)).map((a) => a.id);
    const queries = [...new Set(follows.filter((f) => f.kind === 'subject').map((f) => f.query))];
    const found = queries.length > 0 && fresh.length > 0 ? await matchQueries(queries, fresh) : [];
    const subjectMatches = new Map(queries.map((q, i) => [q, new Set(found[i] ?? [])]));
    const matches = matchFollows(batch, follows, subjectMatches, now.getTime(), limits, options.visibleIn);
    if (matches.size === 0) return undefined;
    const recent = await store.recentAlerts([...matches.keys()], new Date(now.getTime() - limits.maxAgeMs));
    // One grouping for the batch: the new matches with what was alerted recently (a later copy joins its story).
    const ids = new Set([...[...matches.values()].flat(), ...recent.flatMap((a) => a.articleIds)]);
    const stories = await storiesOf([...ids]);
    return planAlerts(follows, matches, stories, recent, now.getTime(), limits);
  }

  async function modelOf(action: Pick<AlertAction, 'kind' | 'follow' | 'storyKey' | 'articleIds'>, memo?: AlertMemo): Promise<AlertModel | undefined> {
    if (action.kind !== 'grouped') return buildStoryAlert(engine, action.follow, action.storyKey, action.articleIds, memo);
    const stories = 'stories' in action ? (action.stories as string[][]) : await requireEngine().storiesOf(action.articleIds);
    return buildGroupedAlert(engine, action.follow, action.storyKey, stories, memo);
  }

  async function fail(claim: AlertClaim, follow: Follow, error: unknown, report: FollowTickReport): Promise<void> {
    const failure = classifyAlertError(error, claim.channelId);
    report.failed++;
    await store.markAlertFailed(claim, failure.message);
    const after = await store.recordFollowFailure(follow.id, failure.message, {
      // Discord down (5xx, network) is nobody's mistake on the server: shown, never a pause.
      pauseAfter: failure.kind === 'transient' ? Number.MAX_SAFE_INTEGER : limits.pauseAfterFailures,
      pause: failure.kind === 'gone',
      now: clock(),
    });
    logger.error({ err: error, followId: follow.id, guildId: follow.guildId, channelId: claim.channelId, kind: failure.kind, paused: after?.paused }, 'alert post failed');
  }

  /** Claims, posts and records one alert (new, or unfinished). */
  async function post(
    action: Pick<AlertAction, 'kind' | 'follow' | 'storyKey' | 'articleIds'>,
    now: Date,
    report: FollowTickReport,
    memo: AlertMemo,
    previous?: AlertDelivery,
  ): Promise<void> {
    if (!poster) return;
    const { follow, storyKey } = action;
    const channelId = previous?.channelId ?? follow.channelId;
    const claim: AlertClaim = { followId: follow.id, storyKey, channelId, nonce: randomUUID(), articleIds: action.articleIds };
    const claimed = await store.claimAlert(claim, { now, leaseMs, maxAttempts });
    if (claimed !== 'claimed') return;
    try {
      // A previous attempt may have posted before dying: look before posting again.
      const alert = await modelOf(action, memo);
      if (!alert) {
        await store.markAlertFailed(claim, 'articles retirés du corpus avant l’alerte');
        return;
      }
      const found = previous && poster.findPosted ? await poster.findPosted(channelId, alert.marker).catch(() => undefined) : undefined;
      const messageId = found ?? (await poster.post(channelId, alert, alertNonce(follow.id, storyKey))).messageId;
      if (await store.markAlertPosted(claim, messageId, clock())) await store.recordFollowAlert(follow.id, clock());
      if (previous) report.recovered++;
      else if (action.kind === 'grouped') report.grouped++;
      else report.posted++;
      logger.info({ followId: follow.id, guildId: follow.guildId, channelId, storyKey, articles: action.articleIds.length, messageId, recovered: found !== undefined }, 'alert posted');
    } catch (error) {
      await fail(claim, follow, error, report);
    }
  }

  /** A later copy: the alert's message lists it (edited), and the alert covers it. */
  async function extend(action: Extract<AlertAction, { kind: 'extend' }>, report: FollowTickReport, memo: AlertMemo): Promise<void> {
    if (!poster) return;
    if (action.messageId) {
      const alert = await buildStoryAlert(engine, action.follow, action.storyKey, action.articleIds, memo);
      try {
        if (alert) await poster.edit(action.channelId, action.messageId, alert);
      } catch (error) {
        // The copy stays covered: an edit is not worth a retry loop (the alert was seen).
        logger.warn({ err: error, followId: action.follow.id, storyKey: action.storyKey }, 'alert edit failed');
      }
    }
    await store.setAlertArticles(action.follow.id, action.storyKey, action.articleIds);
    report.extended++;
  }

  /** Finishes the unfinished alerts of this process's guilds (a crash mid-post, a failure). */
  async function recover(now: Date, report: FollowTickReport, memo: AlertMemo): Promise<void> {
    const unfinished = await store.unfinishedAlerts(new Date(now.getTime() - limits.maxAgeMs));
    if (unfinished.length === 0) return;
    const follows = new Map((await store.listFollows()).map((f) => [f.id, f]));
    for (const delivery of unfinished) {
      const follow = follows.get(delivery.followId);
      if (!follow || follow.paused || !ownsGuild(shards, follow.guildId)) continue;
      if (delivery.status === 'failed' && delivery.attempts >= maxAttempts) continue;
      const kind = delivery.storyKey.startsWith(GROUP_KEY_PREFIX) ? 'grouped' : 'story';
      await post({ kind, follow, storyKey: delivery.storyKey, articleIds: delivery.articleIds }, now, report, memo, delivery);
    }
  }

  async function runTick(now: Date): Promise<FollowTickReport> {
    const report: FollowTickReport = { arrivals: 0, posted: 0, extended: 0, grouped: 0, failed: 0, dropped: 0, recovered: 0, matchMs: 0, deliverMs: 0 };
    const memo = newAlertMemo();
    let started = performance.now();
    await recover(now, report, memo);
    report.deliverMs += performance.now() - started;
    const { arrivals } = requireEngine();
    if (await engine.indexProgress?.()) {
      firstIndex = true;
      return report;
    }
    if (cursor === undefined || firstIndex) {
      // The articles of a first index are not news; a restart resumes where its shard set stopped.
      const start = await startCursor(now);
      cursor = start.at;
      if (!start.read) return report;
    }
    for (;;) {
      started = performance.now();
      const from: number = cursor;
      // From the cursor's millisecond included: an article stamped in it may have been written after the last look.
      const page: ArrivedArticle[] = await arrivals(inclusive ? from - 1 : from, ARRIVALS_PAGE);
      const batch = page.filter((a) => !(a.arrivedAt === from && atCursor.has(a.id)));
      if (batch.length === 0) break;
      report.arrivals += batch.length;
      const newest = batch.at(-1)!.arrivedAt;
      atCursor = new Set([...(newest === from ? atCursor : []), ...batch.filter((a) => a.arrivedAt === newest).map((a) => a.id)]);
      cursor = newest;
      inclusive = true;
      const follows = (await store.listFollows()).filter((f) => !f.paused && ownsGuild(shards, f.guildId));
      if (follows.length > 0) {
        const plan = await planBatch(batch, follows, now);
        report.matchMs += performance.now() - started;
        started = performance.now();
        for (const action of plan?.actions ?? []) {
          if (action.kind === 'extend') await extend(action, report, memo);
          else await post(action, now, report, memo);
        }
        report.deliverMs += performance.now() - started;
        for (const left of plan?.dropped ?? []) {
          report.dropped += left.articleIds.length;
          logger.warn({ followId: left.followId, articles: left.articleIds.length }, 'alerts past the hourly cap and its grouped message: not posted');
        }
      }
      await saveCursor(newest);
      if (page.length < ARRIVALS_PAGE) break;
    }
    if (report.arrivals > 0 || report.recovered > 0) logger.debug({ ...report }, 'follows tick');
    return report;
  }

  const service: FollowService = {
    limits,

    async add(input) {
      const target = input.target.replace(/\s+/gu, ' ').trim();
      let actorId: string | undefined;
      let query = target;
      if (input.kind === 'actor') {
        const answer = await engine.actor(target, { limit: 0 });
        if (!answer.found) return { status: 'unknown-actor', query: target, suggestions: answer.suggestions.slice(0, 3).map((s) => s.name) };
        actorId = answer.actor.id;
        query = answer.actor.name;
      } else if (!/[\p{L}\p{N}]/u.test(target)) {
        return { status: 'empty-query' };
      }
      const result: AddFollowResult = await store.addFollow(
        {
          guildId: input.guildId,
          kind: input.kind,
          ...(actorId ? { actorId } : {}),
          query,
          channelId: input.channelId,
          ...(input.roleId ? { roleId: input.roleId } : {}),
          createdBy: input.createdBy,
          createdAt: clock(),
          createdAfterIndexMark: await mark(),
        },
        limits.perGuild,
      );
      if (result.status === 'cap') return { ...result, max: limits.perGuild };
      logger.info({ guildId: input.guildId, followId: result.follow.id, kind: input.kind, status: result.status }, 'follow added');
      return result;
    },

    list: (guildId) => store.listFollows(guildId),

    async remove(guildId, id) {
      const removed = await store.removeFollow(guildId, id.trim());
      if (removed) logger.info({ guildId, followId: id }, 'follow removed');
      return removed;
    },

    tick: (now?: Date) => ticks.run(now ?? clock()),

    async dryRun(sinceMs, now = clock()) {
      const { arrivals } = requireEngine();
      const follows = (await store.listFollows()).filter((f) => !f.paused);
      const planned: PlannedAlert[] = [];
      const memo = newAlertMemo();
      let after = sinceMs;
      for (;;) {
        const batch = await arrivals(after, ARRIVALS_PAGE);
        if (batch.length === 0) break;
        after = batch.at(-1)!.arrivedAt;
        const plan = await planBatch(batch, follows, now);
        for (const action of plan?.actions ?? []) {
          const alert = action.kind === 'extend' ? undefined : await modelOf(action, memo);
          planned.push({ follow: action.follow, kind: action.kind, storyKey: action.storyKey, articleIds: action.articleIds, ...(alert ? { alert } : {}) });
        }
        if (batch.length < ARRIVALS_PAGE) break;
      }
      return planned;
    },

    async checkChannel(guildId, channelId) {
      return options.channelAccess ? options.channelAccess(guildId, channelId) : { status: 'unchecked' };
    },

    async roleName(guildId, roleId) {
      return options.roleName ? options.roleName(guildId, roleId) : null;
    },

    async start() {
      await service.tick();
      if (options.pollMs === false) return;
      const every = options.pollMs ?? 5_000;
      const loop = () => {
        timer = setTimeout(() => {
          service.tick().then(
            () => undefined,
            (error: unknown) => logger.error({ err: error }, 'follows tick failed'),
          ).finally(() => {
            if (timer) loop();
          });
        }, every);
        timer.unref?.();
      };
      loop();
    },

    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await ticks.idle();
    },
  };
  return service;
}
