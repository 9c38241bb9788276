/**
 * Test support for the digest: a corpus folder (the real seeds, plus articles added later), the
 * state store on a file (so a "restart" reopens it), a poster that behaves like Discord's channel
 * messages endpoint (nonce de-duplication, injected failures, hangs), and a controllable clock.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { SqliteStateStore } from '../../src/services/store/index.js';
import type { DigestPayload, DigestPoster } from '../../src/services/digest/poster.js';
import { digestMessages } from '../../src/bot/digest-poster.js';
import { createDigestService, type DigestServiceOptions } from '../../src/services/digest/service.js';
import type { Config } from '../../src/config.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));

export interface Workspace {
  root: string;
  corpusDir: string;
  dbPath: string;
  /** Copies a fixture article into the corpus folder (an article "arriving"). */
  addFixture(name: string): void;
  cleanup(): void;
}

export function makeWorkspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'depeche-digest-'));
  const corpusDir = join(root, 'corpus');
  mkdirSync(corpusDir);
  for (const name of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, name), join(corpusDir, name));
  return {
    root,
    corpusDir,
    dbPath: join(root, 'state', 'bot.db'),
    addFixture: (name) => copyFileSync(join(FIXTURES_DIR, name), join(corpusDir, name)),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The engine on a corpus folder; `now` stamps the arrivals (default: the system clock). */
export async function openTestEngine(corpusDir: string, now?: () => number): Promise<SqliteCorpusEngine> {
  return (await openEngine({ corpusDir, indexPath: ':memory:', ...(now ? { now } : {}) })).engine;
}

export interface DigestFixture {
  readonly ws: Workspace;
  readonly engine: SqliteCorpusEngine;
  /** A store on `ws.dbPath` (only with `{ store: true }`). */
  readonly store: SqliteStateStore;
}

/**
 * Registers the hooks that give a test file a workspace (the seeds) and its engine, made anew
 * before each test (`'each'`) or once for the file (`'all'`), with a store on the workspace's
 * database file when asked; read the fields inside tests and hooks. With a `clock`, it is reset
 * first and the engine stamps arrivals with it, so that the dates a digest prints are the test's.
 */
export function useDigestFixture(scope: 'each' | 'all', options: { store?: boolean; clock?: TestClock } = {}): DigestFixture {
  let current: { ws: Workspace; engine: SqliteCorpusEngine; store?: SqliteStateStore } | undefined;
  const get = () => {
    if (!current) throw new Error('The digest fixture is read outside a test or hook.');
    return current;
  };
  const before = scope === 'each' ? beforeEach : beforeAll;
  const after = scope === 'each' ? afterEach : afterAll;
  before(async () => {
    const { clock } = options;
    clock?.reset();
    const ws = makeWorkspace();
    const engine = await openTestEngine(ws.corpusDir, clock ? () => clock.now().getTime() : undefined);
    current = { ws, engine, ...(options.store ? { store: openStore(ws.dbPath) } : {}) };
  });
  after(async () => {
    if (!current) return;
    await current.engine.close();
    await current.store?.close();
    current.ws.cleanup();
    current = undefined;
  });
  return {
    get ws() {
      return get().ws;
    },
    get engine() {
      return get().engine;
    },
    get store() {
      const { store } = get();
      if (!store) throw new Error('This digest fixture has no store: pass { store: true }.');
      return store;
    },
  };
}

export const silentLogger: Logger = createLogger('silent');

export type TestClock = ReturnType<typeof testClock>;

/** A clock the test sets; starts at `start`. */
export function testClock(start: string | Date) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    /** Back to `start`. */
    reset: () => {
      current = new Date(start);
    },
    set: (at: string | Date) => {
      current = new Date(at);
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export interface PostRecord {
  channelId: string;
  nonce: string;
  payload: DigestPayload;
  messageId: string;
}

type Behaviour = { kind: 'fail'; error: { status?: number; code?: number; message: string } } | { kind: 'hang'; afterCreate: boolean };

/**
 * A channel-messages endpoint as Discord runs it: `enforce_nonce` returns the message already
 * created with the same nonce instead of a second one (for ever here: the nonce window is not
 * what is tested). `messages` are the messages that exist; `calls` every post attempt.
 */
export class FakeChannelPoster implements DigestPoster {
  readonly messages: PostRecord[] = [];
  readonly calls: Array<{ channelId: string; nonce: string }> = [];
  private readonly queue: Behaviour[] = [];
  private counter = 0;

  constructor(
    private readonly options: { history?: boolean; nonceDedup?: boolean } = {},
  ) {
    if (options.history) {
      this.findPosted = async (channelId, footers) =>
        footers.map((footer) => this.messages.find((m) => m.channelId === channelId && m.payload.message?.embeds[0]?.footer?.text === footer)?.messageId);
    }
  }

  findPosted?: DigestPoster['findPosted'];

  /** Packs like the Discord poster does: embeds within Discord's per-message limits. */
  pack = digestMessages;

  /** The next `times` posts fail with this HTTP error. */
  failNext(error: { status?: number; code?: number; message?: string }, times = 1): void {
    for (let i = 0; i < times; i++) this.queue.push({ kind: 'fail', error: { message: `HTTP ${error.status}`, ...error } });
  }

  /** The next post never answers (the process dies), after Discord created the message or before. */
  hangNext(afterCreate: boolean): void {
    this.queue.push({ kind: 'hang', afterCreate });
  }

  async post(channelId: string, payload: DigestPayload, nonce: string): Promise<{ messageId: string }> {
    this.calls.push({ channelId, nonce });
    const behaviour = this.queue.shift();
    if (behaviour?.kind === 'fail') throw Object.assign(new Error(behaviour.error.message), behaviour.error);
    if (behaviour?.kind === 'hang' && !behaviour.afterCreate) return new Promise(() => undefined);
    let message = this.options.nonceDedup === false ? undefined : this.messages.find((m) => m.channelId === channelId && m.nonce === nonce);
    if (!message) {
      message = { channelId, nonce, payload, messageId: `m${++this.counter}` };
      this.messages.push(message);
    }
    if (behaviour?.kind === 'hang') return new Promise(() => undefined);
    return { messageId: message.messageId };
  }

  inChannel(channelId: string): PostRecord[] {
    return this.messages.filter((m) => m.channelId === channelId);
  }
}

export const GUILD = '111111111111111111';
export const CHANNEL = '222222222222222222';
export const OTHER_GUILD = '333333333333333333';
export const OTHER_CHANNEL = '444444444444444444';

export const baseConfig: DigestServiceOptions['config'] = {
  digestTime: { hour: 8, minute: 0 },
  digestTimezone: 'Europe/Paris',
} satisfies Partial<Config>;

/** A service with no timer and instant retries, on the given store and poster. */
export function makeService(options: Partial<DigestServiceOptions> & Pick<DigestServiceOptions, 'engine' | 'store' | 'poster'>) {
  return createDigestService({
    config: baseConfig,
    logger: silentLogger,
    cron: false,
    sleep: async () => undefined,
    backoffMs: [10, 20],
    ...options,
  });
}

export function openStore(path: string): SqliteStateStore {
  return new SqliteStateStore(path);
}
