/**
 * Paged search on a corpus larger than the search windows (defect 13) and the notice when a word
 * is replaced by a near one (defect 15). The windows are made small here so that a few hundred
 * sentences behave like the hundreds of thousands of a real corpus.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/services/index/engine.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { searchCommand } from '../../src/commands/search.js';
import { contextFor } from '../commands/helpers.js';

const TOWNS = ['Narva', 'Ivangorod', 'Brest', 'Terespol', 'Medyka', 'Chop', 'Uzhhorod', 'Sighet', 'Galați', 'Reni', 'Siret', 'Porubne'];
const COUNTRIES = ['estoniennes', 'polonaises', 'roumaines', 'hongroises', 'slovaques', 'moldaves', 'ukrainiennes', 'lituaniennes'];
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** An article as a regional desk would file it: several sentences about border posts. */
function article(n: number): string {
  const lines = [`Frontières : la journée du ${n} mars à l'est de l'Europe`, '', `Publié le ${(n % 28) + 1} mars 2025`, ''];
  for (let s = 0; s < 8; s++) {
    const town = TOWNS[(n + s) % TOWNS.length]!;
    const country = COUNTRIES[(n * 3 + s) % COUNTRIES.length]!;
    const day = DAYS[(n + 2 * s) % DAYS.length]!;
    const extra = s % 3 === 0 ? ' Les files de camions atteignent plusieurs kilomètres.' : '';
    lines.push(`Le poste-frontière de ${town} a été fermé ${day} pendant ${n + s + 2} heures, selon les autorités ${country}, après l'incident numéro ${n * 10 + s}.${extra}`);
  }
  return `${lines.join('\n')}\n`;
}

let root: string;
let engine: CorpusEngine;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'depeche-paging-'));
  mkdirSync(join(root, 'corpus'));
  for (let n = 0; n < 60; n++) writeFileSync(join(root, 'corpus', `frontiere-${String(n).padStart(3, '0')}.txt`), article(n));
  ({ engine } = await openEngine({
    corpusDir: join(root, 'corpus'),
    indexPath: ':memory:',
    searchWindows: [60, 200],
    searchWindowMinMatches: 20,
  }));
}, 60_000);
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every excerpt of a query, page by page, as a reader turning pages would see them. */
async function pageThrough(query: string, size: number) {
  const first = await engine.search(query, { offset: 0, limit: size });
  const seen: string[] = [];
  for (let offset = 0; offset < first.total; offset += size) {
    const page = await engine.search(query, { offset, limit: size });
    expect(page.total).toBe(first.total);
    seen.push(...page.excerpts.map((e) => `${e.articleId}#${e.sentenceIndex}`));
  }
  return { total: first.total, seen };
}

describe('paged search over several windows', () => {
  it('every matching sentence appears exactly once, in a stable order', async () => {
    const all = await engine.search('poste-frontière fermé');
    expect(all.total).toBeGreaterThan(200);
    const everyId = all.excerpts.map((e) => `${e.articleId}#${e.sentenceIndex}`);
    expect(new Set(everyId).size).toBe(all.total);

    for (const size of [5, 7, 50]) {
      const { total, seen } = await pageThrough('poste-frontière fermé', size);
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(new Set(seen)).toEqual(new Set(everyId));
    }
    // The same page asked twice is the same page.
    const again = await engine.search('poste-frontière fermé', { offset: 135, limit: 5 });
    const once = await engine.search('poste-frontière fermé', { offset: 135, limit: 5 });
    expect(again.excerpts.map((e) => e.text)).toEqual(once.excerpts.map((e) => e.text));
  });

  it('the newest sentences come first', async () => {
    const page = await engine.search('poste-frontière', { offset: 0, limit: 5 });
    const last = await engine.search('poste-frontière', { offset: page.total - 5, limit: 5 });
    const newest = Math.max(...page.excerpts.map((e) => Number(e.articleId.slice(-3))));
    const oldest = Math.min(...last.excerpts.map((e) => Number(e.articleId.slice(-3))));
    expect(newest).toBeGreaterThan(oldest);
  });

  it('/search labels « Extrait n/N » truly, from 1 to N over the pages', async () => {
    const context = contextFor(engine);
    const labels: string[] = [];
    const first = await searchCommand.execute(context, { values: { requete: 'camions kilomètres' } }, 0);
    const count = first.page?.count ?? 1;
    for (let page = 0; page < count; page++) {
      const reply = page === 0 ? first : await searchCommand.execute(context, { values: { requete: 'camions kilomètres' } }, page);
      labels.push(...reply.items.map((i) => i.label ?? ''));
    }
    const total = Number(/\/(\d+)$/u.exec(labels[0]!)?.[1]);
    expect(labels).toEqual(Array.from({ length: total }, (_, i) => `Extrait ${i + 1}/${total}`));
  });
});

