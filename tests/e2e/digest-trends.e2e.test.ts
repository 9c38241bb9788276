/**
 * The digest's trends section (/digest set tendances:): off by default, kept per server, shown by
 * /digest status; when on, the digest posted on Discord ends with the rising actors and their
 * picture, sent multipart, whose data is what `cli -- tendances --json` gives for the same
 * period; the console's digest prints the same section and writes the same picture.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus, newsroom } from '../support/e2e.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { PNG_DATA_KEYWORD, readPng } from '../../src/replies/picture/png.js';
import { PictureRenderer } from '../../src/replies/picture/renderer.js';
import { consolePoster } from '../../src/services/digest/poster.js';
import { createDigestService } from '../../src/services/digest/service.js';
import { openStateStore } from '../../src/services/store/index.js';
import { createLogger } from '../../src/logger.js';
import { DATED_ARTICLES, cliJson } from './pictures-support.js';

let fake: FakeDiscord;
let corpus: Corpus;
let engine: SqliteCorpusEngine;
let running: InProcessBot | undefined;
const now = new Date('2026-11-28T07:00:00Z');
const clock = () => new Date(now);
/** What the CLI says of the trends of the same corpus (default period: 7 days), without its `command`. */
let cliTrends: Record<string, unknown>;

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { discord: newsroom({ name: 'général' }, { name: 'briefings' }), articles: DATED_ARTICLES }));
  engine = (await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:', now: () => clock().getTime() })).engine;
  keep.atEnd(() => engine?.close());
  keep.atEnd(() => running?.stop());
  running = await startInProcessBot({ fake, engine, statePath: join(corpus.root, 'state', 'bot.db'), clock });
  const { command: _command, ...cli } = await cliJson(corpus, 'tendances');
  cliTrends = cli;
}, 90_000);

const channel = (name: string) => fake.channel(name)!.id;

async function digestCommand(subcommand: string, options: Record<string, string | boolean> = {}) {
  const handle = fake.sendCommand({ name: 'digest', subcommand, options, user: 'claire.moreau' });
  const message = await handle.reply((m) => m.embeds.length > 0, 20_000);
  expect(handle.errors).toEqual([]);
  return message;
}

