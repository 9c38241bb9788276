/**
 * Which Discord shard a process is, and which guilds it owns. Knows nothing of discord.js: the
 * bot hands it the shard ids and count of its client.
 */

/** This process's place among the bot's shards. */
export interface ShardPlacement {
  /** Shards this process runs (one under the sharding manager). */
  ids: readonly number[];
  /** Shards of the whole bot, on every host. */
  count: number;
}

/** A single process that is the whole bot. */
export const SINGLE_SHARD: ShardPlacement = { ids: [0], count: 1 };

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`, as Discord computes it. */
export function shardOfGuild(guildId: string, count: number): number {
  if (count <= 1) return 0;
  try {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  } catch {
    return 0;
  }
}

/** Whether the process at `placement` owns a guild (receives its events, posts its digest). */
export function ownsGuild(placement: ShardPlacement, guildId: string): boolean {
  return placement.ids.includes(shardOfGuild(guildId, placement.count));
}

/** `2/4` or `0,1/4`: shard ids over the count, as logs and `/digest status` show them. */
export function shardLabel(placement: ShardPlacement): string {
  return `${placement.ids.join(',')}/${placement.count}`;
}

/**
 * The placement a discord.js client reports (`options.shards`, `options.shardCount`), which the
 * sharding manager sets through the SHARDS and SHARD_COUNT variables of each shard process.
 */
export function placementOf(shards: unknown, shardCount: unknown): ShardPlacement {
  const count = typeof shardCount === 'number' && shardCount >= 1 ? shardCount : 1;
  const ids = Array.isArray(shards) ? shards.filter((id): id is number => typeof id === 'number') : typeof shards === 'number' ? [shards] : [];
  return ids.length > 0 ? { ids, count } : count === 1 ? SINGLE_SHARD : { ids: Array.from({ length: count }, (_, i) => i), count };
}