describe('paging while articles arrive', () => {
  it('pages are a snapshot of the corpus at page 1: an article added between two clicks neither repeats nor hides a sentence', async () => {
    const dir = join(root, 'arrivals');
    mkdirSync(dir);
    for (let n = 0; n < 12; n++) writeFileSync(join(dir, `frontiere-${String(n).padStart(3, '0')}.txt`), article(n));
    const { engine: live } = await openEngine({ corpusDir: dir, indexPath: ':memory:', searchWindows: [30, 60], searchWindowMinMatches: 5 });
    try {
      const context = contextFor(live);
      const query = 'poste-frontière fermé';
      // What every page shows of the corpus as it was when page 1 was asked.
      const before = await live.search(query);
      const expected = before.excerpts.map((e) => `${e.articleId}: ${e.text}`);

      let values: Record<string, string | number | undefined> = { requete: query };
      const first = await searchCommand.execute(context, { values }, 0);
      // The paging state keeps what the answer pins, as the router and the console do.
      values = { ...values, ...first.pagingOptions };
      const count = first.page!.count;
      const seen: string[] = [];
      const labels: string[] = [];
      const take = async (page: number) => {
        const reply = page === 0 ? first : await searchCommand.execute(context, { values }, page);
        labels.push(...reply.items.map((i) => i.label ?? ''));
        seen.push(...reply.items.map((i) => `${i.source?.articleId}: ${i.body.text}`));
      };
      await take(0);
      // Between page 1 and page 2, newer articles about the same border posts arrive.
      for (let n = 100; n < 104; n++) writeFileSync(join(dir, `frontiere-${n}.txt`), article(n));
      await (live as unknown as { sync(): Promise<unknown> }).sync();
      expect((await live.search(query)).total).toBeGreaterThan(before.total);
      for (let page = 1; page < count; page++) await take(page);

      expect(seen).toEqual(expected);
      expect(labels).toEqual(Array.from({ length: before.total }, (_, i) => `Extrait ${i + 1}/${before.total}`));
      // A new search sees the new articles, newest first.
      const fresh = await searchCommand.execute(context, { values: { requete: query } }, 0);
      expect(fresh.items[0]!.source?.articleId).toMatch(/frontiere-10[0-3]/u);
    } finally {
      await live.close();
    }
  }, 60_000);
});

describe('search with a word it does not know', () => {
  it('says which words it searched instead (« résultats pour … »)', async () => {
    // `camoins` is not in the corpus; `camions` is.
    const answer = await engine.search('camoins');
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.corrections).toEqual([{ typed: 'camoins', searched: ['camions'] }]);
    const reply = await searchCommand.execute(contextFor(engine), { values: { requete: 'camoins' } }, 0);
    expect(reply.intro).toMatch(/Résultats pour «\s?camions\s?»/u);
    expect(reply.intro).toMatch(/«\s?camoins\s?» n’est pas dans le corpus/u);
  });

  it('says nothing when every word is known', async () => {
    const answer = await engine.search('camions');
    expect(answer.corrections ?? []).toEqual([]);
    const reply = await searchCommand.execute(contextFor(engine), { values: { requete: 'camions' } }, 0);
    expect(reply.intro).not.toMatch(/Résultats pour/u);
  });
});
