/** `npm run feeds -- add | list | poll | remove`, as a script or an operator runs it. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePage, cached, html, rss, startOutlet, WIRE_TAIWAN, type Outlet } from './outlets.js';

const ROOT = join(import.meta.dirname, '../..');
let outlet: Outlet;
const dir = mkdtempSync(join(tmpdir(), 'depeche-feeds-cli-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: join(dir, 'bot.db'), CORPUS_DIR: join(dir, 'corpus'), FEEDS_ALLOW_PRIVATE_NETWORK: '1', LOG_LEVEL: 'silent' };

function feeds(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('src/feeds.ts', args);
}

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, timeout: 90_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

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
    const actor = await run('src/cli.ts', ['actor', 'Taïwan', '--json']);
    expect(actor.code).toBe(0);
    const answer = JSON.parse(actor.stdout) as { excerpts: Array<{ text: string; url?: string }> };
    expect(answer.excerpts.length).toBeGreaterThan(0);
    expect(answer.excerpts.map((e) => e.url)).toEqual(answer.excerpts.map(() => `${outlet.base}/d/1`));
    expect(await feeds('remove', `${outlet.base}/rss.xml`)).toMatchObject({ code: 0 });
    const bad = await feeds('add', 'ftp://exemple.fr/flux');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('« ftp://exemple.fr/flux » : seules les adresses http et https sont acceptées.');
  }, 300_000);
});
