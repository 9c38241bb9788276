/**
 * Deterministic synthetic French corpora for the benchmark: seed sentences recombined with
 * varied actors, dates and page boilerplate. Same size and seed → byte-identical corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanArticle } from '../src/services/corpus/boilerplate.js';
import { decodeArticleBytes } from '../src/services/corpus/decode.js';
import { splitParagraphSentences } from '../src/services/text/sentences.js';

/** Mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Countries and their capitals swapped into seed sentences, so actors vary across articles. */
export const SWAPS: Array<[string, string]> = [
  ['Russie', 'Moscou'], ['Chine', 'Pékin'], ['Ukraine', 'Kyiv'], ['Iran', 'Téhéran'], ['Turquie', 'Ankara'],
  ['Israël', 'Jérusalem'], ['Inde', 'New Delhi'], ['Japon', 'Tokyo'], ['Allemagne', 'Berlin'], ['France', 'Paris'],
  ['Pologne', 'Varsovie'], ['Brésil', 'Brasilia'], ['Égypte', 'Le Caire'], ['Syrie', 'Damas'], ['Arménie', 'Erevan'],
  ['Kazakhstan', 'Astana'], ['Corée du Sud', 'Séoul'], ['Arabie saoudite', 'Riyad'], ['Hongrie', 'Budapest'], ['Serbie', 'Belgrade'],
];

const BOILERPLATE_TOP = ['Accueil > Monde > Europe', 'Partager cet article', 'Share', 'PUBLICITÉ', 'Menu', '12 Commentaires'];
const BOILERPLATE_BOTTOM = [
  'Laisser un commentaire',
  'Leave a Reply',
  'Your email address will not be published. Required fields are marked *',
  'Inscrivez-vous à notre newsletter',
  'Suivez-nous sur les réseaux sociaux',
  'Tous droits réservés AP Photo',
];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The cleaned sentences and titles of the seed articles: the material recombined. */
export function seedMaterial(seedDir: string): { sentences: string[]; titles: string[] } {
  const sentences: string[] = [];
  const titles: string[] = [];
  for (const file of fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort()) {
    const decoded = decodeArticleBytes(fs.readFileSync(path.join(seedDir, file)));
    if (!decoded.ok) continue;
    const article = cleanArticle(file, decoded.text);
    titles.push(article.title);
    for (const s of splitParagraphSentences(article.paragraphs)) sentences.push(s.text);
  }
  return { sentences, titles };
}

function swapActors(text: string, from: [string, string], to: [string, string]): string {
  return text.replaceAll(from[0], to[0]).replaceAll(from[1], to[1]);
}

/** Text of synthetic article number `n` (deterministic in `n` and `seed`). */
export function syntheticArticle(n: number, material: { sentences: string[]; titles: string[] }, seed = 42): string {
  const random = prng(seed * 1_000_003 + n);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const to = pick(SWAPS);
  const from = SWAPS[0]!;
  const day = 1 + Math.floor(random() * 28);
  const lines: string[] = [swapActors(pick(material.titles), from, to), ''];
  if (random() < 0.5) lines.push(pick(BOILERPLATE_TOP));
  lines.push(`Publié le ${day} ${pick(MONTHS)} ${2023 + Math.floor(random() * 3)}`, '');
  const paragraphs = 3 + Math.floor(random() * 6);
  for (let p = 0; p < paragraphs; p++) {
    const count = 2 + Math.floor(random() * 4);
    const paragraph: string[] = [];
    for (let s = 0; s < count; s++) paragraph.push(swapActors(pick(material.sentences), from, random() < 0.6 ? to : pick(SWAPS)));
    lines.push(paragraph.join(' '), '');
  }
  if (random() < 0.7) lines.push(pick(BOILERPLATE_BOTTOM));
  return `${lines.join('\n')}\n`;
}

/** Writes `count` synthetic articles into `dir` (kept between runs: regenerated only when missing). */
export function ensureCorpus(dir: string, count: number, seedDir: string, seed = 42): void {
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === `${count}:${seed}`) return;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const material = seedMaterial(seedDir);
  for (let n = 0; n < count; n++) {
    fs.writeFileSync(path.join(dir, `a${String(n).padStart(6, '0')}.txt`), syntheticArticle(n, material, seed));
  }
  fs.writeFileSync(marker, `${count}:${seed}`);
}
