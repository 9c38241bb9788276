/**
 * `npm run bench -- pages`: main-text extraction on the real pages of ../shared/pagebench/dev/
 * (see its README), read through the real feeds path — a local RSS feed, the poller, the page
 * extraction, the file written — and scored as trafilatura scores itself: (a) the file's body,
 * (b) the text the index keeps after the corpus cleaner, (c) Readability alone on the same pages,
 * per language and on a tune half and a check half of the sites. `--details`: per-page misses.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText } from '../src/services/feeds/html-text.js';
import { addCounts, halfOf, loadPagebench, pageText, pagebenchAvailable, pollPagebench, ratios, scorePage, type Counts, type GoldPage } from './pages/pagebench.js';

const details = process.argv.includes('--details');
if (!pagebenchAvailable()) {
  console.error('../shared/pagebench/dev/ introuvable à côté du dépôt.');
  process.exit(2);
}
const pages = loadPagebench();

function readabilityAlone(page: GoldPage): string {
  try {
    const { document } = parseHTML(pageText(page));
    const article = new Readability(document as never, { charThreshold: 200 }).parse();
    return htmlToText(article?.content ?? undefined) ?? '';
  } catch {
    return '';
  }
}

const started = performance.now();
const { texts, heldReasons } = await pollPagebench(pages);
const pollMs = performance.now() - started;

type Column = 'file' | 'indexed' | 'readability';
const columns: Column[] = ['file', 'indexed', 'readability'];
const groups = ['all', 'fr', 'de', 'en', 'tune', 'check'] as const;
const totals = new Map<string, Counts>();
const zero = (): Counts => ({ tp: 0, fn: 0, fp: 0, tn: 0 });
const lines: string[] = [];
for (const page of pages) {
  const product = texts.get(page.id);
  const versions: Record<Column, string | undefined> = { file: product?.file, indexed: product?.indexed, readability: readabilityAlone(page) };
  for (const column of columns) {
    const score = scorePage(page, versions[column]);
    for (const group of ['all', page.language, halfOf(page, pages)]) {
      const key = `${column}/${group}`;
      totals.set(key, addCounts(totals.get(key) ?? zero(), score));
    }
    if (details && column !== 'readability' && (score.missed.length > 0 || score.leaked.length > 0)) {
      lines.push(`${page.id} ${page.language} ${page.site} [${column}]${product ? '' : ' (aucun fichier)'}`);
      for (const m of score.missed) lines.push(`   manque : ${m}`);
      for (const l of score.leaked) lines.push(`   en trop : ${l}`);
    }
  }
}

const f = (x: number) => x.toFixed(2);
const NAMES: Record<Column, string> = { file: 'fichier écrit', indexed: 'texte indexé', readability: 'Readability seul' };
console.log(`## Pages réelles (pagebench dev, ${pages.length} pages, ${texts.size} fichiers écrits, ${(pollMs / 1000).toFixed(1)} s)\n`);
console.log('| pages | texte | précision | rappel | F1 |');
console.log('|---|---|---|---|---|');
for (const group of groups) {
  for (const column of columns) {
    const r = ratios(totals.get(`${column}/${group}`) ?? zero());
    const label = { all: 'toutes', fr: 'fr', de: 'de', en: 'en', tune: 'moitié réglage', check: 'moitié contrôle' }[group];
    console.log(`| ${label} | ${NAMES[column]} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} |`);
  }
}
if (heldReasons.length > 0) {
  console.log('\nPages mises de côté (résumé du flux gardé ; le flux du banc n’a pas de résumé, donc pas de fichier) :');
  for (const reason of heldReasons) console.log(`- ${reason}`);
}
if (details) console.log(`\n${lines.join('\n')}`);
