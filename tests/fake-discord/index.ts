/**
 * A fake Discord (REST API v10 + gateway) that the real discord.js v14 client can talk to, for
 * end-to-end tests. Everything listens on 127.0.0.1 on an ephemeral port; Discord itself is never
 * contacted. Point a client at it with
 * `new Client({intents: [GatewayIntentBits.Guilds], rest: {api: fake.apiBase}})` and
 * `client.login(fake.token)`.
 *
 * See README.md beside this file for what is and is not faked.
 */
import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type {
  APIAllowedMentions,
  APIApplicationCommand,
  APIApplicationCommandOptionChoice,
  APIMessage,
} from 'discord-api-types/v10';
import {
  apiChannel,
  apiGuild,
  apiMember,
  apiRole,
  apiUser,
  buildGuild,
  channelPermissions,
  DEFAULT_GUILD,
  randomToken,
  snowflake,
  type FakeBotUser,
  type FakeChannel,
  type FakeGuild,
  type FakeMember,
  type GuildFixtureInput,
  type PermissionsInput,
} from './fixtures.js';
import {
  FormErrors,
  isEmptyMessage,
  pngSize,
  validateAttachments,
  type UploadedFile,
  validateChoices,
  validateCommand,
  validateMessage,
  walkComponents,
} from './validate.js';
import { waitFor, type WaitOptions } from './wait.js';

export * from './fixtures.js';
export { waitFor, waitForEvent, type WaitOptions } from './wait.js';
export { charLength, EMBED_LIMITS } from './validate.js';

type Json = Record<string, unknown>;

/** Options of {@link startFakeDiscord}. All optional. */
export interface FakeDiscordOptions {
  /** The bot token the fake accepts (`Authorization: Bot <token>`, gateway IDENTIFY). Default `fake-bot-token`. */
  token?: string;
  /** Application id, also the bot user's id (as on Discord). Default: a new snowflake. */
  applicationId?: string;
  /** Bot username. Default `Dépêche`. */
  botUsername?: string;
  /** Application flags sent in READY and `GET /applications/@me`. Default 0. */
  applicationFlags?: number;
  /** Guild fixtures. Default: one newsroom guild ({@link DEFAULT_GUILD}). */
  guilds?: GuildFixtureInput[];
  /** Heartbeat interval announced in HELLO. Default 1000 ms (Discord: ~41 s). */
  heartbeatIntervalMs?: number;
  /**
   * Time allowed for the first interaction callback before 10062 Unknown interaction. Discord
   * allows 3 s; the default is 15 s so that a busy machine never fails a test on speed (the bot's
   * own 2 s auto-defer is tested with a fake clock in router.test.ts). Tests of the deadline set it.
   */
  interactionDeadlineMs?: number;
  /** How long an interaction token accepts webhook calls (edits, follow-ups). Default 15 min. */
  interactionTokenTtlMs?: number;
  /** How long `enforce_nonce` de-duplicates channel messages. Default 5 min. */
  nonceWindowMs?: number;
  /** Per-bucket REST limit announced in `x-ratelimit-*` headers and enforced with 429. Default 50 per 1000 ms. */
  rateLimit?: { limit?: number; windowMs?: number };
  /**
   * Discord's global limit: requests per window across all routes of the bot (interaction
   * callbacks and webhooks excluded, as on Discord), answered 429 with `global: true` beyond.
   * Default: none.
   */
  globalRateLimit?: { limit: number; windowMs?: number };
  /** Shard count recommended by `GET /gateway/bot`. Default 1. */
  recommendedShards?: number;
  /** Print REST requests and gateway traffic to stderr. Default false. */
  verbose?: boolean;
}

/** A message as the fake stores it: the API object plus the `allowed_mentions` it was sent with. */
export type FakeMessage = APIMessage & {
  guild_id?: string;
  /** The `allowed_mentions` of the last create/edit that gave one (not part of Discord's answer). */
  allowed_mentions?: APIAllowedMentions;
};

/** One REST request the fake received. */
export interface RequestRecord {
  method: string;
  /** Decoded path below `/api/v10`, without query: `/webhooks/123/abc/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (the `payload_json` part for multipart), or undefined. */
  body: unknown;
  /** File names of a multipart upload. */
  files: string[];
  /** Response status, set once answered. */
  status?: number;
  /** True when the answer came from {@link FakeDiscord.failNext}. */
  injected?: boolean;
  at: number;
}

/** A fault to inject on the next matching REST requests. */
export interface FailNextOptions {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Matched against the path below `/api/v10` (no query). */
  path: RegExp;
  status: 429 | 500 | 502 | 503;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** For 429: seconds to wait, sent in `retry-after` and `retry_after`. Default 0.1. */
  retryAfter?: number;
  /** For 429: a global rate limit (`x-ratelimit-global`). Default false. */
  global?: boolean;
}

/** The live state of an injected fault. */
export interface InjectedFault {
  readonly options: FailNextOptions;
  /** Requests answered with the fault so far. */
  readonly hits: number;
  /** Failures left. */
  readonly remaining: number;
}

/** An interaction callback the fake accepted (`POST /interactions/:id/:token/callback`). */
export interface CallbackRecord {
  /** 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete result, 9 modal. */
  type: number;
  data?: Json;
  at: number;
}

/** A REST call answered with an error for an interaction (already acknowledged, too late, invalid). */
export interface InteractionError {
  route: string;
  status: number;
  body: Json;
}

/** Who triggers an interaction: a member fixture, a user id, or nothing (the guild's first human member). */
export type UserRef = FakeMember | string;

/** Common options of simulated interactions. */
export interface InteractionTarget {
  /** Default: the first guild. */
  guildId?: string;
  /** Default: the guild's first text channel. */
  channelId?: string;
  /** Default: the guild's first human member. */
  user?: UserRef;
  /** Overrides `member.permissions` (the member's permissions in the channel). */
  memberPermissions?: PermissionsInput;
  /** Client locale of the user. Default: the member fixture's (`fr`). */
  locale?: string;
}

/** A value of a command option as a test gives it. User/channel/role options take ids. */
export type OptionValue = string | number | boolean;

/** Options of {@link FakeDiscord.sendCommand}. */
export interface SendCommandOptions extends InteractionTarget {
  /** Command name (must match a registered chat input command when there is one). */
  name: string;
  /** Option values by name; typed from the registered definition (inferred from JS types otherwise). */
  options?: Record<string, OptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
}

/** Options of {@link FakeDiscord.sendAutocomplete}. */
export interface SendAutocompleteOptions extends SendCommandOptions {
  /** Name of the option being typed; its value is the partial text. */
  focused: string;
  /** How long to wait for the bot's choices. Default: the interaction deadline + 500 ms. */
  timeoutMs?: number;
}

/** Options of {@link FakeDiscord.clickButton} and {@link FakeDiscord.selectOption}. */
export interface ComponentOptions {
  /** The message carrying the component (a stored message or its id). */
  message: FakeMessage | string;
  customId: string;
  user?: UserRef;
  memberPermissions?: PermissionsInput;
  locale?: string;
}

/** Counters of the gateway, to assert reconnect behaviour. */
export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  /** RESUMEs that replayed and ended with RESUMED. */
  resumed: number;
  heartbeats: number;
  /** Dispatches replayed on RESUME. */
  replayed: number;
  /** Paths the client connected to (`/gateway`, or `/gateway-resume` for resume_gateway_url). */
  paths: string[];
  /** `[shard_id, num_shards]` of every IDENTIFY, in order. */
  shards: Array<[number, number]>;
  /** REST requests refused by the global limit. */
  globalLimited: number;
}

/** The shard that receives a guild's events among `count` shards, as Discord computes it. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(Math.max(1, count)));
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  applicationId: string;
  guildId: string;
  channelId: string;
  user: FakeMember;
  createdAt: number;
  payload: Json;
  callbacks: CallbackRecord[];
  errors: InteractionError[];
  acknowledged: boolean;
  /** Message `@original` refers to. For components, the clicked message until a type 4/5 callback. */
  originalMessageId?: string;
  /** True once this interaction created or changed `@original` with visible content. */
  originalTouched: boolean;
  followUpIds: string[];
  /** The clicked message (components). */
  componentMessageId?: string;
  commandName?: string;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  /** `[shard_id, num_shards]` given at IDENTIFY (`[0, 1]` without sharding). */
  shard: [number, number];
  buffer: Array<{ op: 0; s: number; t: string; d: unknown }>;
  socket?: WebSocket;
  /** True between READY/RESUMED and the socket's close: dispatches are sent, not only buffered. */
  live: boolean;
}

interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  handler: (ctx: RequestContext) => Promise<Reply> | Reply;
}

interface RequestContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: UploadedFile[];
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message));
  }
}

