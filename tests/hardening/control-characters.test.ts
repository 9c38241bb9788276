/**
 * Issue #10, defect 8 (ingest side): control characters under the 1 % that makes a file "binary"
 * went through the decoder and were stored; they were only shown inertly at output. They are now
 * removed at decoding, whole escape sequences included, and a file with many is reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/services/index/engine.js';
import { copySeeds } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const BELL_PARAGRAPH =
  'La Lituanie a convoqué l’ambassadeur de Russie à Vilnius mardi soir, après le déploiement de deux brise-glace dans le port de Kaliningrad. ' +
  'Le ministère des affaires étrangères dénonce une provocation, tandis que Moscou assure que les navires ont une vocation strictement commerciale.';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('an article with a few control characters', () => {
  it('is indexed without them, searchable across them, and reported when they are many', async () => {
    const dir = copySeeds();
    dirs.push(dir);
    // Under 1 % of the text (more makes it a binary file): 32 controls in some 4 500 characters.
    const sentences = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0
        ? `La marine russe a déployé ${i + 2} brise-glace à Kali\u0007ningrad, \u001b[1mselon\u001b[0m les autorités lituaniennes.`
        : `La marine russe a déployé ${i + 2} brise-glace à Kaliningrad, selon les autorités lituaniennes.`,
    );
    fs.writeFileSync(path.join(dir, 'terminal.txt'), `Kaliningrad\u001b]0;titre\u0007 : la flotte renforcée\n\n${sentences.join(' ')}\n`);
    fs.writeFileSync(path.join(dir, 'cloche.txt'), `Un titre\n\n${BELL_PARAGRAPH.replace('Vilnius', 'Vilnius\u0007')}\n`);
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir: dir, indexPath: ':memory:', onWarning: (w) => warnings.push(w) });
    try {
      expect(report.added).toBe(7);
      const article = await engine.article('terminal');
      expect(article?.title).toBe('Kaliningrad : la flotte renforcée');
      expect(article!.paragraphs.join('\n')).not.toMatch(CONTROL);
      expect(article!.paragraphs.join('\n')).not.toContain('[1m');
      expect((await engine.search('Kaliningrad', { limit: 3 })).total).toBeGreaterThanOrEqual(40);
      // Many: a warning naming the file, kept for /sources; one stray character is not worth one.
      expect(warnings).toEqual([expect.stringMatching(/^Article terminal\.txt : 32 caractères de contrôle retirés/)]);
      expect(await engine.fileNotices()).toEqual([{ file: 'terminal.txt', indexed: true, reason: expect.stringMatching(/32 caractères de contrôle/) }]);
      expect((await engine.article('cloche'))!.paragraphs).toEqual([BELL_PARAGRAPH]);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
