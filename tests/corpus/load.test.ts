import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutAtBoundary, loadArticleFile, loadCorpus } from '../../src/services/corpus/load.js';

const FIXTURES = new URL('../fixtures/articles/', import.meta.url).pathname;
const SEEDS = new URL('../../seeds/', import.meta.url).pathname;
const SOURCE = '13_iran_israel_riposte.txt';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'depeche-corpus-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('encoding twins', () => {
  // The same article saved by different tools: each twin in its own folder, under the same name.
  const utf8 = readFileSync(join(FIXTURES, SOURCE));
  const text = utf8.toString('utf8');
  const crlf = text.replace(/\n/g, '\r\n');
  const twins: Record<string, Buffer> = {
    'utf8-lf': utf8,
    'utf8-bom-crlf': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]),
    'windows-1252': iconv.encode(text, 'windows-1252'),
    'windows-1252-crlf': iconv.encode(crlf, 'windows-1252'),
    'utf16le-bom': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(crlf, 'utf-16le')]),
    'mac-cr': Buffer.from(text.replace(/\n/g, '\r'), 'utf8'),
  };

  it('the source fixture fits in Windows-1252 (so the twins hold the same characters)', () => {
    expect(iconv.decode(twins['windows-1252']!, 'windows-1252')).toBe(text);
    expect(text).toMatch(/[’«»éàœ]/);
  });

  it('give identical clean articles, with their own size and hash', async () => {
    const results = [];
    for (const [name, bytes] of Object.entries(twins)) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, SOURCE), bytes);
      results.push({ name, bytes, result: await loadArticleFile(join(dir, name, SOURCE)) });
    }
    const reference = results[0]!.result;
    if (!reference.ok) throw new Error(reference.reason);
    expect(reference.article.id).toBe('13_iran_israel_riposte');
    expect(reference.article.paragraphs.length).toBeGreaterThan(3);
    for (const { name, bytes, result } of results) {
      expect(result.ok, name).toBe(true);
      if (!result.ok) continue;
      expect(result.article, name).toEqual(reference.article);
      expect(result.bytes).toBe(bytes.length);
      expect(result.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(new Set(results.map((r) => (r.result.ok ? r.result.hash : ''))).size).toBe(results.length);
  });
});

describe('loadArticleFile', () => {
  it('reports an empty or binary file with its id and a French reason', async () => {
    const empty = await loadArticleFile(join(FIXTURES, '91_vide.txt'));
    expect(empty).toEqual({ ok: false, id: '91_vide', reason: expect.stringMatching(/vide/) });
    const png = await loadArticleFile(join(FIXTURES, '90_image_renommee.txt'));
    expect(png).toEqual({ ok: false, id: '90_image_renommee', reason: expect.stringMatching(/binaire/) });
  });

  it('reports a missing file instead of throwing', async () => {
    const missing = await loadArticleFile(join(dir, 'absent.txt'));
    expect(missing).toEqual({ ok: false, id: 'absent', reason: expect.stringMatching(/illisible/) });
  });
});

describe('loadCorpus', () => {
  it('loads the seeds in name order without warnings', async () => {
    const warnings: string[] = [];
    const articles = await loadCorpus(SEEDS, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual([
      '000_9b88139a494bd2c4',
      '001_0118ebd96f1f2ec0',
      '002_a660fae045bc850a',
      '003_9f70dd34e1ce68a4',
      '004_b7ff4d106508452a',
    ]);
  });

  it('skips the binary and the empty fixture with a warning naming each, and loads the others', async () => {
    const warnings: string[] = [];
    const articles = await loadCorpus(FIXTURES, (m) => warnings.push(m));
    const ids = articles.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([
      '10_monde_gaza_treve',
      '11_france24_taiwan',
      '12_euronews_otan_turquie',
      '13_iran_israel_riposte',
      '30_lefigaro_ue_sanctions',
    ]));
    expect(ids.filter((id) => id.startsWith('9'))).toEqual([]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/90_image_renommee\.txt.*binaire/);
    expect(warnings[1]).toMatch(/91_vide\.txt.*vide/);
  });

  it('goes on after a file it does not read (a link) and ignores files that are not .txt', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(join(mixed, 'b.txt'), readFileSync(join(SEEDS, '003_9f70dd34e1ce68a4.txt')));
    writeFileSync(join(mixed, 'notes.md'), '# pas un article');
    symlinkSync(join(mixed, 'nulle-part.txt'), join(mixed, 'a.txt')); // a link: never followed
    const warnings: string[] = [];
    const articles = await loadCorpus(mixed, (m) => warnings.push(m));
    expect(articles.map((a) => a.id)).toEqual(['b']);
    expect(warnings).toEqual([expect.stringMatching(/a\.txt.*lien symbolique, non suivi/)]);
  });

  it('warns once and returns nothing for a missing directory', async () => {
    const warnings: string[] = [];
    expect(await loadCorpus(join(dir, 'absent'), (m) => warnings.push(m))).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('cutAtBoundary (a file over the size limit)', () => {
  const lines = 'Première ligne du dossier.\n'.repeat(40) + 'Le dernier paragraphe ne finit pas ici mais continue';

  it('cuts after the last line break when it is in the second half', () => {
    expect(cutAtBoundary(Buffer.from(lines)).toString()).toBe('Première ligne du dossier.\n'.repeat(40));
  });

  it('cuts one long line at its last space, and a word-free run at a whole character', () => {
    const line = 'Le sommet a eu lieu à Genève. '.repeat(50) + 'déjà';
    expect(cutAtBoundary(Buffer.from(line)).toString()).toBe('Le sommet a eu lieu à Genève. '.repeat(50));
    const token = Buffer.from('é'.repeat(100));
    expect(cutAtBoundary(token.subarray(0, 99)).toString()).toBe('é'.repeat(49));
    expect(cutAtBoundary(token.subarray(0, 98)).toString()).toBe('é'.repeat(49));
    expect(cutAtBoundary(Buffer.from('🙂'.repeat(10)).subarray(0, 39)).toString()).toBe('🙂'.repeat(9));
  });

  it('cuts UTF-16 on whole code units, after a line break', () => {
    for (const [bom, encoding] of [[[0xff, 0xfe], 'utf-16le'], [[0xfe, 0xff], 'utf-16be']] as const) {
      const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(lines, encoding)]);
      const cut = cutAtBoundary(bytes.subarray(0, bytes.length - 3));
      expect(cut.length % 2).toBe(0);
      expect(iconv.decode(cut.subarray(2), encoding)).toBe('Première ligne du dossier.\n'.repeat(40));
    }
  });
});
