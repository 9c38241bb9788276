/**
 * Issue #10, "done when": random and adversarial files (huge, binary, control characters,
 * pathological tokens, odd names) fed to the loader and the indexer, with a time and a memory
 * bound, and the bot still answering. Seeded: a failure is reproducible.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArticleFile } from '../../src/services/corpus/load.js';
import { openEngine } from '../../src/services/index/engine.js';
import { copySeeds, largeArticle } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic generator (Park–Miller), so that every run feeds the same files. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function adversarialFiles(next: () => number): Array<{ name: string | Buffer; bytes: Buffer }> {
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256)));
  const controls = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(next() * 32))).join('');
  const words = Array.from({ length: 60_000 }, () => ['Moscou', 'Kiev', 'OTAN', 'le', 'sommet', 'a', 'dit'][Math.floor(next() * 7)]).join(' ');
  return [
    { name: 'binaire.txt', bytes: bytes(200_000) },
    { name: 'controles.txt', bytes: Buffer.from(`Titre\n\n${controls}`) },
    { name: 'ansi.txt', bytes: Buffer.from('Titre \u001b[2J\u001b]0;pwned\u0007\n\nLe Kremlin a parlé. \u001b[31mRouge\u001b[0m et la suite.\n') },
    { name: 'points.txt', bytes: Buffer.from(`Titre\n\n${'1.'.repeat(50_000)}\n`) },
    { name: 'sigles.txt', bytes: Buffer.from(`Titre\n\n${'a.B.'.repeat(25_000)}\n`) },
    { name: 'mot-sans-fin.txt', bytes: Buffer.from(`Titre\n\n${'x'.repeat(300_000)}\n`) },
    { name: 'phrases-courtes.txt', bytes: Buffer.from(`Titre\n\n${Array.from({ length: 40_000 }, (_, i) => `Phrase ${i}.`).join(' ')}\n`) },
    { name: 'sans-retour-a-la-ligne.txt', bytes: Buffer.from(`Titre ${words}`) },
    { name: 'enorme.txt', bytes: Buffer.from(largeArticle(3 * 1024 * 1024)) },
    { name: 'vide.txt', bytes: Buffer.alloc(0) },
    { name: 'blancs.txt', bytes: Buffer.from('\n\n   \t\n'.repeat(1000)) },
    { name: 'utf16-sans-bom.txt', bytes: Buffer.from('Titre\n\nLa Russie et la Chine ont signé un accord.\n', 'utf16le') },
    { name: 'octet-egare.txt', bytes: Buffer.concat([Buffer.from('Titre\n\nL’Élysée a reçu M. Zelensky à Paris, où l’on parla d’aide.'), Buffer.from([0xe9]), Buffer.from(' Fin.\n')]) },
    { name: '  espaces  doubles .txt', bytes: Buffer.from('Un titre\n\nLa Russie a parlé de la trêve à Gaza ce mardi.\n') },
    { name: 'MAJUSCULES.TXT', bytes: Buffer.from('Un titre\n\nLa Chine a parlé de Taïwan ce mardi.\n') },
    { name: '🙂 émoji.txt', bytes: Buffer.from('Un titre\n\nL’Iran a parlé d’Israël ce mardi.\n') },
    { name: Buffer.from('nom-latin1-\xe9t\xe9.txt', 'latin1'), bytes: Buffer.from('Un titre\n\nLa Turquie a parlé à l’OTAN ce mardi.\n') },
    { name: 'zzz.txt', bytes: bytes(5_000) },
  ];
}

describe('the loader and the indexer fed random and adversarial files', () => {
  it('index the corpus in bounded time and memory, skip what is not an article, and the bot keeps answering', async () => {
    const dir = copySeeds();
    dirs.push(dir);
    const files = adversarialFiles(random(20261129));
    for (const { name, bytes } of files) {
      fs.writeFileSync(typeof name === 'string' ? path.join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), name]), bytes);
    }
    // The loader alone: never throws, whatever the file.
    for (const entry of fs.readdirSync(dir, { encoding: 'buffer' })) {
      const result = await loadArticleFile(path.join(dir, entry.toString('utf8')));
      expect(typeof result.ok).toBe('boolean');
    }

    const heapBefore = process.memoryUsage().heapUsed;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const t0 = performance.now();
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir: dir, indexPath: ':memory:', onWarning: (w) => warnings.push(w) });
    clearInterval(sampler);
    const seconds = (performance.now() - t0) / 1000;
    try {
      // Generous bounds (a loaded 2-core machine): unbounded work took minutes and gigabytes.
      expect(seconds).toBeLessThan(120);
      expect(peak - heapBefore).toBeLessThan(1024 * 1024 * 1024);
      expect(report.added + report.skipped.length).toBe(files.length + 5);
      for (const name of ['binaire.txt', 'vide.txt', 'blancs.txt']) {
        expect(report.skipped.map((s) => path.basename(s.file))).toContain(name);
      }
      expect(warnings.some((w) => w.includes('enorme.txt') && /tronqué/.test(w))).toBe(true);
      expect(warnings.some((w) => w.includes('octet-egare.txt') && /octet invalide/.test(w))).toBe(true);

      // The bot keeps answering, from the seeds and from the odd files that are articles.
      const russia = await engine.actor('Russie', { limit: 5 });
      expect(russia.found && russia.total).toBeGreaterThan(0);
      expect((await engine.search('trêve Gaza', { limit: 5 })).total).toBeGreaterThan(0);
      expect((await engine.briefing({ limit: 5 })).excerpts.length).toBeGreaterThan(0);
      const sources = await engine.sources();
      for (const { id } of sources) expect(await engine.article(id), id).toBeDefined();
      expect(sources.map((s) => s.id)).toContain('MAJUSCULES~' + sources.find((s) => s.id.startsWith('MAJUSCULES'))!.id.split('~')[1]);
      expect((await engine.fileNotices()).filter((n) => !n.indexed).length).toBe(report.skipped.length);
    } finally {
      await engine.close();
    }
  }, 240_000);
});
