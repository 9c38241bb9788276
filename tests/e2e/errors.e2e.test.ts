/**
 * A handler that throws, through the real discord.js client and the fake Discord: the member gets a
 * private French error, the failure is logged with structured fields (never the token), and the
 * bot answers the next command. The bot is built in-process here so that one engine call can fail.
 */
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import type { Bot } from '../../src/bot/index.js';
import { createLogger } from '../../src/logger.js';
import { openCorpus } from '../../src/app.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';

let fake: FakeDiscord;
let corpus: Corpus;
let running: InProcessBot | undefined;
let bot: Bot;
let closeCorpus: () => Promise<void>;
const logLines: string[] = [];

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep));
  const opened = await openCorpus({ corpusDir: corpus.dir, databasePath: ':memory:' });
  closeCorpus = opened.close;
  // The engine fails for one query, as a corrupted index or a bug would.
  const engine: CorpusEngine = new Proxy(opened.engine as CorpusEngine, {
    get(target, key, receiver) {
      if (key === 'actor') {
        return async (query: string, page?: Parameters<CorpusEngine['actor']>[1]) => {
          if (query === 'panne') throw new Error('database disk image is malformed');
          return target.actor(query, page);
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
  const logger = createLogger('debug', sink as never, { secrets: [fake.token], pretty: false });
  keep.atEnd(() => closeCorpus?.());
  keep.atEnd(() => running?.stop());
  running = await startInProcessBot({ fake, engine, statePath: ':memory:', logger });
  bot = running.bot;
}, 60_000);

describe('a handler that throws', () => {
  it('answers a private French error, logs it with structured fields, and the bot keeps answering', async () => {
    const failing = fake.sendCommand({ name: 'actor', options: { nom: 'panne' } });
    const error = await failing.reply();
    expect(failing.ephemeral).toBe(true);
    expect(error.embeds[0]!.title).toBe('Une erreur est survenue');
    expect(embedText(error)).toMatch(/Réessayez/);

    const logged = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'interaction failed');
    expect(logged).toMatchObject({ command: 'actor', kind: 'command', guildId: fake.guild.id, interactionId: failing.id });
    expect((logged!.err as { message: string }).message).toBe('database disk image is malformed');
    expect(logLines.join('')).not.toContain(fake.token);

    const next = fake.sendCommand({ name: 'actor', options: { nom: 'Russie' } });
    const answer = await next.reply();
    expect(answer.embeds[0]!.title).toBe('Russie');
  });

  it('the client was made with the Guilds intent only and no mention allowed by default', () => {
    expect(bot.client.options.intents.toArray()).toEqual(['Guilds']);
    expect(bot.client.options.allowedMentions).toEqual({ parse: [] });
  });
});
