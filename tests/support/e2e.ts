/**
 * What most end-to-end files open first: the fake Discord and a corpus folder (a copy of the seeds
 * plus the file's articles), both closed after the file's tests by the file's `keep`.
 */
import { DEFAULT_GUILD, startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fake-discord/index.js';
import type { ChannelFixtureInput } from '../fake-discord/fixtures.js';
import { makeCorpus, NEWSROOM_MEMBERS, type Corpus } from '../e2e/harness.js';
import type { Keep } from './teardown.js';

export async function fakeDiscordAndCorpus(
  keep: Keep,
  options: { discord?: FakeDiscordOptions; articles?: Record<string, string> } = {},
): Promise<{ fake: FakeDiscord; corpus: Corpus }> {
  const fake = keep(await startFakeDiscord(options.discord), (f) => f.close());
  const corpus = keep(makeCorpus(options.articles), (c) => c.cleanup());
  return { fake, corpus };
}

/** Two guilds on a fake Discord that recommends 2 shards: `guild0` on shard 0, `guild1` on shard 1. */
export function twoShardDiscord(guild0: string, guild1: string): FakeDiscordOptions {
  return {
    recommendedShards: 2,
    guilds: [
      { ...DEFAULT_GUILD, id: guild0, name: 'Rédaction Paris' },
      { ...DEFAULT_GUILD, id: guild1, name: 'Rédaction Montréal' },
    ],
  };
}

/** The newsroom server of the in-process tests (a manager and a member, see NEWSROOM_MEMBERS) with these channels. */
export function newsroom(...channels: ChannelFixtureInput[]): FakeDiscordOptions {
  return { guilds: [{ name: 'Rédaction Dépêche', channels, members: NEWSROOM_MEMBERS }] };
}
