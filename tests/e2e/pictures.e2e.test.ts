/**
 * Pictures through the real bot and the fake Discord: /actor and /tendances answer with a
 * multipart message whose PNG is valid, shown in the embed, described by its caption, and whose
 * data (kept in the PNG) is exactly what the CLI's --json gives on the same corpus.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import { startBotProcess, type BotProcess, type Corpus } from './harness.js';
import { PNG_DATA_KEYWORD, readPng } from '../../src/replies/picture/png.js';
import { DATED_ARTICLES as ARTICLES, cliJson as cliJsonOn } from './pictures-support.js';

let fake: FakeDiscord;
let corpus: Corpus;
let bot: BotProcess;

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { articles: ARTICLES }));
  keep.atEnd(() => bot?.stop());
  bot = await startBotProcess({ fake, corpusDir: corpus.dir, databasePath: join(corpus.root, 'bot', 'bot.db') });
}, 60_000);

const cliJson = (...args: string[]) => cliJsonOn(corpus, ...args);

/** Sends a command and waits for its answer with a picture. */
async function pictureAnswer(name: string, options: Record<string, string>): Promise<{ message: FakeMessage; png: Buffer }> {
  const handle = fake.sendCommand({ name, options });
  const message = await handle.reply((m) => m.attachments.length > 0, 20_000);
  expect(handle.errors).toEqual([]);
  const png = fake.attachmentBytes(message.attachments[0]!.id);
  expect(png).toBeDefined();
  return { message, png: png! };
}

describe('pictures on Discord', () => {
  it('/actor Russie sends its text answer and a PNG of its mentions per day, as the CLI gives them', async () => {
    const { message, png } = await pictureAnswer('actor', { nom: 'Russie' });
    // The text answer is intact.
    expect(message.embeds[0]!.title).toBe('Russie');
    expect(message.embeds[0]!.description).toMatch(/passages? du corpus mentionnen?t Russie/);
    // Sent as multipart, shown in the embed, described by its caption.
    const upload = fake.requests.find((r) => r.files.includes('acteur-russie.png'));
    expect(upload).toBeDefined();
    const attachment = message.attachments[0]!;
    expect(attachment).toMatchObject({ filename: 'acteur-russie.png', content_type: 'image/png', width: 800 });
    expect(message.embeds[0]!.image?.url).toBe('attachment://acteur-russie.png');
    expect(attachment.description).toMatch(/^Russie : \d+ mentions du 29 octobre 2026 au 27 novembre 2026, pic le /);
    const info = readPng(png);
    expect(info.width).toBe(800);
    expect(info.height).toBeGreaterThan(300);

    const drawn = JSON.parse(info.text[PNG_DATA_KEYWORD]!) as { dates: string[]; series: Array<{ name: string; counts: number[] }> };
    const cli = await cliJson('actor', 'Russie');
    expect(drawn).toEqual(cli.chart);
    // Every day of the 30 is a point; the 25th, with no article, is a zero in its place.
    expect(drawn.dates).toHaveLength(30);
    const russia = drawn.series[0]!;
    expect(russia.name).toBe('Russie');
    expect(russia.counts[drawn.dates.indexOf('2026-11-25')]).toBe(0);
    expect(russia.counts[drawn.dates.indexOf('2026-11-18')]).toBe(2);
    expect(russia.counts[drawn.dates.indexOf('2026-11-20')]).toBe(1);
    expect(drawn.series.map((s) => s.name)).toContain('Chine');

    // Another page of the answer: its picture replaces the one before (one attachment, still valid).
    const next = (message.components?.[0] as { components: Array<{ custom_id: string; label: string }> } | undefined)?.components.find((c) =>
      /Suivant/.test(c.label),
    );
    expect(next).toBeDefined();
    const click = fake.clickButton({ message, customId: next!.custom_id });
    const updated = await click.reply((m) => /Page 2\//.test(m.embeds[0]?.footer?.text ?? ''), 20_000);
    expect(click.errors).toEqual([]);
    expect(updated.attachments).toHaveLength(1);
    expect(updated.embeds[0]!.image?.url).toBe('attachment://acteur-russie.png');
    expect(readPng(fake.attachmentBytes(updated.attachments[0]!.id)!).text[PNG_DATA_KEYWORD]).toBe(info.text[PNG_DATA_KEYWORD]);
  });

  it('/tendances sends the rising actors with their real shares and a PNG of them, as the CLI gives them', async () => {
    const { message, png } = await pictureAnswer('tendances', { periode: '7j' });
    const info = readPng(png);
    const drawn = JSON.parse(info.text[PNG_DATA_KEYWORD]!) as { rising: Array<{ name: string; share: number; mentions: number }>; totalMentions: number };
    const { command: _command, ...cli } = await cliJson('tendances', '--periode', '7j');
    expect(drawn).toEqual(cli);
    const china = drawn.rising.find((r) => r.name === 'Chine');
    expect(china).toBeDefined();
    expect(china!.share).toBeCloseTo(china!.mentions / drawn.totalMentions);
    // The list says the same share, in French.
    const text = message.embeds[0]!.description ?? '';
    const shown = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(china!.share);
    expect(text).toContain(`Chine : ${shown} des mentions`);
    expect(message.attachments[0]!.description).toMatch(/^En hausse du 21 novembre 2026 au 27 novembre 2026 : /);
  });

  it('/actor Russie periode:7j draws the last 7 days only, as the CLI’s actor --periode 7j gives them', async () => {
    const { message, png } = await pictureAnswer('actor', { nom: 'Russie', periode: '7j' });
    const drawn = JSON.parse(readPng(png).text[PNG_DATA_KEYWORD]!) as { dates: string[]; from: string; to: string; previous: { mentions: number } };
    expect(drawn).toEqual((await cliJson('actor', 'Russie', '--periode', '7j')).chart);
    expect(drawn.dates).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    // The 7 days before hold the 18th and the 20th: 3 mentions of Russia.
    expect(drawn.previous.mentions).toBe(3);
    expect(message.attachments[0]!.description).toMatch(/^Russie : 1 mention du 21 novembre 2026 au 27 novembre 2026/);
  });

  it('actor --periode refuses a period that is none, politely (Discord offers only its choices)', async () => {
    const failure = (await cliJson('actor', 'Russie', '--periode', 'demain').catch((error: unknown) => error)) as { code?: number; stdout?: string };
    expect(failure.code).toBe(1);
    expect(JSON.parse(failure.stdout!).error).toMatch(/^--periode attend une durée comme 7j, 30j ou 2s/);
  });
});
