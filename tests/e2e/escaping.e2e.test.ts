/**
 * Corpus text full of Discord markup (masked links, bare URLs with credentials, headings, subtext,
 * quotes, lists, spoilers, long backtick runs, mentions, timestamps) through the real discord.js
 * client and the fake Discord: /article, /search, /actor and the daily digest show it literally.
 * What Discord would render is read with an independent Discord markdown parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import { openCorpus } from '../../src/app.js';
import type { DigestService } from '../../src/services/digest/index.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { liveMarkup, shownText } from '../helpers/discord-markdown.js';

/** An article as a careless or hostile page would give it. Rare word: `Svalbard`. */
const LINKED_ARTICLE = `# [Alerte](https://evil.example/titre) : la Russie ||masse|| des navires près du Svalbard

Publié le 28 novembre 2026

Selon [Le Monde](https://lemonde.fr) et [la source officielle du Svalbard](https://evil.example/phish), la Russie a envoyé trois navires vers le Svalbard, ce que la Norvège juge préoccupant.
-# Une note en petits caractères affirme que le Svalbard sera bloqué <t:1800000000:R> par la Russie.
> La Norvège, citée par \`\`\`\`https://user:motdepasse@evil.example/login\`\`\`\`, dénonce une provocation russe près du Svalbard.
Un message appelant @everyone et <@123456789012345678> à surveiller le Svalbard circule, avec un lien https://lemonde.fr@evil.example/svalbard vers la carte.
`;

// The bot's own markup: bold labels and highlights, italic source titles, ids in inline code.
const BOT_MARKUP = ['strong', 'em', 'inlineCode'];

let fake: FakeDiscord;
let corpus: Corpus;
let running: InProcessBot | undefined;
let digest: DigestService;
let closeCorpus: () => Promise<void>;

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { articles: { '950_svalbard_liens.txt': LINKED_ARTICLE } }));
  const opened = await openCorpus({ corpusDir: corpus.dir, databasePath: ':memory:' });
  closeCorpus = opened.close;
  keep.atEnd(() => closeCorpus?.());
  keep.atEnd(() => running?.stop());
  running = await startInProcessBot({ fake, engine: opened.engine, statePath: ':memory:' });
  digest = running.digest;
}, 60_000);

/** Every piece of text of a message that Discord renders as markdown. */
function markdownParts(message: FakeMessage): string[] {
  return message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]);
}

function expectInert(message: FakeMessage) {
  for (const part of markdownParts(message)) expect(liveMarkup(part, BOT_MARKUP), part).toEqual([]);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.mentions).toEqual([]);
  expect(message.mention_everyone).toBe(false);
}

async function run(name: string, options: Record<string, string>) {
  const handle = fake.sendCommand({ name, options });
  return handle.reply((m) => m.embeds.length > 0, 10_000);
}

describe('corpus markup on Discord', () => {
  it('/article shows every link, heading, subtext, quote and mention literally', async () => {
    const message = await run('article', { id: '950_svalbard_liens' });
    expectInert(message);
    const shown = shownText(embedText(message));
    expect(shown).toContain('[la source officielle du Svalbard](https://evil.example/phish)');
    expect(shown).toContain('-# Une note');
    expect(shown).toContain('````https://user:motdepasse@evil.example/login````');
    expect(shown).toContain('@everyone');
  });

  it('/search highlights a word inside a link text without re-opening the link', async () => {
    const message = await run('search', { requete: 'Svalbard officielle' });
    expectInert(message);
    const description = message.embeds[0]!.description ?? '';
    expect(description).toMatch(/\*\*Svalbard\*\*/u);
    expect(shownText(description)).toContain('(https://evil.example/phish)');
  });

  it('/actor shows the passages of a hostile article literally', async () => {
    const message = await run('actor', { nom: 'Norvège' });
    expectInert(message);
    expect(embedText(message)).toMatch(/Svalbard/u);
  });

  it('the digest posted in a channel shows hostile titles and excerpts literally', async () => {
    const channelId = fake.guild.channels.find((c) => c.type === 0)!.id;
    const report = await digest.postNow({
      guildId: fake.guild.id,
      channelId,
      time: '08:00',
      timezone: 'Europe/Paris',
      topics: ['Russie'],
      enabled: true,
      source: 'settings',
    });
    expect(report.outcome, report.error).toBe('posted');
    const posted = fake.channelMessages(channelId);
    expect(posted.length).toBeGreaterThan(0);
    for (const message of posted) expectInert(message);
    expect(shownText(posted.map(embedText).join('\n'))).toContain('[Alerte](https://evil.example/titre)');
  });
});
