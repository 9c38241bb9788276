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
import { copySeeds, largeArticle, tempDir } from './helpers.js';

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
    // Prose (`Phrase 1. Phrase 2.` is no French: the cleaner drops it, so no sentence cap is reached).
    { name: 'phrases-courtes.txt', bytes: Buffer.from(`Titre\n\n${Array.from({ length: 40_000 }, (_, i) => `Le sommet ${i} a eu lieu.`).join(' ')}\n`) },
    { name: 'quelques-controles.txt', bytes: Buffer.from(`Un titre\u001b]0;piège\u0007\n\n${'La Pologne a \u001b[31mdemandé\u001b[0m une réunion de l’OTAN sur la mer Baltique, selon Varsovie. '.repeat(5)}${'La Lituanie soutient la demande polonaise. '.repeat(30)}\n`) },
    { name: 'sans-retour-a-la-ligne.txt', bytes: Buffer.from(`Titre ${words}`) },
    { name: 'enorme.txt', bytes: Buffer.from(largeArticle(3 * 1024 * 1024)) },
    { name: 'vide.txt', bytes: Buffer.alloc(0) },
    { name: 'blancs.txt', bytes: Buffer.from('\n\n   \t\n'.repeat(1000)) },
    { name: 'utf16-sans-bom.txt', bytes: Buffer.from('Titre\n\nLa Russie et la Chine ont signé un accord.\n', 'utf16le') },
    { name: 'octet-egare.txt', bytes: Buffer.concat([Buffer.from('Titre\n\nL’Élysée a reçu M. Zelensky à Paris, où l’on parla d’aide.'), Buffer.from([0xe9]), Buffer.from(' Fin.\n')]) },
    { name: '  espaces  doubles .txt', bytes: Buffer.from('Un titre\n\nLa Russie a parlé de la trêve à Gaza ce mardi.\n') },
    { name: 'MAJUSCULES.TXT', bytes: Buffer.from('Un titre\n\nLa Chine a parlé de Taïwan ce mardi.\n') },
    { name: 'a.txt', bytes: Buffer.from('Minuscules\n\nLe Japon a parlé de la Corée ce mardi.\n') },
    { name: 'a.TXT', bytes: Buffer.from('Majuscules\n\nL’Inde a parlé du Pakistan ce mardi.\n') },
    { name: ' espace-devant.txt', bytes: Buffer.from('Un titre\n\nLe Brésil a parlé de l’Argentine ce mardi.\n') },
    { name: '🙂 émoji.txt', bytes: Buffer.from('Un titre\n\nL’Iran a parlé d’Israël ce mardi.\n') },
    { name: Buffer.from('nom-latin1-\xe9t\xe9.txt', 'latin1'), bytes: Buffer.from('Un titre\n\nLa Turquie a parlé à l’OTAN ce mardi.\n') },
    { name: 'zzz.txt', bytes: bytes(5_000) },
  ];
}

describe('the loader and the indexer fed random and adversarial files', () => {
  it('index the corpus in bounded time and memory, skip what is not an article, and the bot keeps answering', async () => {
    const dir = copySeeds();
    const outside = tempDir();
    dirs.push(dir, outside);
    const files = adversarialFiles(random(20261129));
    for (const { name, bytes } of files) {
      fs.writeFileSync(typeof name === 'string' ? path.join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), name]), bytes);
    }
    // Links, out of the folder and into it: neither is followed.
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'Secret\n\nLe mot Zanzibarite ne doit jamais sortir de ce dossier privé.\n');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'lien-dehors.txt'));
    fs.symlinkSync(path.join(dir, 'a.txt'), path.join(dir, 'lien-dedans.txt'));
    const links = ['lien-dehors.txt', 'lien-dedans.txt'];
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
      expect(report.added + report.skipped.length).toBe(files.length + links.length + 5);
      for (const name of ['binaire.txt', 'vide.txt', 'blancs.txt', ...links]) {
        expect(report.skipped.map((s) => path.basename(s.file))).toContain(name);
      }
      for (const link of links) expect(report.skipped.find((s) => s.file.endsWith(link))?.reason).toBe('lien symbolique, non suivi');
      expect(warnings.some((w) => w.includes('enorme.txt') && /tronqué/.test(w))).toBe(true);
      expect(warnings.some((w) => w.includes('octet-egare.txt') && /octet invalide/.test(w))).toBe(true);
      expect(warnings.some((w) => w.includes('phrases-courtes.txt') && /fichier de 1\s\d{3}\s\d{3} octets tronqué à 1 Mo/.test(w))).toBe(true);
      expect(warnings.some((w) => w.includes('phrases-courtes.txt') && /\d{2}\s\d{3} phrases : seules les 3\s000 premières/.test(w))).toBe(true);
      expect(warnings.some((w) => w.includes('quelques-controles.txt') && /caractères de contrôle retirés/.test(w))).toBe(true);

      // The bot keeps answering, at once, from the seeds and from the odd files that are articles.
      const asked = performance.now();
      const russia = await engine.actor('Russie', { limit: 5 });
      expect(performance.now() - asked).toBeLessThan(10_000);
      expect(russia.found && russia.total).toBeGreaterThan(0);
      expect((await engine.search('Zanzibarite', { limit: 5 })).total).toBe(0);
      expect((await engine.article('a'))?.title).toBe('Minuscules');
      expect((await engine.sources()).find((s) => s.id.startsWith('a~'))?.title).toBe('Majuscules');
      expect((await engine.search('trêve Gaza', { limit: 5 })).total).toBeGreaterThan(0);
      expect((await engine.briefing({ limit: 5 })).excerpts.length).toBeGreaterThan(0);
      const sources = await engine.sources();
      // Every article opens, and no stored text holds a control character.
      for (const { id } of sources) {
        const article = await engine.article(id);
        expect(article, id).toBeDefined();
        expect([article!.title, ...article!.paragraphs].join('\n'), id).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      expect(sources.map((s) => s.id)).toContain('MAJUSCULES~' + sources.find((s) => s.id.startsWith('MAJUSCULES'))!.id.split('~')[1]);
      expect((await engine.fileNotices()).filter((n) => !n.indexed).length).toBe(report.skipped.length);
    } finally {
      await engine.close();
    }
  }, 240_000);
});
