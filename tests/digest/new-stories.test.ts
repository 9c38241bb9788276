/**
 * « Nouveau depuis le dernier digest » in the terminal (`npm run digest -- --now` without a token):
 * the stories of the articles that arrived since the channel's previous digest, each with its
 * headline, lead, key actors and dated sources; one short line when nothing is new.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consolePoster } from '../../src/services/digest/poster.js';
import { CHANNEL, GUILD, makeService, testClock, useDigestFixture } from './helpers.js';

// The test's clock, also stamping arrivals in the index: the dates the digest prints are fixed.
const clock = testClock('2026-11-24T07:00:00Z'); // 08:00 in Paris
const fx = useDigestFixture('each', { store: true, clock });

/** No-break spaces (counts, `%`) compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

function terminal() {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { output, text: () => text };
}

describe('the digest in the terminal', () => {
  it('gives the new stories since the last digest, then one line when nothing is new', async () => {
    const screen = terminal();
    const service = makeService({ engine: fx.engine, store: fx.store, poster: consolePoster(screen.output, { width: 200 }), clock: clock.now });
    const target = { guildId: GUILD, channelId: CHANNEL, time: '08:00', timezone: 'Europe/Paris', topics: [], enabled: true, source: 'config' as const };

    expect((await service.postNow(target, clock.now())).outcome).toBe('posted');
    expect(plain(screen.text())).toMatch(/Premier digest de ce salon, sur l’ensemble du corpus : 5 articles, 5 sujets\./);

    // Two outlets and a wire copy on one event, a live blog on another event the same day.
    for (const name of ['30_lefigaro_ue_sanctions.txt', '31_20minutes_afp_ue_sanctions.txt', '32_ouestfrance_afp_ue_sanctions.txt', '33_ouestfrance_direct_kharkiv.txt']) {
      fx.ws.addFixture(name);
    }
    await fx.engine.sync({ now: () => clock.now().getTime() + 1_000 });
    clock.advance(86_400_000);
    const before = screen.text().length;
    expect((await service.postNow(target, clock.now())).outcome).toBe('posted');
    const second = plain(screen.text().slice(before));
    // One line for the counts, right plurals, nothing left alone on a line.
    expect(second).toContain('Depuis le digest du 24 novembre 2026, 08:00 : 4 nouveaux articles, 2 sujets.');
    expect(second).toMatch(/1\. .*sanctions contre la Russie/);
    // Hand-written files: named by their title (no outlet is known), never by their file name.
    expect(second.replace(/\s+(?:— )?/g, ' ')).toMatch(/3 sources : .*« Guerre en Ukraine : les Vingt-Sept adoptent un[^»]* » \(27 novembre 2026\)/);
    expect(second).not.toContain('30_lefigaro');
    expect(second).toMatch(/2\. DIRECT\. Guerre en Ukraine : au moins sept morts/);
    expect(second).toMatch(/Acteurs : Russie/);
    expect(second).toMatch(/Acteurs du jour \(mentions, part des mentions d’acteurs de la période : \d+ mentions\)\n\s+Russie — \d+ mentions, \d+\s%/);
    // Nothing of the first digest comes back.
    expect(second).not.toMatch(/Kazakhstan|Wall Street Journal/);

    clock.advance(86_400_000);
    const last = screen.text().length;
    expect((await service.postNow(target, clock.now())).outcome).toBe('posted');
    const third = screen.text().slice(last);
    expect(third).toContain('Rien de nouveau depuis le dernier digest (25 novembre 2026, 08:00).');
    expect(third.trim().split('\n').filter(Boolean)).toHaveLength(4); // title, rule, the line, the footer
  });
});
