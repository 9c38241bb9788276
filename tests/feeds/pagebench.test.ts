/**
 * Real pages (../shared/pagebench/dev/, trafilatura's evaluation pages) read through the real
 * feeds path — a local RSS feed, the poller, the extraction thread, the files written, the corpus
 * loader — and scored as trafilatura scores itself. A few pages, chosen for what they hold: soft
 * hyphens inside words, a caption and a byline above the text, a German article, headings and
 * short lines, magazine furniture, a table of e-mail addresses in place of the article.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCounts, loadPagebench, pagebenchAvailable, pollPagebench, ratios, scorePage, type Counts, type GoldPage, type ProductText } from '../../benchmarks/pages/pagebench.js';

// CI has ../shared beside the clone; the test says so plainly when it is missing.
const available = pagebenchAvailable();
const IDS = ['010', '012', '022', '033', '043', '054', '072', '077', '019', '035', '005', '044'];

let pages: GoldPage[] = [];
let texts = new Map<string, ProductText>();
let heldReasons: string[] = [];

beforeAll(async () => {
  if (!available) return;
  pages = loadPagebench().filter((p) => IDS.includes(p.id));
  ({ texts, heldReasons } = await pollPagebench(pages));
}, 120_000);
afterAll(() => undefined);

const page = (id: string) => pages.find((p) => p.id === id)!;

describe('real pages through the feeds path', () => {
  it('finds the page benchmark beside the clone', () => {
    expect(available, '../shared/pagebench/dev/gold.json est introuvable').toBe(true);
    expect(pages.map((p) => p.id).sort()).toEqual([...IDS].sort());
  });

  it('writes no soft hyphen or zero-width character, so that words match (soundofscience.fr)', () => {
    for (const [, text] of texts) expect(text.file).not.toMatch(/[\u00AD\u200B-\u200D\u2060\uFEFF]/);
    // `auto\u00ADnome` in the page.
    expect(texts.get('043')?.indexed).toContain('Une cible, la bureaucratie de l’évaluation de la recherche');
    expect(texts.get('043')?.file).toContain('Sans recherche autonome, nous n’avons pas d’avenir');
  });

  it('keeps a German article whole, headings and quotations included (mopo.de, watson.ch)', () => {
    for (const id of ['010', '022']) {
      const score = scorePage(page(id), texts.get(id)?.indexed);
      expect(score.missed, id).toEqual([]);
    }
  });

  it('keeps the article under a caption and a byline that pages print above it (salon.com)', () => {
    expect(scorePage(page('077'), texts.get('077')?.indexed).missed).toEqual([]);
  });

  it('keeps headings and short lines of the extracted text (laviedesidees.fr, madame.lefigaro.fr)', () => {
    for (const id of ['019', '035']) expect(scorePage(page(id), texts.get(id)?.indexed).missed, id).toEqual([]);
  });

  it('leaves captions, credits and related links out (gala.fr, reuters.com, badische-zeitung.de)', () => {
    expect(scorePage(page('033'), texts.get('033')?.indexed).leaked).toEqual([]);
    expect(scorePage(page('054'), texts.get('054')?.file).leaked).not.toContain('Related Coverage');
    // A `non-paywall` block is not a paywall: the article stays.
    expect(scorePage(page('044'), texts.get('044')?.file).missed).toEqual([]);
    expect(scorePage(page('044'), texts.get('044')?.indexed).leaked).toEqual([]);
  });

  it('sets aside a page whose main block is a table of e-mail addresses, with its reason (dailymail.co.uk)', () => {
    expect(texts.has('072')).toBe(false);
    expect(heldReasons.some((r) => /\/p\/072\.html : le bloc principal est une liste d’adresses/.test(r))).toBe(true);
  });

  // Hard pages on purpose (a paywall teaser, a magazine's furniture): the whole set is scored by `npm run bench -- pages`.
  it('scores the indexed text of these pages at precision ≥ 0.95 and F1 ≥ 0.9', () => {
    const total: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    for (const p of pages) addCounts(total, scorePage(p, texts.get(p.id)?.indexed));
    const r = ratios(total);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.f1).toBeGreaterThanOrEqual(0.9);
  });
});
