/**
 * Real pages (../shared/pagebench/dev/, trafilatura's evaluation pages) read through the real
 * feeds path — a local RSS feed, the poller, the extraction thread, the files written, the corpus
 * loader — and scored as trafilatura scores itself: the whole set against the targets of issue
 * #20, then pages chosen for what they hold: soft hyphens inside words, a caption and a byline
 * above the text, a German article, headings and short lines, magazine furniture, a table of
 * e-mail addresses that outweighs the article.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addCounts, loadPagebench, pagebenchAvailable, pollPagebench, ratios, scorePage, type Counts, type GoldPage, type ProductText } from '../../benchmarks/pages/pagebench.js';

// CI has ../shared beside the clone; the test says so plainly when it is missing.
const available = pagebenchAvailable();

let pages: GoldPage[] = [];
let texts = new Map<string, ProductText>();
let heldReasons: string[] = [];

beforeAll(async () => {
  if (!available) return;
  pages = loadPagebench();
  ({ texts, heldReasons } = await pollPagebench(pages));
}, 300_000);

const page = (id: string) => pages.find((p) => p.id === id)!;

describe('real pages through the feeds path', () => {
  it('finds the page benchmark beside the clone', () => {
    expect(available, '../shared/pagebench/dev/gold.json est introuvable').toBe(true);
    expect(pages.length).toBe(54);
    expect(texts.size).toBe(54);
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

  it('finds the article beside a table of e-mail addresses that used to be taken for it (dailymail.co.uk)', () => {
    expect(scorePage(page('072'), texts.get('072')?.indexed).missed).toEqual([]);
    expect(texts.get('072')?.file).not.toMatch(/parliament\.uk/);
    expect(heldReasons).toEqual([]);
  });

  it('takes back what Readability leaves out: the printed standfirst, the article split over blocks of one kind', () => {
    // deutschlandfunk.de, standard.co.uk: the standfirst; politico.com, axios.com: blocks of the same kind.
    for (const id of ['007', '040', '061', '080']) expect(scorePage(page(id), texts.get(id)?.indexed).missed, id).toEqual([]);
  });

  it('leaves out a box of links, a read-also link and a credit link from the file (heise.de, madame.lefigaro.fr, soundofscience.fr)', () => {
    for (const id of ['013', '035', '043']) expect(scorePage(page(id), texts.get(id)?.file).leaked, id).toEqual([]);
  });

  it('scores the indexed text at F1 ≥ 0.93 overall and on French, precision ≥ 0.95, recall ≥ 0.95', () => {
    const total: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const french: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    for (const p of pages) {
      const score = scorePage(p, texts.get(p.id)?.indexed);
      addCounts(total, score);
      if (p.language === 'fr') addCounts(french, score);
    }
    expect(ratios(total).precision).toBeGreaterThanOrEqual(0.95);
    expect(ratios(total).f1).toBeGreaterThanOrEqual(0.93);
    expect(ratios(total).recall).toBeGreaterThanOrEqual(0.95);
    expect(ratios(french).f1).toBeGreaterThanOrEqual(0.93);
  });
});
