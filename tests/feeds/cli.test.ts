/** `npm run feeds -- add | list | poll | remove`, as a script or an operator runs it. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as cliMain } from '../../src/cli.js';
import { main as feedsMain } from '../../src/feeds.js';
import { callCli, spawnCli } from '../support/cli.js';
import { articlePage, cached, html, rss, startOutlet, WIRE_TAIWAN, type Outlet } from './outlets.js';

let outlet: Outlet;
const dir = mkdtempSync(join(tmpdir(), 'depeche-feeds-cli-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: join(dir, 'bot.db'), CORPUS_DIR: join(dir, 'corpus'), FEEDS_ALLOW_PRIVATE_NETWORK: '1', LOG_LEVEL: 'silent' };

/** `npm run feeds -- …`, in-process (tests/support/cli.ts); the last call runs the real program. */
const feeds = (...args: string[]) => callCli(feedsMain, args, env);

beforeAll(async () => {
  outlet = await startOutlet();
  outlet.route('/robots.txt', html('User-agent: *\nAllow: /\n', 'text/plain'));
  outlet.route('/rss.xml', cached(rss({ title: 'Agence Presse', link: `${outlet.base}/`, items: [{ title: WIRE_TAIWAN.title, link: `${outlet.base}/d/1`, guid: 'd1' }] }), 'application/rss+xml'));
  outlet.route('/d/1', html(articlePage(WIRE_TAIWAN)));
});
afterAll(() => outlet.close());

describe('npm run feeds', () => {
  it('adds, polls with a progress line per source, lists as JSON, removes', async () => {
    const added = await feeds('add', `${outlet.base}/rss.xml`);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain(`Source ajoutée : ${outlet.base}/rss.xml`);
    const polled = await feeds('poll');
    expect(polled.code).toBe(0);
    expect(polled.stdout).toMatch(new RegExp(`^\\[1/1\\] ${outlet.base.replace(/[.]/g, '\\.')}/rss\\.xml — 1 nouvel article$`, 'm'));
    expect(polled.stdout).toMatch(/1 source\(s\) lue\(s\) en [\d,]+ s : 1 article\(s\) ajouté\(s\)/);
    expect(readdirSync(join(dir, 'corpus')).filter((f) => f.endsWith('.txt'))).toHaveLength(1);
    const listed = await feeds('list', '--json');
    const sources = (JSON.parse(listed.stdout) as { sources: Array<{ url: string; itemCount: number; lastStatus: number }> }).sources;
    expect(sources).toMatchObject([{ url: `${outlet.base}/rss.xml`, itemCount: 1, lastStatus: 200 }]);
    // The article answers the CLI, with the original's address.
    // --sync: the answer comes from the whole index, however busy the machine.
    const actor = await callCli(cliMain, ['actor', 'Taïwan', '--json', '--sync'], env);
    expect(actor.code).toBe(0);
    const answer = JSON.parse(actor.stdout) as { excerpts: Array<{ text: string; url?: string }> };
    expect(answer.excerpts.length).toBeGreaterThan(0);
    expect(answer.excerpts.map((e) => e.url)).toEqual(answer.excerpts.map(() => `${outlet.base}/d/1`));
    expect(await feeds('remove', `${outlet.base}/rss.xml`)).toMatchObject({ code: 0 });
    // The real program: its exit code and its one line on stderr.
    const bad = await spawnCli('src/feeds.ts', ['add', 'ftp://exemple.fr/flux'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('« ftp://exemple.fr/flux » : seules les adresses http et https sont acceptées.');
  }, 120_000);
});
