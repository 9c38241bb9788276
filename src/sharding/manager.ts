/**
 * `npm start` with SHARD_COUNT: discord.js's ShardingManager runs one process per shard (all of
 * them, or SHARD_IDS on this host), each the same program as a single bot (`src/main.ts`), and
 * respawns a shard process that dies. The manager itself holds no Discord connection and no state.
 */
import { REST, Routes, ShardingManager } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { placementOf, SINGLE_SHARD, type ShardPlacement } from './shards.js';

/** A shard process is started by the manager with these variables (discord.js's protocol). */
export function isShardProcess(env: NodeJS.ProcessEnv): boolean {
  return env.SHARDING_MANAGER === 'true';
}

/** Discord's recommended shard count (`GET /gateway/bot`), asked through DISCORD_API_BASE. */
export async function recommendedShardCount(config: Pick<Config, 'discordApiBase' | 'discordToken'>): Promise<number> {
  // discord.js's own helper asks discord.com whatever the API base: ask through ours instead.
  const rest = new REST({ api: config.discordApiBase }).setToken(config.discordToken ?? '');
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

export interface ShardingOptions {
  /** Wait between two shard starts (Discord allows one IDENTIFY per ~5 s). Default 5 500 ms. */
  spawnDelayMs?: number;
}

/** Starts the shard processes and keeps them running until SIGINT/SIGTERM. */
export async function runShardingManager(config: Config, logger: Logger, options: ShardingOptions = {}): Promise<void> {
  const totalShards = config.shardCount === 'auto' ? await recommendedShardCount(config) : (config.shardCount ?? 1);
  const shardList = config.shardIds ?? Array.from({ length: totalShards }, (_, i) => i);
  const manager = new ShardingManager(process.argv[1]!, {
    token: config.discordToken,
    totalShards,
    shardList,
    mode: 'process',
    respawn: true,
    // The shard processes run as this one does (under tsx).
    execArgv: process.execArgv,
  });
  const log = logger.child({ role: 'shard-manager' });
  manager.on('shardCreate', (shard) => {
    // Each start, first or after a death: the pid lets an operator find the process.
    shard.on('spawn', (child) => {
      log.info({ event: 'shard.spawned', shard: shard.id, shardCount: totalShards, pid: (child as { pid?: number }).pid }, 'shard process started');
    });
    shard.on('death', (child) => {
      const process = child as { exitCode?: number | null; signalCode?: string | null; pid?: number };
      log.warn({ event: 'shard.died', shard: shard.id, exitCode: process.exitCode ?? null, signal: process.signalCode ?? null, pid: process.pid }, 'shard process died; restarting it');
    });
  });
  log.info({ event: 'sharding.start', shardCount: totalShards, shards: shardList }, 'starting shard processes');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: 'shutdown', signal }, 'stopping shard processes');
    // Each shard process shuts down cleanly on SIGTERM; the manager waits for all, then exits.
    const exits = [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (!child || child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          // kill(): SIGTERM, and no respawn.
          shard.kill();
        }),
    );
    void Promise.all(exits).then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Shards become ready in the background; a shard that fails to start is retried by the manager.
  await manager.spawn({ amount: totalShards, delay: options.spawnDelayMs ?? 5_500, timeout: -1 });
}

/**
 * The shards of this process when the manager started it (its SHARDS and SHARD_COUNT variables,
 * which discord.js's client also reads); a single shard otherwise.
 */
export function shardPlacementFromEnv(env: NodeJS.ProcessEnv): ShardPlacement {
  if (!isShardProcess(env)) return SINGLE_SHARD;
  let shards: unknown;
  try {
    shards = JSON.parse(env.SHARDS ?? '0');
  } catch {
    shards = 0;
  }
  return placementOf(shards, Number(env.SHARD_COUNT ?? 1));
}
