/**
 * The digest's Discord poster and pictures: a reply with a chart goes multipart, its picture
 * shown in that reply's embed and described by the chart's caption; a picture that cannot be
 * drawn is left out and the digest still goes.
 */
import type { REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { discordPoster } from '../../src/bot/digest-poster.js';
import type { Pictures } from '../../src/replies/chart.js';
import type { Reply } from '../../src/replies/reply.js';
import { trendsReply } from '../../src/replies/trends.js';
import type { TrendsAnswer } from '../../src/services/engine.js';

const ANSWER: TrendsAnswer = {
  period: { from: '2026-11-21', to: '2026-11-27', days: 7 },
  previousPeriod: { from: '2026-11-14', to: '2026-11-20' },
  totalMentions: 9,
  previousTotalMentions: 5,
  rising: [{ id: 'country:CHN', name: 'Chine', mentions: 5, previousMentions: 1, share: 5 / 9, previousShare: 0.2 }],
  undatedMentions: 0,
  stamp: 'test:1',
};

const overview: Reply = { tone: 'info', title: 'Digest du 28 novembre 2026', intro: '3 nouveaux articles.', items: [], footer: 'Dépêche · digest du 2026-11-28 08:00 (Europe/Paris)' };

interface Posted {
  body: { embeds: Array<{ title?: string; image?: { url: string } }>; attachments?: Array<{ id: number; filename: string; description: string }>; nonce: string };
  files?: Array<{ name: string; data: Buffer; contentType: string }>;
}

function fakeRest(posted: Posted[]): REST {
  return { post: async (_route: string, request: Posted) => (posted.push(request), { id: `m${posted.length}` }) } as unknown as REST;
}

const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

describe('the digest poster with pictures', () => {
  it('uploads the trends picture multipart and shows it in the trends embed only', async () => {
    const posted: Posted[] = [];
    const drawn: string[] = [];
    const pictures: Pictures = { render: async (chart) => (drawn.push(chart.cacheKey), PNG) };
    const poster = discordPoster(fakeRest(posted), { botUserId: '1', pictures });
    const trends = trendsReply(ANSWER);
    const [message] = poster.pack([overview, trends]);
    await poster.post('42', message!, 'nonce-1');

    expect(drawn).toEqual([trends.chart!.cacheKey]);
    const { body, files } = posted[0]!;
    expect(body.nonce).toBe('nonce-1');
    expect(files).toEqual([{ name: trends.chart!.fileName, data: PNG, contentType: 'image/png' }]);
    expect(body.attachments).toEqual([{ id: 0, filename: trends.chart!.fileName, description: trends.chart!.caption }]);
    expect(body.embeds[0]!.image).toBeUndefined();
    expect(body.embeds[1]!.title).toBe('Acteurs en hausse — 7 jours');
    expect(body.embeds[1]!.image).toEqual({ url: `attachment://${trends.chart!.fileName}` });
    // The packed payload is not changed: a retry draws and attaches again, the same way.
    expect(message!.message!.embeds[1]!.image).toBeUndefined();
  });

  it('posts the digest without the picture when it cannot be drawn, or without a renderer', async () => {
    const posted: Posted[] = [];
    const failing: Pictures = { render: () => Promise.reject(new Error('le moteur des images est arrêté')) };
    const trends = trendsReply(ANSWER);
    for (const poster of [discordPoster(fakeRest(posted), { botUserId: '1', pictures: failing }), discordPoster(fakeRest(posted), { botUserId: '1' })]) {
      const [message] = poster.pack([overview, trends]);
      expect((await poster.post('42', message!, 'nonce-2')).messageId).toMatch(/^m\d$/);
    }
    expect(posted).toHaveLength(2);
    for (const request of posted) {
      expect(request.files).toBeUndefined();
      expect(request.body.attachments).toBeUndefined();
      expect(request.body.embeds.map((e) => e.image)).toEqual([undefined, undefined]);
      expect(request.body.embeds[1]!.title).toBe('Acteurs en hausse — 7 jours');
    }
  });
});
