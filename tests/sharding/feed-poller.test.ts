/**
 * One feed poller per deployment: of two bot processes on one state, one polls and the other
 * waits; `kill -9` of the poller → the other polls, and what was fetched is not fetched again.
 * Real processes, a local outlet on 127.0.0.1, SQLite (lock file) and PostgreSQL (advisory lock).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../support/postgres-server.js';
import { articlePage, html, rss, startOutlet, BLOG_GAZA, WIRE_TAIWAN, PAPER_OTAN, type Outlet } from '../feeds/outlets.js';
import { openLocation, postgresStores } from '../store/stores.js';
import { events, startChild, stopAll, until, type Child } from './processes.js';

const script = fileURLToPath(new URL('./poller-process.ts', import.meta.url));

let children: Child[] = [];
let outlet: Outlet | undefined;
const roots: string[] = [];
afterEach(async () => {
  await stopAll(children);
  children = [];
  await outlet?.close();
  outlet = undefined;
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const database = await createTestDatabase(inject('pgAdminUrl'), 'depeche_poller');
const pgStores = postgresStores(database.url);
afterAll(async () => {
  await pgStores.cleanup();
  await database.drop();
});

/** A feed of one article at `/<name>.xml`, its page at `/<name>/1`. */
function publish(site: Outlet, name: string, article: { title: string; paragraphs: string[] }): void {
  site.route(`/${name}.xml`, html(rss({ title: name, link: `${site.base}/`, items: [{ title: article.title, link: `${site.base}/${name}/1`, guid: `${name}-1` }] }), 'application/rss+xml'));
  site.route(`/${name}/1`, html(articlePage(article)));
}

async function pollerTakeover(location: string): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'depeche-poller-'));
  roots.push(root);
  const corpus = join(root, 'corpus');
  mkdirSync(corpus);
  outlet = await startOutlet();
  outlet.route('/robots.txt', html('User-agent: *\nAllow: /\n', 'text/plain'));
  publish(outlet, 'wire', WIRE_TAIWAN);
  publish(outlet, 'paper', PAPER_OTAN);
  publish(outlet, 'blog', BLOG_GAZA);
  const store = await openLocation(location);
  try {
    await store.addFeedSource({ url: `${outlet.base}/wire.xml`, kind: 'feed', addedBy: 'test' });

    children = [startChild(script, [location, corpus]), startChild(script, [location, corpus])];
    const site = outlet;
    await until('the feed polled', () => site.hits('/wire.xml') >= 1 && site.hits('/wire/1') >= 1, 60_000);
    // Its poll finished (page extracted, article written, source's status recorded).
    await until('the first poll done', () => children.some((c) => events(c, 'feeds.polled').length > 0), 60_000);
    await until('both processes running for the job', () => children.every((c) => events(c, 'feeds.poller').length + events(c, 'feeds.standby').length > 0), 30_000);
    const pollers = children.filter((c) => events(c, 'feeds.poller').length > 0);
    expect(pollers).toHaveLength(1);
    const poller = pollers[0]!;
    const survivor = children.find((c) => c !== poller)!;
    // Both keep running for the job, waited for by their events, not by the clock: the other
    // process tries for the lease three more times, and the poller polls again (a source added
    // now is read at once). The first feed and its page are still fetched once.
    const tries = events(survivor, 'feeds.lease_try').length;
    const polls = events(poller, 'feeds.polled').length;
    await store.addFeedSource({ url: `${site.base}/blog.xml`, kind: 'feed', addedBy: 'test' });
    await until('three more tries of the other process', () => events(survivor, 'feeds.lease_try').length >= tries + 3, 30_000);
    await until('another poll by the poller', () => events(poller, 'feeds.polled').length > polls, 30_000);
    expect(site.hits('/blog.xml')).toBe(1);
    expect(site.hits('/wire.xml')).toBe(1);
    expect(site.hits('/wire/1')).toBe(1);
    expect(events(survivor, 'feeds.lease_try').every((t) => t.held === false)).toBe(true);
    expect(events(survivor, 'feeds.standby')).toHaveLength(1);
    expect(events(survivor, 'feeds.fetch')).toHaveLength(0);
    expect(events(poller, 'feeds.fetch').length).toBeGreaterThan(0);

    poller.process.kill('SIGKILL');
    await poller.exited;
    await until('the survivor takes over', () => events(survivor, 'feeds.poller').length === 1, 15_000);
    expect(events(survivor, 'feeds.poller')[0]!.takeover).toBe(true);
    // A source added now is polled by the new poller; the first is not fetched again (its state is shared).
    await store.addFeedSource({ url: `${site.base}/paper.xml`, kind: 'feed', addedBy: 'test' });
    await until('the new source polled', () => site.hits('/paper/1') >= 1, 30_000);
    expect(site.hits('/paper.xml')).toBe(1);
    expect(site.hits('/wire.xml')).toBe(1);
    expect(events(survivor, 'feeds.fetch').length).toBeGreaterThan(0);
  } finally {
    await store.close();
  }
}

describe('one feed poller per deployment', () => {
  it('SQLite state: one process polls, the other takes over after kill -9', async () => {
    const root = mkdtempSync(join(tmpdir(), 'depeche-poller-state-'));
    roots.push(root);
    await pollerTakeover(join(root, 'bot.db'));
  }, 120_000);

  it('PostgreSQL state: the same through an advisory lock', async () => {
    await pollerTakeover(await pgStores.freshLocation());
  }, 120_000);
});
