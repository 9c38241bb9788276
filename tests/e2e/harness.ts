/**
 * End-to-end harness: a corpus folder in a temp dir (the real seeds plus fixture articles), and the
 * bot either as the real program (`src/main.ts`) started as a child process, or wired in-process as
 * `src/start-bot.ts` wires it (so that a test can drive the digest clock or swap the engine); both
 * point their discord.js client at the fake Discord. Nothing leaves 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import { waitFor } from '../fake-discord/index.js';
import { createBot, type Bot } from '../../src/bot/index.js';
import { discordChannelAccess } from '../../src/bot/channel-access.js';
import { discordPoster } from '../../src/bot/digest-poster.js';
import type { CommandContext } from '../../src/commands/command.js';
import { commands } from '../../src/commands/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createDigestService, type DigestService } from '../../src/services/digest/index.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { scopedEngine } from '../../src/services/scoped-engine.js';
import { openStateStore, type StateStore } from '../../src/services/store/index.js';

export const REPO_ROOT = join(import.meta.dirname, '../..');
const SEEDS = join(REPO_ROOT, 'seeds');

/**
 * A page as a French news site would serve it, with text that would ping everyone and bold
 * markers if shown raw. Its rare words (`Kaliningrad`, `brise-glace`) make it easy to search for.
 */
export const HOSTILE_ARTICLE = `Kaliningrad : la Russie renforce sa flotte de brise-glace en mer Baltique

Publié le 12 mars 2025
Partager
3 Commentaires

Selon plusieurs sources diplomatiques, la Russie a déployé deux nouveaux brise-glace dans le port de Kaliningrad, une décision que la Lituanie juge « provocatrice ».
Sur un forum militant, un message invitant @everyone à « bloquer le port » a circulé, accompagné de la mention **urgent** et d'un lien vers le salon <#123456789012345678> ; un autre citait <@123456789012345678> et @here.
La Pologne et la Lituanie ont demandé une réunion de l'OTAN pour évaluer la situation dans la région de Kaliningrad.
Moscou affirme pour sa part que les brise-glace ont une vocation strictement commerciale et que le trafic vers Kaliningrad reste libre.

Partager cet article
`;

export interface Corpus {
  dir: string;
  /** Work folder for databases, removed by `cleanup`. */
  root: string;
  cleanup(): void;
}