const ERR = {
  unknownChannel: () => new HttpError(404, { message: 'Unknown Channel', code: 10003 }),
  unknownGuild: () => new HttpError(404, { message: 'Unknown Guild', code: 10004 }),
  unknownMember: () => new HttpError(404, { message: 'Unknown Member', code: 10007 }),
  unknownMessage: () => new HttpError(404, { message: 'Unknown Message', code: 10008 }),
  unknownWebhook: () => new HttpError(404, { message: 'Unknown Webhook', code: 10015 }),
  unknownCommand: () => new HttpError(404, { message: 'Unknown application command', code: 10063 }),
  unknownInteraction: () => new HttpError(404, { message: 'Unknown interaction', code: 10062 }),
  acknowledged: () => new HttpError(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  missingAccess: () => new HttpError(403, { message: 'Missing Access', code: 50001 }),
  missingPermissions: () => new HttpError(403, { message: 'Missing Permissions', code: 50013 }),
  empty: () => new HttpError(400, { message: 'Cannot send an empty message', code: 50006 }),
  form: (errors: FormErrors) =>
    new HttpError(400, { code: 50035, message: 'Invalid Form Body', errors: errors.tree }),
};

const MessageFlag = { Ephemeral: 64, Loading: 128, SuppressEmbeds: 4, SuppressNotifications: 4096, ComponentsV2: 32768 };

/**
 * What a test holds after simulating an interaction: it follows what the bot answered.
 * All waits reject after their timeout (default 5 s) with a message saying what was awaited.
 */
export class InteractionHandle {
  /** @internal */
  constructor(
    private readonly fake: FakeDiscord,
    private readonly state: InteractionState,
  ) {}

  /** Interaction id (a snowflake). */
  get id(): string {
    return this.state.id;
  }

  /** Interaction token (used in webhook routes). */
  get token(): string {
    return this.state.token;
  }

  /** The INTERACTION_CREATE payload that was dispatched. */
  get payload(): Json {
    return this.state.payload;
  }

  /** Accepted callbacks (normally one). */
  get callbacks(): CallbackRecord[] {
    return [...this.state.callbacks];
  }

  /** REST calls about this interaction that the fake refused (40060, 10062, 50035…). */
  get errors(): InteractionError[] {
    return [...this.state.errors];
  }

  /** True once a callback was accepted. */
  get acknowledged(): boolean {
    return this.state.acknowledged;
  }

  /** True when the reply is ephemeral (flags 64 on `@original`, which a deferral sets too). */
  get ephemeral(): boolean {
    return ((this.original?.flags ?? 0) & MessageFlag.Ephemeral) !== 0;
  }

  /** A copy of `@original` in its current state (undefined before any reply). */
  get original(): FakeMessage | undefined {
    return this.state.originalMessageId ? this.fake.message(this.state.originalMessageId) : undefined;
  }

  /**
   * Copies of the follow-up messages in order, current state. As on Discord, the first follow-up
   * sent while a deferred reply is still "thinking…" replaces `@original` instead (see {@link reply}).
   */
  get followUps(): FakeMessage[] {
    return this.state.followUpIds.map((id) => this.fake.message(id)).filter((m): m is FakeMessage => m !== undefined);
  }

  /** Waits for the first accepted callback. */
  callback(timeoutMs = 5000): Promise<CallbackRecord> {
    return this.fake.waitFor(() => this.state.callbacks[0], { timeoutMs, description: `a callback to interaction ${this.id}` });
  }

  /**
   * Waits until `@original` shows something made by this interaction (a reply, an update, or an edit
   * of a deferred reply; not the "thinking…" state) and returns it as last edited. To wait for a
   * later edit, pass a predicate: `handle.reply(m => m.embeds.length > 0)`.
   */
  reply(predicate: ((m: FakeMessage) => boolean) | number = () => true, timeoutMs = 5000): Promise<FakeMessage> {
    const pred = typeof predicate === 'number' ? () => true : predicate;
    const timeout = typeof predicate === 'number' ? predicate : timeoutMs;
    return this.fake.waitFor(
      () => {
        const m = this.original;
        if (!m || !this.state.originalTouched) return undefined;
        if ((m.flags ?? 0) & MessageFlag.Loading) return undefined;
        return pred(m) ? m : undefined;
      },
      { timeoutMs: timeout, description: `the reply to interaction ${this.id}` },
    );
  }

  /** Waits until at least `count` follow-ups exist and returns them all. */
  waitForFollowUps(count = 1, timeoutMs = 5000): Promise<FakeMessage[]> {
    return this.fake.waitFor(() => (this.followUps.length >= count ? this.followUps : undefined), {
      timeoutMs,
      description: `${count} follow-up(s) to interaction ${this.id}`,
    });
  }

  /** Waits for a refused call (e.g. 40060 when answered twice) and returns it. */
  waitForError(code?: number, timeoutMs = 5000): Promise<InteractionError> {
    return this.fake.waitFor(
      () => this.state.errors.find((e) => code === undefined || e.body.code === code),
      { timeoutMs, description: `an error${code ? ` ${code}` : ''} on interaction ${this.id}` },
    );
  }
}

/**
 * The fake Discord. Create it with {@link startFakeDiscord}; always `await fake.close()`.
 */
export class FakeDiscord {
  /** Emits `change` after every state change (used by the wait helpers). */
  readonly events = new EventEmitter();
  /** The bot token to log in with. */
  readonly token: string;
  /** The application id (also the bot user's id). */
  readonly applicationId: string;
  /** The bot user. */
  readonly botUser: FakeBotUser;
  /** All guilds. */
  readonly guilds: FakeGuild[];
  /** Every REST request received, in order. */
  readonly requests: RequestRecord[] = [];
  /** Gateway counters. */
  readonly gatewayStats: GatewayStats = { connections: 0, identifies: 0, resumes: 0, resumed: 0, heartbeats: 0, replayed: 0, paths: [], shards: [], globalLimited: 0 };
  /** Errors thrown inside the fake's own handlers (a bug of the fake, answered 500). Should stay empty. */
  readonly internalErrors: Error[] = [];

  private readonly options: Required<Omit<FakeDiscordOptions, 'guilds' | 'applicationId' | 'rateLimit' | 'globalRateLimit'>> & {
    rateLimit: { limit: number; windowMs: number };
    globalRateLimit?: { limit: number; windowMs: number };
  };
  private globalBucket = { remaining: 0, resetAt: 0 };
  private server!: Server;
  private wss!: WebSocketServer;
  private port = 0;
  private readonly routes: Route[] = [];
  private readonly faults: Array<{ options: FailNextOptions; hits: number; remaining: number }> = [];
  private readonly buckets = new Map<string, { remaining: number; resetAt: number }>();
  private readonly globalCommands = new Map<string, APIApplicationCommand>();
  private readonly guildCommands = new Map<string, Map<string, APIApplicationCommand>>();
  private readonly messages = new Map<string, FakeMessage>();
  /** Bytes of every attachment uploaded, by attachment id. */
  private readonly attachmentData = new Map<string, Buffer>();
  private readonly channelMessageIds = new Map<string, string[]>();
  private readonly nonces = new Map<string, { messageId: string; at: number }>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  private readonly httpSockets = new Set<Socket>();
  private closed = false;

  /** @internal Use {@link startFakeDiscord}. */
  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: options.botUsername ?? 'Dépêche' };
    this.options = {
      token: this.token,
      botUsername: this.botUser.username,
      applicationFlags: options.applicationFlags ?? 0,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
      interactionDeadlineMs: options.interactionDeadlineMs ?? 15_000,
      interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
      rateLimit: { limit: options.rateLimit?.limit ?? 50, windowMs: options.rateLimit?.windowMs ?? 1000 },
      ...(options.globalRateLimit ? { globalRateLimit: { limit: options.globalRateLimit.limit, windowMs: options.globalRateLimit.windowMs ?? 1000 } } : {}),
      recommendedShards: options.recommendedShards ?? 1,
      verbose: options.verbose ?? false,
    };
    this.guilds = (options.guilds ?? [DEFAULT_GUILD]).map((g) => buildGuild(g, this.botUser));
    this.registerRoutes();
  }

  /** The first guild (the usual fixture). */
  get guild(): FakeGuild {
    const g = this.guilds[0];
    if (!g) throw new Error('The fake has no guild');
    return g;
  }

  /** Base URL to give discord.js as `rest.api` (or DISCORD_API_BASE): `http://127.0.0.1:<port>/api`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Gateway URL returned by `GET /gateway/bot`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** `resume_gateway_url` sent in READY (a different path, so tests can see the client used it). */
  get resumeGatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway-resume`;
  }

  /** @internal */
  async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.onHttp(req, res));
    this.server.on('connection', (s) => {
      this.httpSockets.add(s);
      s.on('close', () => this.httpSockets.delete(s));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/gateway' && url.pathname !== '/gateway-resume') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws, url));
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  // ---------------------------------------------------------------- state accessors

  /** A copy of a stored message (current state), or undefined when unknown or deleted. */
  message(id: string): FakeMessage | undefined {
    const m = this.messages.get(id);
    return m ? structuredClone(m) : undefined;
  }

  /** Copies of the non-ephemeral messages of a channel, oldest first (bot posts and interaction replies). */
  channelMessages(channelId: string): FakeMessage[] {
    return (this.channelMessageIds.get(channelId) ?? [])
      .map((id) => this.message(id))
      .filter((m): m is FakeMessage => m !== undefined);
  }

  /** Registered commands: global ones, or a guild's when `guildId` is given. */
  commands(guildId?: string): APIApplicationCommand[] {
    const map = guildId ? this.guildCommands.get(guildId) : this.globalCommands;
    return map ? [...map.values()] : [];
  }

  /** A guild channel by id or name. */
  channel(idOrName: string, guildId?: string): FakeChannel | undefined {
    for (const g of this.guilds) {
      if (guildId && g.id !== guildId) continue;
      const c = g.channels.find((ch) => ch.id === idOrName || ch.name === idOrName);
      if (c) return c;
    }
    return undefined;
  }

  /** A human member by id or username (first guild unless `guildId`). */
  member(idOrName: string, guildId?: string): FakeMember | undefined {
    const g = guildId ? this.guilds.find((x) => x.id === guildId) : this.guild;
    return g?.members.find((m) => m.id === idOrName || m.username === idOrName);
  }

  /** Waits for a condition on the fake's state, re-checked on every change. */
  waitFor<T>(check: () => T | undefined | null | false, options: WaitOptions = {}): Promise<T> {
    return waitFor(check, { ...options, emitter: this.events, event: 'change' });
  }

  /** Waits for a REST request matching method/path (already received ones count) and returns it. */
  waitForRequest(match: { method?: string; path: RegExp; since?: number }, timeoutMs = 5000): Promise<RequestRecord> {
    return this.waitFor(
      () =>
        this.requests.find(
          (r) =>
            r.at >= (match.since ?? 0) &&
            r.status !== undefined &&
            (!match.method || r.method === match.method.toUpperCase()) &&
            match.path.test(r.path),
        ),
      { timeoutMs, description: `a request ${match.method ?? ''} ${match.path}` },
    );
  }

  /** Waits for a message in a channel that passes `predicate` (any message when omitted). */
  waitForMessage(channelId: string, predicate: (m: FakeMessage) => boolean = () => true, timeoutMs = 5000): Promise<FakeMessage> {
    return this.waitFor(() => this.channelMessages(channelId).find(predicate), {
      timeoutMs,
      description: `a message in channel ${channelId}`,
    });
  }

  /** Waits until a gateway session is live (after READY or RESUMED). */
  waitForGateway(timeoutMs = 5000): Promise<void> {
    return this.waitFor(() => [...this.sessions.values()].some((s) => s.socket?.readyState === WebSocket.OPEN && s.live), {
      timeoutMs,
      description: 'a live gateway session',
    }).then(() => undefined);
  }

  // ---------------------------------------------------------------- fault injection

  /**
   * Makes the next `times` REST requests matching `method`/`path` fail with `status` before being
   * processed. 429s carry `retry-after`, `x-ratelimit-*` and `{message, retry_after, global}`.
   */
  failNext(options: FailNextOptions): InjectedFault {
    const fault = { options, hits: 0, remaining: options.times ?? 1 };
    this.faults.push(fault);
    return {
      options,
      get hits() {
        return fault.hits;
      },
      get remaining() {
        return fault.remaining;
      },
    };
  }

  /**
   * Kills every live gateway connection: closes it with `code` (default 4000, Unknown error, which
   * discord.js answers with a RESUME) or, with `'destroy'`, drops the TCP socket without a close frame.
   * Sessions stay resumable: dispatches sent meanwhile are replayed on RESUME.
   * Resolves once the server side sees the sockets closed.
   */
  async dropGateway(code: number | 'destroy' = 4000): Promise<void> {
    const live = [...this.sockets];
    const closed = live.map((ws) => new Promise<void>((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()))));
    for (const ws of live) {
      if (code === 'destroy') ws.terminate();
      else ws.close(code, 'Fake Discord dropped the connection');
    }
    await Promise.all(closed);
  }

  /** Sends op 9 INVALID_SESSION to live connections (`resumable` is its `d`); non-resumable sessions are forgotten. */
  invalidateSessions(resumable = false): void {
    for (const s of this.sessions.values()) {
      s.socket?.send(JSON.stringify({ op: 9, d: resumable, s: null, t: null }));
      if (!resumable) this.sessions.delete(s.id);
    }
  }

  /** Sends op 7 RECONNECT: discord.js closes and RESUMEs. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) s.socket?.send(JSON.stringify({ op: 7, d: null, s: null, t: null }));
  }

  // ---------------------------------------------------------------- simulated users

  /** Dispatches a chat input command (INTERACTION_CREATE type 2) and returns its handle. */
  sendCommand(options: SendCommandOptions): InteractionHandle {
    return new InteractionHandle(this, this.dispatchCommand(options, 2));
  }

  /**
   * Dispatches an autocomplete interaction (type 4) with `focused` marked, and resolves to the
   * choices the bot answered (callback type 8). Rejects if the bot does not answer in time.
   */
  async sendAutocomplete(options: SendAutocompleteOptions): Promise<APIApplicationCommandOptionChoice[]> {
    const state = this.dispatchCommand(options, 4);
    const handle = new InteractionHandle(this, state);
    const cb = await handle.callback(options.timeoutMs ?? this.options.interactionDeadlineMs + 500);
    return ((cb.data?.choices as APIApplicationCommandOptionChoice[] | undefined) ?? []).map((c) => ({ ...c }));
  }

  /** Clicks a button of a stored message (INTERACTION_CREATE type 3, component_type 2). */
  clickButton(options: ComponentOptions): InteractionHandle {
    return new InteractionHandle(this, this.dispatchComponent(options, 2));
  }

  /** Picks values in a string select menu of a stored message (type 3, component_type 3). */
  selectOption(options: ComponentOptions & { values: string[] }): InteractionHandle {
    return new InteractionHandle(this, this.dispatchComponent(options, 3, options.values));
  }

  /** Stops everything: gateway sockets, HTTP server, pending keep-alive connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    for (const s of this.httpSockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.events.removeAllListeners();
  }

  // ---------------------------------------------------------------- internals: users

  private changed(): void {
    this.events.emit('change');
  }

  private log(...args: unknown[]): void {
    if (this.options.verbose) console.error('[fake-discord]', ...args);
  }

  private guildById(id: string | undefined): FakeGuild {
    const g = id ? this.guilds.find((x) => x.id === id) : this.guild;
    if (!g) throw new Error(`Unknown guild ${id}`);
    return g;
  }

  private resolveUser(guild: FakeGuild, user: UserRef | undefined): FakeMember {
    if (user === undefined) {
      const first = guild.members.find((m) => !m.bot);
      if (!first) throw new Error('The guild has no human member to act as the user');
      return first;
    }
    if (typeof user !== 'string') return user;
    const m = guild.members.find((x) => x.id === user || x.username === user);
    if (!m) throw new Error(`Unknown member ${user} in guild ${guild.id}`);
    return m;
  }

  private botMember(guild: FakeGuild): FakeMember {
    const bot = guild.members.find((m) => m.id === this.botUser.id);
    if (!bot) throw new Error('The bot is not a member of the guild');
    return bot;
  }

  private interactionBase(
    type: number,
    guild: FakeGuild,
    channel: FakeChannel,
    user: FakeMember,
    target: { memberPermissions?: PermissionsInput; locale?: string },
  ): { state: InteractionState; payload: Json } {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${Buffer.from(id).toString('base64url')}${randomToken(60)}`;
    const memberPerms =
      target.memberPermissions !== undefined ? BigInt(target.memberPermissions) : channelPermissions(guild, user, channel);
    const appPerms = channelPermissions(guild, this.botMember(guild), channel);
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      channel_id: channel.id,
      channel: { ...apiChannel(channel), permissions: memberPerms.toString() },
      member: { ...apiMember(user), permissions: memberPerms.toString() },
      app_permissions: appPerms.toString(),
      locale: target.locale ?? user.locale,
      guild_locale: guild.preferredLocale,
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    const state: InteractionState = {
      id,
      token,
      type,
      applicationId: this.applicationId,
      guildId: guild.id,
      channelId: channel.id,
      user,
      createdAt: Date.now(),
      payload,
      callbacks: [],
      errors: [],
      acknowledged: false,
      originalTouched: false,
      followUpIds: [],
    };
    return { state, payload };
  }

  private register(state: InteractionState): InteractionState {
    this.interactions.set(state.id, state);
    this.interactionsByToken.set(state.token, state);
    this.dispatch('INTERACTION_CREATE', state.payload, state.guildId);
    this.changed();
    return state;
  }

  private dispatchCommand(options: SendCommandOptions | SendAutocompleteOptions, type: 2 | 4): InteractionState {
    const guild = this.guildById(options.guildId);
    const channel = options.channelId
      ? guild.channels.find((c) => c.id === options.channelId || c.name === options.channelId)
      : guild.channels.find((c) => c.type === 0);
    if (!channel) throw new Error(`Unknown channel ${options.channelId ?? '(text)'} in guild ${guild.id}`);
    const user = this.resolveUser(guild, options.user);
    const { state, payload } = this.interactionBase(type, guild, channel, user, options);

    const command =
      this.commands(guild.id).find((c) => c.name === options.name && (c.type ?? 1) === 1) ??
      this.commands().find((c) => c.name === options.name && (c.type ?? 1) === 1);
    const focused = 'focused' in options ? options.focused : undefined;
    const resolved: { users?: Json; members?: Json; channels?: Json; roles?: Json } = {};

    // The option list the given values belong to (inside subcommand / group when given).
    let defs = command?.options as Array<Json> | undefined;
    const path: Array<{ name: string; type: number }> = [];
    if (options.subcommandGroup) {
      const g = defs?.find((o) => o.name === options.subcommandGroup && o.type === 2);
      if (command && !g) throw new Error(`/${options.name} has no subcommand group "${options.subcommandGroup}"`);
      path.push({ name: options.subcommandGroup, type: 2 });
      defs = g?.options as Array<Json> | undefined;
    }
    if (options.subcommand) {
      const s = defs?.find((o) => o.name === options.subcommand && o.type === 1);
      if (command && !s) throw new Error(`/${options.name} has no subcommand "${options.subcommand}"`);
      path.push({ name: options.subcommand, type: 1 });
      defs = s?.options as Array<Json> | undefined;
    }

    const leafOptions: Json[] = [];
    for (const [name, raw] of Object.entries(options.options ?? {})) {
      const def = defs?.find((o) => o.name === name);
      if (command && !def) throw new Error(`/${options.name} declares no option "${name}"`);
      const optType = def ? Number(def.type) : typeof raw === 'boolean' ? 5 : typeof raw === 'number' ? (Number.isInteger(raw) ? 4 : 10) : 3;
      const isFocused = focused === name;
      let value: OptionValue = raw;
      if (isFocused) value = String(raw);
      else if (optType === 4 || optType === 10) value = Number(raw);
      else if (optType === 5) value = raw === true || raw === 'true';
      else value = String(raw);
      if (!isFocused && def && Array.isArray(def.choices) && !def.choices.some((c: Json) => c.value === value)) {
        throw new Error(`Option "${name}" of /${options.name} only accepts its declared choices`);
      }
      if (!isFocused) this.resolveOption(guild, optType, String(value), resolved);
      leafOptions.push({ name, type: optType, value, ...(isFocused ? { focused: true } : {}) });
    }
    if (command && defs && type === 2) {
      for (const d of defs) {
        if (d.required === true && !(String(d.name) in (options.options ?? {}))) {
          throw new Error(`Option "${String(d.name)}" of /${options.name} is required`);
        }
      }
    }
    if (focused !== undefined && !leafOptions.some((o) => o.focused)) {
      leafOptions.push({ name: focused, type: 3, value: '', focused: true });
    }
    let dataOptions: Json[] = leafOptions;
    for (const level of [...path].reverse()) dataOptions = [{ name: level.name, type: level.type, options: dataOptions }];

    const data: Json = {
      id: command?.id ?? snowflake(),
      name: options.name,
      type: 1,
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
      ...(dataOptions.length ? { options: dataOptions } : {}),
      ...(Object.keys(resolved).length ? { resolved } : {}),
    };
    payload.data = data;
    state.commandName = options.name;
    return this.register(state);
  }

  /** Fills `data.resolved` for user, channel, role and mentionable options, like Discord. */
  private resolveOption(
    guild: FakeGuild,
    type: number,
    value: string,
    resolved: { users?: Json; members?: Json; channels?: Json; roles?: Json },
  ): void {
    if (type === 6 || type === 9) {
      const m = guild.members.find((x) => x.id === value);
      if (m) {
        (resolved.users ??= {})[m.id] = apiUser(m);
        const { user: _user, ...member } = apiMember(m);
        (resolved.members ??= {})[m.id] = { ...member, permissions: '0' };
        return;
      }
    }
    if (type === 8 || type === 9) {
      const r = guild.roles.find((x) => x.id === value);
      if (r) (resolved.roles ??= {})[r.id] = apiRole(r);
      return;
    }
    if (type === 7) {
      const c = guild.channels.find((x) => x.id === value);
      if (!c) throw new Error(`Channel option: unknown channel ${value}`);
      (resolved.channels ??= {})[c.id] = {
        id: c.id,
        name: c.name,
        type: c.type,
        permissions: channelPermissions(guild, this.botMember(guild), c).toString(),
        parent_id: c.parentId,
        ...(c.topic ? { topic: c.topic } : {}),
        nsfw: false,
        position: c.position,
        guild_id: c.guildId,
        flags: 0,
        rate_limit_per_user: 0,
        last_message_id: null,
        permission_overwrites: (apiChannel(c).permission_overwrites as unknown[]) ?? [],
      };
    }
  }

  private dispatchComponent(options: ComponentOptions, componentType: number, values?: string[]): InteractionState {
    const messageId = typeof options.message === 'string' ? options.message : options.message.id;
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`Unknown message ${messageId}`);
    const component = [...walkComponents(message.components)].find((c) => c.custom_id === options.customId);
    if (!component) throw new Error(`Message ${messageId} has no component "${options.customId}"`);
    if (component.disabled === true) throw new Error(`Component "${options.customId}" is disabled`);
    const channel = this.channel(message.channel_id);
    if (!channel) throw new Error(`Unknown channel ${message.channel_id}`);
    const guild = this.guildById(channel.guildId);
    const user = this.resolveUser(guild, options.user);
    const { state, payload } = this.interactionBase(3, guild, channel, user, options);
    payload.data = { custom_id: options.customId, component_type: componentType, ...(values ? { values } : {}) };
    payload.message = this.publicMessage(message);
    state.originalMessageId = message.id;
    state.componentMessageId = message.id;
    return this.register(state);
  }

  // ---------------------------------------------------------------- internals: messages

  /** The message as the API returns it (without the recorded allowed_mentions). */
  private publicMessage(m: FakeMessage): Json {
    const { allowed_mentions: _am, ...rest } = m;
    return structuredClone(rest) as Json;
  }

  private computeMentions(content: string, am: APIAllowedMentions | undefined, guild: FakeGuild | undefined): Json {
    const parse = am?.parse;
    const userAllowed = (id: string): boolean => !am || (parse?.includes('users' as never) ?? false) || (am.users?.includes(id) ?? false);
    const roleAllowed = (id: string): boolean => !am || (parse?.includes('roles' as never) ?? false) || (am.roles?.includes(id) ?? false);
    const users = [...content.matchAll(/<@!?(\d+)>/g)].map((x) => x[1] ?? '').filter((id, i, a) => a.indexOf(id) === i);
    const roles = [...content.matchAll(/<@&(\d+)>/g)].map((x) => x[1] ?? '').filter((id, i, a) => a.indexOf(id) === i);
    const mentions = users
      .filter(userAllowed)
      .map((id) => guild?.members.find((m) => m.id === id))
      .filter((m): m is FakeMember => m !== undefined)
      .map((m) => apiUser(m));
    return {
      mentions,
      mention_roles: roles.filter(roleAllowed).filter((id) => guild?.roles.some((r) => r.id === id)),
      mention_everyone: /@(everyone|here)\b/.test(content) && (!am || (parse?.includes('everyone' as never) ?? false)),
    };
  }

  private normalizeEmbeds(embeds: unknown): Json[] {
    if (!Array.isArray(embeds)) return [];
    return embeds.map((e: Json) => {
      const out: Json = { type: 'rich' };
      for (const [k, v] of Object.entries(e)) if (v !== undefined && v !== null) out[k] = v;
      if (Array.isArray(out.fields)) out.fields = (out.fields as Json[]).map((f) => ({ ...f, inline: f.inline === true }));
      return out;
    });
  }

  private createMessage(args: {
    channelId: string;
    body: Json;
    type: number;
    files: RequestContext['files'];
    interaction?: InteractionState;
    flags?: number;
    listInChannel: boolean;
  }): FakeMessage {
    const channel = this.channel(args.channelId);
    const guild = channel ? this.guilds.find((g) => g.id === channel.guildId) : undefined;
    const am = args.body.allowed_mentions as APIAllowedMentions | undefined;
    const content = typeof args.body.content === 'string' ? args.body.content : '';
    const i = args.interaction;
    const msg = {
      id: snowflake(),
      type: args.type,
      channel_id: args.channelId,
      ...(guild && !i ? { guild_id: guild.id } : {}),
      author: apiUser({ id: this.botUser.id, username: this.botUser.username, globalName: null, bot: true }),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: args.body.tts === true,
      ...this.computeMentions(content, am, guild),
      mention_channels: [],
      attachments: args.files.map((f) => this.attachment(args.channelId, f, args.body)),
      embeds: this.normalizeEmbeds(args.body.embeds),
      pinned: false,
      flags: args.flags ?? Number(args.body.flags ?? 0) & (MessageFlag.Ephemeral | MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.ComponentsV2),
      components: structuredClone(Array.isArray(args.body.components) ? args.body.components : []),
      ...(args.body.nonce !== undefined ? { nonce: args.body.nonce } : {}),
      ...(i
        ? {
            webhook_id: this.applicationId,
            application_id: this.applicationId,
            interaction_metadata: {
              id: i.id,
              type: i.type,
              user: apiUser(i.user),
              authorizing_integration_owners: { '0': i.guildId },
              ...(i.commandName ? { name: i.commandName, command_type: 1 } : {}),
              ...(i.componentMessageId ? { interacted_message_id: i.componentMessageId } : {}),
            },
          }
        : {}),
      ...(am ? { allowed_mentions: am } : {}),
    } as unknown as FakeMessage;
    this.messages.set(msg.id, msg);
    if (args.listInChannel && !((msg.flags ?? 0) & MessageFlag.Ephemeral)) {
      const list = this.channelMessageIds.get(args.channelId) ?? [];
      list.push(msg.id);
      this.channelMessageIds.set(args.channelId, list);
    }
    this.changed();
    return msg;
  }

  private attachment(channelId: string, f: UploadedFile, body: Json): Json {
    const id = snowflake();
    const url = `http://127.0.0.1:${this.port}/attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
    // Its entry in `attachments` (same index as `files[N]`) gives its description.
    const index = /^files\[(\d+)\]$/.exec(f.field)?.[1];
    const entry = (Array.isArray(body.attachments) ? (body.attachments as Json[]) : []).find((a) => String(a.id) === index);
    const size = pngSize(f.data);
    this.attachmentData.set(id, f.data);
    return {
      id,
      filename: f.name,
      size: f.size,
      url,
      proxy_url: url,
      content_type: size ? 'image/png' : f.type || 'application/octet-stream',
      ...(typeof entry?.description === 'string' ? { description: entry.description } : {}),
      ...(size ?? {}),
    };
  }

  /** The bytes uploaded for an attachment of a stored message (its `id`). */
  attachmentBytes(attachmentId: string): Buffer | undefined {
    return this.attachmentData.get(attachmentId);
  }

  /** Applies an edit (PATCH semantics: only given keys change; null clears). */
  private editMessage(msg: FakeMessage, body: Json, files: RequestContext['files']): FakeMessage {
    const m = msg as unknown as Json;
    const wasLoading = ((msg.flags ?? 0) & MessageFlag.Loading) !== 0;
    if ('content' in body) m.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) m.embeds = this.normalizeEmbeds(body.embeds ?? []);
    if ('components' in body) m.components = structuredClone(Array.isArray(body.components) ? body.components : []);
    if ('allowed_mentions' in body && body.allowed_mentions) m.allowed_mentions = body.allowed_mentions;
    if ('attachments' in body || files.length) {
      const keep = Array.isArray(body.attachments)
        ? (msg.attachments as unknown as Json[]).filter((a) => (body.attachments as Json[]).some((b) => b.id === a.id))
        : (msg.attachments as unknown as Json[]);
      m.attachments = [...keep, ...files.map((f) => this.attachment(msg.channel_id, f, body))];
    }
    if ('flags' in body && body.flags !== undefined && body.flags !== null) {
      // Only SUPPRESS_EMBEDS can be toggled by an edit.
      const f = Number(body.flags);
      m.flags = ((msg.flags ?? 0) & ~MessageFlag.SuppressEmbeds) | (f & MessageFlag.SuppressEmbeds);
    }
    if (wasLoading) m.flags = (msg.flags ?? 0) & ~MessageFlag.Loading;
    else m.edited_timestamp = new Date().toISOString();
    const channel = this.channel(msg.channel_id);
    const guild = channel ? this.guilds.find((g) => g.id === channel.guildId) : undefined;
    Object.assign(m, this.computeMentions(String(m.content ?? ''), m.allowed_mentions as APIAllowedMentions | undefined, guild));
    this.changed();
    return msg;
  }

  private deleteMessage(id: string): void {
    const m = this.messages.get(id);
    if (!m) throw ERR.unknownMessage();
    this.messages.delete(id);
    const list = this.channelMessageIds.get(m.channel_id);
    if (list) this.channelMessageIds.set(m.channel_id, list.filter((x) => x !== id));
    this.changed();
  }

  private checkMessageBody(body: Json, base: Array<string | number>, files: RequestContext['files'], create: boolean, editing?: FakeMessage): void {
    const errors = new FormErrors();
    validateMessage(errors, base, body);
    const existing = ((editing?.attachments ?? []) as unknown as Json[]).map((a) => String(a.id));
    validateAttachments(errors, base, body, files, existing);
    if (errors.count) throw ERR.form(errors);
    if (create && isEmptyMessage(body, files.length)) throw ERR.empty();
  }

  // ---------------------------------------------------------------- internals: gateway

  /** Sends an event to every session, or only to the shard that owns `guildId`. */
  private dispatch(t: string, d: unknown, guildId?: string): void {
    for (const s of this.sessions.values()) {
      if (guildId === undefined || shardOfGuild(guildId, s.shard[1]) === s.shard[0]) this.sendDispatch(s, t, d);
    }
  }

  private sendDispatch(s: Session, t: string, d: unknown): void {
    const packet = { op: 0 as const, s: ++s.seq, t, d };
    s.buffer.push(packet);
    if (s.buffer.length > 1000) s.buffer.shift();
    if (s.socket?.readyState === WebSocket.OPEN && s.live) s.socket.send(JSON.stringify(packet));
    this.log('dispatch', t, 'seq', packet.s, s.socket ? '' : '(buffered)');
  }

  private onGatewayConnection(ws: WebSocket, url: URL): void {
    this.gatewayStats.connections++;
    this.gatewayStats.paths.push(url.pathname);
    this.sockets.add(ws);
    let session: Session | undefined;
    const send = (payload: Json): void => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
    };
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      if (session && session.socket === ws) {
        session.socket = undefined;
        session.live = false;
        // A client closing with 1000/1001 ends its session; anything else leaves it resumable.
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
      this.log('gateway closed', code);
      this.changed();
    });
    ws.on('error', () => undefined);
    if (url.searchParams.get('v') !== '10') {
      ws.close(4012, 'Invalid API version');
      return;
    }
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json') {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    if (url.searchParams.has('compress')) {
      // Transport compression is not implemented: refuse rather than send what the client cannot read.
      ws.close(4002, 'Compression is not supported by the fake');
      return;
    }
    send({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["fake-gateway",{}]'] }, s: null, t: null });

    ws.on('message', (raw: RawData) => {
      let payload: Json;
      try {
        payload = JSON.parse(raw.toString()) as Json;
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      const op = payload.op;
      const d = payload.d as Json | null;
      this.log('gateway op', op);
      // IDENTIFY and RESUME are refused alike on an authenticated socket or a wrong token.
      const refuseLogin = (): boolean => {
        if (session) ws.close(4005, 'Already authenticated.');
        else if (!d || String(d.token ?? '').replace(/^Bot\s+/i, '') !== this.token) ws.close(4004, 'Authentication failed.');
        else return false;
        return true;
      };
      switch (op) {
        case 1:
          this.gatewayStats.heartbeats++;
          send({ op: 11, d: null, s: null, t: null });
          return;
        case 2: {
          if (refuseLogin() || !d) return;
          if (typeof d.intents !== 'number' || d.intents < 0) {
            ws.close(4013, 'Invalid intent(s).');
            return;
          }
          const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
          if (!Number.isInteger(shard[0]) || !Number.isInteger(shard[1]) || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
            ws.close(4010, 'Invalid shard.');
            return;
          }
          this.gatewayStats.identifies++;
          this.gatewayStats.shards.push(shard);
          session = { id: randomToken(16), seq: 0, intents: d.intents, shard, buffer: [], socket: ws, live: true };
          const owned = this.guilds.filter((g) => shardOfGuild(g.id, shard[1]) === shard[0]);
          this.sessions.set(session.id, session);
          this.sendDispatch(session, 'READY', {
            v: 10,
            user: { ...apiUser({ ...this.botUser, globalName: null, bot: true }), verified: true, mfa_enabled: false, email: null },
            guilds: owned.map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.id,
            session_type: 'normal',
            resume_gateway_url: this.resumeGatewayUrl,
            shard,
            application: { id: this.applicationId, flags: this.options.applicationFlags },
            user_settings: {},
            private_channels: [],
            presences: [],
            relationships: [],
            guild_join_requests: [],
            geo_ordered_rtc_regions: ['paris', 'rotterdam'],
            auth: {},
            _trace: ['["fake-gateway",{}]'],
          });
          if (d.intents & 1) {
            for (const g of owned) this.sendDispatch(session, 'GUILD_CREATE', this.guildCreate(g));
          }
          this.changed();
          return;
        }
        case 6: {
          if (refuseLogin() || !d) return;
          this.gatewayStats.resumes++;
          const known = this.sessions.get(String(d.session_id));
          const seq = Number(d.seq);
          if (!known || known.socket || !Number.isFinite(seq) || seq > known.seq) {
            send({ op: 9, d: false, s: null, t: null });
            return;
          }
          session = known;
          session.socket = ws;
          const missed = session.buffer.filter((p) => p.s > seq);
          for (const p of missed) send(p);
          this.gatewayStats.replayed += missed.length;
          session.live = true;
          this.sendDispatch(session, 'RESUMED', { _trace: ['["fake-gateway",{}]'] });
          this.gatewayStats.resumed++;
          this.changed();
          return;
        }
        case 3:
        case 4:
        case 8:
        case 14:
          if (!session) ws.close(4003, 'Not authenticated.');
          return;
        default:
          ws.close(4001, 'Unknown opcode.');
      }
    });
  }

  private guildCreate(g: FakeGuild): Json {
    return {
      ...apiGuild(g, undefined),
      joined_at: g.members.find((m) => m.bot)?.joinedAt,
      large: false,
      unavailable: false,
      member_count: g.members.length,
      voice_states: [],
      members: g.members.map(apiMember),
      channels: g.channels.map((c) => apiChannel(c, false)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      lazy: true,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
    };
  }

  // ---------------------------------------------------------------- internals: REST

  private route(method: string, path: string, auth: boolean, handler: Route['handler']): void {
    // `:name` segments match one path segment.
    const pattern = new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
    this.routes.push({ method, pattern, auth, handler });
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const query = Object.fromEntries(url.searchParams.entries());
    const prefix = '/api/v10';
    // discord.js percent-encodes some characters (`@original` → `%40original`): match on the decoded path.
    const rawPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    let path = rawPath;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      // Keep the raw path when it is not valid percent-encoding.
    }
    const record: RequestRecord = { method, path, query, body: undefined, files: [], at: Date.now() };
    let files: RequestContext['files'] = [];
    try {
      const parsed = await this.parseBody(req.headers['content-type'], raw);
      record.body = parsed.body;
      files = parsed.files;
      record.files = files.map((f) => f.name);
    } catch {
      record.body = raw.toString('utf8');
    }
    this.requests.push(record);

    const send = (reply: Reply, bucket: string | undefined): void => {
      record.status = reply.status;
      // Every answer carries rate-limit headers, like Discord's (errors included).
      const headers: Record<string, string> = { ...this.rateLimitHeaders(bucket ?? `${method} ${path}`), ...reply.headers };
      if (reply.body !== undefined && reply.status !== 204) {
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        headers['content-type'] ??= 'application/json';
        res.writeHead(reply.status, headers);
        res.end(text);
      } else {
        res.writeHead(reply.status, headers);
        res.end();
      }
      this.log(method, path, reply.status);
      this.changed();
    };

    if (!url.pathname.startsWith(`${prefix}/`)) {
      send({ status: 404, body: { message: '404: Not Found', code: 0 } }, undefined);
      return;
    }

    // Injected faults answer before anything else, like an overloaded edge would.
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.options.method || f.options.method.toUpperCase() === method) && f.options.path.test(path));
    if (fault) {
      fault.remaining--;
      fault.hits++;
      record.injected = true;
      send(this.faultReply(fault.options), undefined);
      return;
    }

    const candidates = this.routes.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      send(
        candidates.length
          ? { status: 405, body: { message: '405: Method Not Allowed', code: 0 } }
          : { status: 404, body: { message: '404: Not Found', code: 0 } },
        undefined,
      );
      return;
    }
    const params = { ...(path.match(route.pattern)?.groups ?? {}) } as Record<string, string>;
    const bucket = this.bucketKey(method, route, params);

    if (route.auth && req.headers.authorization !== `Bot ${this.token}`) {
      send({ status: 401, body: { message: '401: Unauthorized', code: 0 } }, bucket);
      return;
    }
    if (route.auth && this.consumeGlobal(path)) {
      this.gatewayStats.globalLimited++;
      const retryAfter = Math.max(0.001, (this.globalBucket.resetAt - Date.now()) / 1000);
      send(
        {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true },
          headers: { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
        },
        bucket,
      );
      return;
    }
    const limited = this.consumeBucket(bucket);
    if (limited !== undefined) {
      send(
        {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: limited, global: false },
          headers: { 'retry-after': String(Math.ceil(limited)), 'x-ratelimit-scope': 'user' },
        },
        bucket,
      );
      return;
    }
    try {
      const reply = await route.handler({ params, query, body: record.body, files });
      send(reply, bucket);
    } catch (error) {
      if (error instanceof HttpError) {
        this.noteInteractionError(path, error);
        send({ status: error.status, body: error.body }, bucket);
      } else {
        const err = error instanceof Error ? error : new Error(String(error));
        this.internalErrors.push(err);
        console.error('[fake-discord] internal error on', method, path, err);
        send({ status: 500, body: { message: '500: Internal Server Error', code: 0 } }, bucket);
      }
    }
  }

  private noteInteractionError(path: string, error: HttpError): void {
    const m = path.match(/^\/interactions\/(\d+)\/[^/]+\/callback$/) ?? null;
    const state = m ? this.interactions.get(m[1] ?? '') : this.interactionsByToken.get(path.match(/^\/webhooks\/\d+\/([^/]+)/)?.[1] ?? '');
    state?.errors.push({ route: path, status: error.status, body: error.body });
  }

  private async parseBody(contentType: string | undefined, raw: Buffer): Promise<{ body: unknown; files: RequestContext['files'] }> {
    if (raw.length === 0) return { body: undefined, files: [] };
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
      let body: unknown;
      const files: RequestContext['files'] = [];
      for (const [key, value] of form.entries()) {
        if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
        else if (typeof value !== 'string') {
          files.push({ field: key, name: value.name, size: value.size, type: value.type, data: Buffer.from(await value.arrayBuffer()) });
        }
      }
      return { body, files };
    }
    return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  }

  private faultReply(f: FailNextOptions): Reply {
    if (f.status === 429) {
      const retryAfter = f.retryAfter ?? 0.1;
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfter, global: f.global ?? false },
        headers: {
          'retry-after': String(retryAfter),
          'x-ratelimit-limit': String(this.options.rateLimit.limit),
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': ((Date.now() + retryAfter * 1000) / 1000).toFixed(3),
          'x-ratelimit-reset-after': retryAfter.toFixed(3),
          'x-ratelimit-bucket': 'injected',
          'x-ratelimit-scope': f.global ? 'global' : 'user',
          ...(f.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      };
    }
    if (f.status === 502) {
      return { status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } };
    }
    return { status: f.status, body: { message: `${f.status}: ${f.status === 500 ? 'Internal Server Error' : 'Service Unavailable'}`, code: 0 } };
  }

  /** Bucket = method + route template + major parameter, as Discord groups limits. */
  private bucketKey(method: string, route: Route, params: Record<string, string>): string {
    const major = params.channel ?? params.guild ?? (params.webhook ? `${params.webhook}/${params.token}` : '');
    return `${method} ${route.pattern.source}|${major}`;
  }

  private consumeBucket(key: string): number | undefined {
    const now = Date.now();
    let b = this.buckets.get(key);
    if (!b || now >= b.resetAt) {
      b = { remaining: this.options.rateLimit.limit, resetAt: now + this.options.rateLimit.windowMs };
      this.buckets.set(key, b);
    }
    if (b.remaining <= 0) return (b.resetAt - now) / 1000;
    b.remaining--;
    return undefined;
  }

  /** True when the global limit refuses this request (interaction routes are exempt, as on Discord). */
  private consumeGlobal(path: string): boolean {
    const limit = this.options.globalRateLimit;
    if (!limit || path.startsWith('/interactions/') || path.startsWith('/webhooks/')) return false;
    const now = Date.now();
    if (now >= this.globalBucket.resetAt) this.globalBucket = { remaining: limit.limit, resetAt: now + limit.windowMs };
    if (this.globalBucket.remaining <= 0) return true;
    this.globalBucket.remaining--;
    return false;
  }

  private rateLimitHeaders(key: string): Record<string, string> {
    const now = Date.now();
    const b = this.buckets.get(key) ?? { remaining: this.options.rateLimit.limit, resetAt: now + this.options.rateLimit.windowMs };
    return {
      'x-ratelimit-limit': String(this.options.rateLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, b.remaining)),
      'x-ratelimit-reset': (b.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': (Math.max(0, b.resetAt - now) / 1000).toFixed(3),
      'x-ratelimit-bucket': createHash('sha1').update(key.split('|')[0] ?? key).digest('hex').slice(0, 32),
    };
  }

  private registerRoutes(): void {
    const ok = (body: unknown, status = 200): Reply => ({ status, body });

    this.route('GET', '/gateway', false, () => ok({ url: this.gatewayUrl }));
    this.route('GET', '/gateway/bot', true, () =>
      ok({
        url: this.gatewayUrl,
        shards: this.options.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    );
    this.route('GET', '/users/@me', true, () =>
      ok({ ...apiUser({ ...this.botUser, globalName: null, bot: true }), verified: true, mfa_enabled: false, locale: 'fr', email: null }),
    );
    this.route('GET', '/applications/@me', true, () => ok(this.apiApplication()));
    this.route('GET', '/oauth2/applications/@me', true, () => ok(this.apiApplication()));

    // Application commands, global and per guild.
    const commandRoutes = (prefix: string, scoped: boolean): void => {
      const store = (p: Record<string, string>): Map<string, APIApplicationCommand> => {
        if (p.app !== this.applicationId) throw ERR.missingAccess();
        if (!scoped) return this.globalCommands;
        const guildId = p.guild ?? '';
        if (!this.guilds.some((g) => g.id === guildId)) throw ERR.missingAccess();
        let map = this.guildCommands.get(guildId);
        if (!map) this.guildCommands.set(guildId, (map = new Map()));
        return map;
      };
      this.route('GET', prefix, true, ({ params }) => ok([...store(params).values()]));
      this.route('PUT', prefix, true, ({ params, body }) => {
        const map = store(params);
        if (!Array.isArray(body)) throw ERR.form(this.oneError([], 'BASE_TYPE_ARRAY', 'Must be an array.'));
        const errors = new FormErrors();
        body.forEach((cmd, i) => validateCommand(errors, [i], cmd));
        const seen = new Set<string>();
        body.forEach((cmd: Json, i) => {
          const key = `${Number(cmd.type ?? 1)}:${String(cmd.name)}`;
          if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
          seen.add(key);
        });
        if (body.filter((c: Json) => Number(c.type ?? 1) === 1).length > 100) {
          errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
        }
        if (errors.count) throw ERR.form(errors);
        const previous = [...map.values()];
        map.clear();
        for (const cmd of body as Json[]) {
          const existing = previous.find((c) => c.name === cmd.name && (c.type ?? 1) === Number(cmd.type ?? 1));
          const stored = this.storeCommand(cmd, existing?.id, scoped ? params.guild : undefined);
          map.set(stored.id, stored);
        }
        this.changed();
        return ok([...map.values()]);
      });
      this.route('POST', prefix, true, ({ params, body }) => {
        const map = store(params);
        const errors = new FormErrors();
        validateCommand(errors, [], body);
        if (errors.count) throw ERR.form(errors);
        const cmd = body as Json;
        const existing = [...map.values()].find((c) => c.name === cmd.name && (c.type ?? 1) === Number(cmd.type ?? 1));
        const stored = this.storeCommand(cmd, existing?.id, scoped ? params.guild : undefined);
        map.set(stored.id, stored);
        this.changed();
        return ok(stored, existing ? 200 : 201);
      });
      this.route('GET', `${prefix}/:command`, true, ({ params }) => {
        const c = store(params).get(params.command ?? '');
        if (!c) throw ERR.unknownCommand();
        return ok(c);
      });
      this.route('PATCH', `${prefix}/:command`, true, ({ params, body }) => {
        const map = store(params);
        const c = map.get(params.command ?? '');
        if (!c) throw ERR.unknownCommand();
        const merged = { ...c, ...(body as Json) } as Json;
        const errors = new FormErrors();
        validateCommand(errors, [], merged);
        if (errors.count) throw ERR.form(errors);
        const stored = this.storeCommand(merged, c.id, scoped ? params.guild : undefined);
        map.set(stored.id, stored);
        this.changed();
        return ok(stored);
      });
      this.route('DELETE', `${prefix}/:command`, true, ({ params }) => {
        const map = store(params);
        if (!map.delete(params.command ?? '')) throw ERR.unknownCommand();
        this.changed();
        return { status: 204 };
      });
    };
    commandRoutes('/applications/:app/commands', false);
    commandRoutes('/applications/:app/guilds/:guild/commands', true);

    // Interaction callbacks: no bot auth, the token authenticates.
    this.route('POST', '/interactions/:interaction/:token/callback', false, ({ params, body, query, files }) =>
      this.onCallback(params.interaction ?? '', params.token ?? '', body as Json, query, files),
    );

    // Interaction webhooks.
    this.route('GET', '/webhooks/:webhook/:token/messages/:message', false, ({ params }) => {
      const { message } = this.webhookMessage(params);
      return ok(this.publicMessage(message));
    });
    this.route('PATCH', '/webhooks/:webhook/:token/messages/:message', false, ({ params, body, files }) => {
      const { state, message } = this.webhookMessage(params);
      this.checkMessageBody((body ?? {}) as Json, [], files, false, message);
      this.editMessage(message, (body ?? {}) as Json, files);
      if (message.id === state.originalMessageId) state.originalTouched = true;
      this.changed();
      return ok(this.publicMessage(message));
    });
    this.route('DELETE', '/webhooks/:webhook/:token/messages/:message', false, ({ params }) => {
      const { state, message } = this.webhookMessage(params);
      this.deleteMessage(message.id);
      state.followUpIds = state.followUpIds.filter((id) => id !== message.id);
      return { status: 204 };
    });
    this.route('POST', '/webhooks/:webhook/:token', false, ({ params, body, query, files }) => {
      const state = this.webhookInteraction(params);
      if (!state.acknowledged) throw ERR.unknownWebhook();
      const b = (body ?? {}) as Json;
      this.checkMessageBody(b, [], files, true);
      const original = state.originalMessageId ? this.messages.get(state.originalMessageId) : undefined;
      let message: FakeMessage;
      if (original && (original.flags ?? 0) & MessageFlag.Loading) {
        // Discord: the first follow-up after a deferred reply replaces the "thinking…" message.
        message = this.editMessage(original, b, files);
        state.originalTouched = true;
      } else {
        message = this.createMessage({
          channelId: state.channelId,
          body: b,
          type: 0,
          files,
          interaction: state,
          listInChannel: true,
        });
        state.followUpIds.push(message.id);
      }
      this.changed();
      return query.wait === 'true' ? ok(this.publicMessage(message)) : { status: 204 };
    });

    // Channels and messages.
    this.route('GET', '/channels/:channel', true, ({ params }) => ok(apiChannel(this.requireChannel(params.channel ?? '', 'read'))));
    this.route('POST', '/channels/:channel/messages', true, ({ params, body, files }) => {
      const c = this.requireChannel(params.channel ?? '', 'send');
      const b = (body ?? {}) as Json;
      this.checkMessageBody(b, [], files, true);
      const nonce = b.nonce;
      if (nonce !== undefined && nonce !== null && b.enforce_nonce === true) {
        const key = `${c.id}:${String(nonce)}`;
        const seen = this.nonces.get(key);
        const previous = seen && Date.now() - seen.at < this.options.nonceWindowMs ? this.messages.get(seen.messageId) : undefined;
        if (previous) return ok(this.publicMessage(previous));
        const m = this.createMessage({ channelId: c.id, body: b, type: 0, files, listInChannel: true });
        this.nonces.set(key, { messageId: m.id, at: Date.now() });
        return ok(this.publicMessage(m));
      }
      return ok(this.publicMessage(this.createMessage({ channelId: c.id, body: b, type: 0, files, listInChannel: true })));
    });
    this.route('GET', '/channels/:channel/messages', true, ({ params, query }) => {
      const c = this.requireChannel(params.channel ?? '', 'read');
      const limit = Math.min(100, Number(query.limit ?? 50));
      return ok(this.channelMessages(c.id).slice(-limit).reverse().map((m) => this.publicMessage(m)));
    });
    this.route('GET', '/channels/:channel/messages/:message', true, ({ params }) => {
      const c = this.requireChannel(params.channel ?? '', 'read');
      const m = this.messages.get(params.message ?? '');
      if (!m || m.channel_id !== c.id) throw ERR.unknownMessage();
      return ok(this.publicMessage(m));
    });
    this.route('PATCH', '/channels/:channel/messages/:message', true, ({ params, body, files }) => {
      const c = this.requireChannel(params.channel ?? '', 'read');
      const m = this.messages.get(params.message ?? '');
      if (!m || m.channel_id !== c.id) throw ERR.unknownMessage();
      if (m.author.id !== this.botUser.id) throw new HttpError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
      this.checkMessageBody((body ?? {}) as Json, [], files, false, m);
      return ok(this.publicMessage(this.editMessage(m, (body ?? {}) as Json, files)));
    });
    this.route('DELETE', '/channels/:channel/messages/:message', true, ({ params }) => {
      const c = this.requireChannel(params.channel ?? '', 'read');
      const m = this.messages.get(params.message ?? '');
      if (!m || m.channel_id !== c.id) throw ERR.unknownMessage();
      this.deleteMessage(m.id);
      return { status: 204 };
    });

    // Guilds.
    const guildOf = (p: Record<string, string>): FakeGuild => {
      const g = this.guilds.find((x) => x.id === p.guild);
      if (!g) throw ERR.unknownGuild();
      return g;
    };
    this.route('GET', '/guilds/:guild', true, ({ params }) => ok(apiGuild(guildOf(params), undefined)));
    this.route('GET', '/guilds/:guild/channels', true, ({ params }) => ok(guildOf(params).channels.map((c) => apiChannel(c))));
    this.route('GET', '/guilds/:guild/roles', true, ({ params }) => ok(guildOf(params).roles.map(apiRole)));
    this.route('GET', '/guilds/:guild/members/:user', true, ({ params }) => {
      const m = guildOf(params).members.find((x) => x.id === params.user);
      if (!m) throw ERR.unknownMember();
      return ok(apiMember(m));
    });
  }

  private oneError(path: Array<string | number>, code: string, message: string): FormErrors {
    const e = new FormErrors();
    e.add(path, code, message);
    return e;
  }

  private apiApplication(): Json {
    const owner = apiUser({ id: snowflake(), username: 'proprietaire', globalName: 'Propriétaire', bot: false });
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: 'Briefings géopolitiques',
      summary: '',
      type: null,
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: 'f'.repeat(64),
      flags: this.options.applicationFlags,
      owner,
      team: null,
      guild_id: null,
      approximate_guild_count: this.guilds.length,
      interactions_endpoint_url: null,
      integration_types_config: { '0': {} },
      bot: apiUser({ ...this.botUser, globalName: null, bot: true }),
      redirect_uris: [],
      tags: [],
    };
  }

  private storeCommand(cmd: Json, id: string | undefined, guildId: string | undefined): APIApplicationCommand {
    const type = Number(cmd.type ?? 1);
    const stored: Json = {
      id: id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type,
      name: cmd.name,
      name_localizations: cmd.name_localizations ?? null,
      description: cmd.description ?? '',
      description_localizations: cmd.description_localizations ?? null,
      default_member_permissions: cmd.default_member_permissions ?? null,
      dm_permission: cmd.dm_permission ?? true,
      contexts: cmd.contexts ?? null,
      integration_types: cmd.integration_types ?? [0],
      nsfw: cmd.nsfw ?? false,
      ...(Array.isArray(cmd.options) && cmd.options.length ? { options: structuredClone(cmd.options) } : {}),
      ...(guildId ? { guild_id: guildId } : {}),
    };
    return stored as unknown as APIApplicationCommand;
  }

  private requireChannel(id: string, need: 'read' | 'send'): FakeChannel {
    const c = this.channel(id);
    if (!c) throw ERR.unknownChannel();
    const guild = this.guildById(c.guildId);
    const perms = channelPermissions(guild, this.botMember(guild), c);
    if (!(perms & (1n << 10n))) throw ERR.missingAccess(); // View Channel
    if (need === 'send' && !(perms & (1n << 11n))) throw ERR.missingPermissions(); // Send Messages
    return c;
  }

  private webhookInteraction(p: Record<string, string>): InteractionState {
    const state = this.interactionsByToken.get(p.token ?? '');
    if (!state || p.webhook !== this.applicationId) throw ERR.unknownWebhook();
    if (Date.now() - state.createdAt > this.options.interactionTokenTtlMs) throw new HttpError(401, { message: 'Invalid Webhook Token', code: 50027 });
    return state;
  }

  private webhookMessage(p: Record<string, string>): { state: InteractionState; message: FakeMessage } {
    const state = this.webhookInteraction(p);
    const id = p.message === '@original' ? state.originalMessageId : p.message;
    if (p.message === '@original' && !state.acknowledged) throw ERR.unknownMessage();
    const message = id ? this.messages.get(id) : undefined;
    if (!message || (id !== state.originalMessageId && !state.followUpIds.includes(id ?? ''))) throw ERR.unknownMessage();
    return { state, message };
  }

  private onCallback(id: string, token: string, body: Json, query: Record<string, string>, files: RequestContext['files']): Reply {
    const state = this.interactions.get(id);
    if (!state || state.token !== token) throw ERR.unknownInteraction();
    if (state.acknowledged) throw ERR.acknowledged();
    if (Date.now() - state.createdAt > this.options.interactionDeadlineMs) throw ERR.unknownInteraction();
    const type = Number(body?.type);
    const data = (body?.data ?? undefined) as Json | undefined;
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    if (!(allowed[state.type] ?? []).includes(type)) {
      throw ERR.form(this.oneError(['type'], 'INTERACTION_CALLBACK_TYPE_INVALID', `Interaction callback type ${type} is not valid for this interaction`));
    }
    const interactionMessageType = state.type === 2 ? 20 : 0;
    switch (type) {
      case 4: {
        this.checkMessageBody(data ?? {}, ['data'], files, true);
        const m = this.createMessage({ channelId: state.channelId, body: data ?? {}, type: interactionMessageType, files, interaction: state, listInChannel: true });
        state.originalMessageId = m.id;
        state.originalTouched = true;
        break;
      }
      case 5: {
        const flags = MessageFlag.Loading | (Number(data?.flags ?? 0) & MessageFlag.Ephemeral);
        const m = this.createMessage({ channelId: state.channelId, body: {}, type: interactionMessageType, files: [], interaction: state, flags, listInChannel: true });
        state.originalMessageId = m.id;
        break;
      }
      case 6:
        break;
      case 7: {
        const m = state.componentMessageId ? this.messages.get(state.componentMessageId) : undefined;
        this.checkMessageBody(data ?? {}, ['data'], files, false, m);
        if (!m) throw ERR.unknownMessage();
        this.editMessage(m, data ?? {}, files);
        state.originalTouched = true;
        break;
      }
      case 8: {
        const errors = new FormErrors();
        validateChoices(errors, data?.choices);
        if (errors.count) throw ERR.form(errors);
        break;
      }
      case 9: {
        const errors = new FormErrors();
        if (typeof data?.custom_id !== 'string' || data.custom_id.length < 1 || data.custom_id.length > 100) {
          errors.add(['data', 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        }
        if (typeof data?.title !== 'string' || data.title.length < 1 || data.title.length > 45) {
          errors.add(['data', 'title'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 45 in length.');
        }
        if (errors.count) throw ERR.form(errors);
        break;
      }
    }
    state.acknowledged = true;
    state.callbacks.push({ type, ...(data ? { data: structuredClone(data) } : {}), at: Date.now() });
    this.changed();
    if (query.with_response === 'true') {
      const m = state.originalMessageId ? this.messages.get(state.originalMessageId) : undefined;
      return {
        status: 200,
        body: {
          interaction: {
            id: state.id,
            type: state.type,
            activity_instance_id: null,
            response_message_id: m?.id ?? null,
            response_message_loading: m ? ((m.flags ?? 0) & MessageFlag.Loading) !== 0 : false,
            response_message_ephemeral: m ? ((m.flags ?? 0) & MessageFlag.Ephemeral) !== 0 : false,
          },
          ...(m && [4, 5, 7].includes(type) ? { resource: { type, message: this.publicMessage(m) } } : { resource: { type } }),
        },
      };
    }
    return { status: 204 };
  }
}

/**
 * Starts a fake Discord on 127.0.0.1 (ephemeral port). Always `await fake.close()` afterwards.
 *
 * @example
 * const fake = await startFakeDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
 * await client.login(fake.token);
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}