describe('the trends section of the digest on Discord', () => {
  it('is off by default, turned on by /digest set tendances:, and shown by /digest status', async () => {
    const set = await digestCommand('set', { salon: channel('briefings'), heure: '08:00' });
    expect(embedText(set)).toContain('Tendances : non');
    expect((await running!.digest.target(fake.guild.id))?.trends).toBe(false);

    const on = await digestCommand('set', { salon: channel('briefings'), heure: '08:00', tendances: true });
    expect(embedText(on)).toContain('Tendances : oui');
    expect((await running!.store.getGuildSettings(fake.guild.id))?.trends).toBe(true);
    // A later /digest set without the option keeps it.
    await digestCommand('set', { salon: channel('briefings'), heure: '08:30' });
    expect((await running!.store.getGuildSettings(fake.guild.id))?.trends).toBe(true);

    const status = await digestCommand('status');
    const field = status.embeds[0]!.fields?.find((f) => f.name === 'Tendances');
    expect(field?.value).toMatch(/^Oui \(7 derniers jours/);
  });

  it('ends the posted digest with the rising actors and their PNG, whose data is the CLI’s tendances --json', async () => {
    const target = await running!.digest.target(fake.guild.id);
    expect(target?.trends).toBe(true);
    const report = await running!.digest.postNow(target!, clock());
    expect(report.outcome).toBe('posted');

    const posted = fake.channelMessages(channel('briefings')).filter((m) => report.messageIds!.includes(m.id));
    const withPicture = posted.filter((m) => m.attachments.length > 0);
    expect(withPicture).toHaveLength(1);
    const message = withPicture[0]!;
    const embed = message.embeds.find((e) => e.image !== undefined)!;
    expect(embed.title).toBe('Acteurs en hausse — 7 jours');
    const attachment = message.attachments[0]!;
    expect(embed.image?.url).toBe(`attachment://${attachment.filename}`);
    expect(attachment).toMatchObject({ content_type: 'image/png', width: 800 });
    expect(attachment.description).toMatch(/^En hausse du 21 novembre 2026 au 27 novembre 2026 : /);
    // Sent multipart, with the digest's nonce.
    const upload = fake.requests.find((r) => r.files.includes(attachment.filename));
    expect(upload).toBeDefined();

    const png = fake.attachmentBytes(attachment.id)!;
    const info = readPng(png);
    expect(info.width).toBe(800);
    const drawn = JSON.parse(info.text[PNG_DATA_KEYWORD]!) as { rising: Array<{ name: string; share: number; mentions: number }>; totalMentions: number };
    expect(drawn).toEqual(cliTrends);
    // Real shares: of all actor mentions of the period, said in the list.
    const china = drawn.rising.find((r) => r.name === 'Chine')!;
    expect(china.share).toBeCloseTo(china.mentions / drawn.totalMentions);
    const shown = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(china.share);
    expect(embed.description).toContain(`Chine : ${shown} des mentions`);
    // The digest's own « en hausse » (since the previous digest) is a different field, kept apart.
    expect(message.embeds.concat(posted.flatMap((m) => m.embeds)).some((e) => e.title?.startsWith('Digest du'))).toBe(true);
  });

  it('is left out once turned off', async () => {
    await digestCommand('set', { salon: channel('briefings'), heure: '08:30', tendances: false });
    const status = await digestCommand('status');
    expect(status.embeds[0]!.fields?.find((f) => f.name === 'Tendances')?.value).toBe('Non');
    const replies = await running!.digest.preview({ guildId: fake.guild.id, channelId: channel('briefings'), timezone: 'Europe/Paris', topics: [], trends: false, now: clock() });
    expect(replies.some((r) => r.chart)).toBe(false);
    expect(replies.map((r) => r.title)).not.toContain('Acteurs en hausse — 7 jours');
  });
});

describe('the trends section of the digest in the console', () => {
  it('prints the rising actors and the chart’s caption, and writes the picture, whose data is the CLI’s', async () => {
    const root = mkdtempSync(join(tmpdir(), 'depeche-digest-trends-'));
    const store = openStateStore(join(root, 'state.db'));
    const pictures = new PictureRenderer();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const service = createDigestService({
      engine,
      store,
      poster: consolePoster(output, { color: false, width: 100, pictures, pictureDir: join(root, 'images') }),
      config: { digestTime: { hour: 8, minute: 0 }, digestTimezone: 'Europe/Paris' },
      logger: createLogger('silent'),
      clock,
      cron: false,
    });
    try {
      const preview = await service.preview({ guildId: 'console', channelId: 'console', timezone: 'Europe/Paris', topics: [], trends: true, now: clock() });
      expect(preview.at(-1)?.chart?.data).toEqual(cliTrends);

      const report = await service.postNow({ guildId: 'console', channelId: 'console', time: '08:00', timezone: 'Europe/Paris', topics: [], trends: true, enabled: true, source: 'config' }, clock());
      expect(report.outcome).toBe('posted');
      expect(printed).toContain('Acteurs en hausse — 7 jours');
      expect(printed).toMatch(/Chine : 55,6\s%\sdes mentions \(20,0\s%\savant\), 5 mentions \(1 avant\)/u);
      expect(printed).toMatch(/En hausse du 21 novembre 2026 au 27 novembre 2026 : Chine/);
      // The note on undated articles stays (the footer is the digest's mark).
      expect(printed).toMatch(/mentions d’articles sans date ne comptent dans aucune période/);
      const path = /Image : (\S+\.png)/.exec(printed)?.[1];
      expect(path).toBeDefined();
      const drawn = JSON.parse(readPng(readFileSync(path!)).text[PNG_DATA_KEYWORD]!) as unknown;
      expect(drawn).toEqual(cliTrends);
    } finally {
      await pictures.close();
      await store.close();
    }
  });
});