/** A corpus folder: a copy of the real seeds plus the given extra articles (file name → text). */
export function makeCorpus(extra: Record<string, string> = {}): Corpus {
  const root = mkdtempSync(join(tmpdir(), 'depeche-e2e-'));
  const dir = join(root, 'corpus');
  mkdirSync(dir);
  for (const name of readdirSync(SEEDS)) copyFileSync(join(SEEDS, name), join(dir, name));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return { dir, root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface BotProcess {
  child: ChildProcess;
  /** Parsed JSON log lines of the bot (stderr), in order. */
  logs: Array<Record<string, unknown>>;
  /** Everything the bot wrote on stderr, raw. */
  stderr(): string;
  waitForLog(predicate: (line: Record<string, unknown>) => boolean, timeoutMs?: number, description?: string): Promise<Record<string, unknown>>;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface StartBotOptions {
  fake: FakeDiscord;
  corpusDir: string;
  databasePath: string;
  env?: Record<string, string>;
  /** Wait for the command sync log line before resolving. Default 30 s. */
  readyTimeoutMs?: number;
}

const SYNC_DONE = new Set(['slash commands registered', 'slash commands already up to date', 'slash command sync failed']);

/** Starts `src/main.ts` in Discord mode against the fake; resolves once commands are synced. */
export async function startBotProcess(options: StartBotOptions): Promise<BotProcess> {
  const { fake } = options;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guild.id,
    DISCORD_API_BASE: fake.apiBase,
    CORPUS_DIR: options.corpusDir,
    DATABASE_PATH: options.databasePath,
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let raw = '';
  let pending = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line (a start-up message): kept in `raw` only.
      }
    }
  });
  child.stdout!.resume();

  const bot: BotProcess = {
    child,
    logs,
    stderr: () => raw,
    waitForLog(predicate, timeoutMs = 10_000, description = 'a log line') {
      return waitFor(
        () => {
          if (exitCode !== undefined) throw new Error(`The bot exited (${String(exitCode)}) while waiting for ${description}:\n${raw}`);
          return logs.find(predicate);
        },
        { timeoutMs, description: `${description}; bot stderr so far:\n${raw.slice(-3000)}` },
      );
    },
    async stop() {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  try {
    await bot.waitForLog((l) => SYNC_DONE.has(String(l.msg)), options.readyTimeoutMs ?? 30_000, 'the start-up command sync');
  } catch (error) {
    await bot.stop();
    throw error;
  }
  return bot;
}

/** All the visible text of a message's embeds, joined. */
export function embedText(message: { embeds?: unknown[] }): string {
  return (message.embeds ?? [])
    .map((e) => {
      const embed = e as { title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } };
      return [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
}

/** Custom ids and labels of a message's buttons, in order. */
export function buttonsOf(message: { components?: unknown[] }): Array<{ custom_id: string; label: string; disabled: boolean }> {
  return (message.components ?? []).flatMap((row) =>
    ((row as { components?: unknown[] }).components ?? []).map((c) => {
      const b = c as { custom_id: string; label: string; disabled?: boolean };
      return { custom_id: b.custom_id, label: b.label, disabled: b.disabled === true };
    }),
  );
}

export interface InProcessBot {
  bot: Bot;
  store: StateStore;
  digest: DigestService;
  /** Stops the digest, the extra services, the bot, then closes the store. */
  stop(): Promise<void>;
}

export interface InProcessBotOptions {
  fake: FakeDiscord;
  engine: CorpusEngine;
  /** DATABASE_PATH of the bot's state (`:memory:` for none kept across restarts). */
  statePath: string;
  /** Default: silent. */
  logger?: Logger;
  /** The digest's clock. Default: the system clock. */
  clock?: () => Date;
  /** The digest's timer, started with the bot; without it the digest runs only when the test calls it. */
  cron?: string;
  /** Adds services on the bot's store (feeds) before the bot starts; closed after the digest stops. */
  extraServices?: (store: StateStore, services: CommandContext['services']) => { close(): Promise<void> };
}

/** The bot, its state store and its digest service (08:00 Europe/Paris by default), started. */
export async function startInProcessBot(options: InProcessBotOptions): Promise<InProcessBot> {
  const { fake, engine } = options;
  const logger = options.logger ?? createLogger('silent');
  const store = openStateStore(options.statePath);
  const services: CommandContext['services'] = { store };
  const extra = options.extraServices?.(store, services);
  const bot = createBot({
    config: { discordToken: fake.token, discordClientId: fake.applicationId, discordGuildId: fake.guild.id, discordApiBase: fake.apiBase },
    logger,
    commands,
    stateStore: store,
    // As start-bot.ts: each interaction sees the shared articles and its own server's.
    makeContext: (invoker) => ({ engine: scopedEngine(engine, { guildId: invoker.guildId }), invoker, services }),
  });
  const digest = createDigestService({
    engine,
    store,
    poster: discordPoster(bot.client.rest, { botUserId: fake.applicationId, pictures: bot.pictures }),
    channelAccess: discordChannelAccess(bot.client),
    config: { discordGuildId: fake.guild.id, digestTime: { hour: 8, minute: 0 }, digestTimezone: 'Europe/Paris' },
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
    cron: options.cron ?? false,
  });
  services.digest = digest;
  await bot.start();
  if (options.cron) await digest.start();
  return {
    bot,
    store,
    digest,
    async stop() {
      await digest.stop();
      await extra?.close();
      await bot.stop();
      await store.close();
    },
  };
}

/** The newsroom server of the in-process tests: a manager (`claire.moreau`) and a member (`yanis_b`). */
export const NEWSROOM_MEMBERS = [
  { username: 'claire.moreau', globalName: 'Claire Moreau', permissions: PermissionFlagsBits.ManageGuild },
  { username: 'yanis_b', globalName: 'Yanis B.' },
];
