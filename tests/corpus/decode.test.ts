import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeArticleBytes } from '../../src/services/corpus/decode.js';

const FRENCH = 'Moscou et Pékin : l’« amitié sans limites » à l’épreuve.\nLe Kremlin dément — pour l’instant — toute manœuvre.\n';

function decoded(bytes: Buffer): string {
  const result = decodeArticleBytes(bytes);
  if (!result.ok) throw new Error(`décodage refusé : ${result.reason}`);
  return result.text;
}

describe('decodeArticleBytes', () => {
  it('reads strict UTF-8 as is', () => {
    const result = decodeArticleBytes(Buffer.from(FRENCH, 'utf8'));
    expect(result).toEqual({ ok: true, text: FRENCH, encoding: 'utf-8' });
  });

  it('gives the same text for UTF-8 with BOM, UTF-16 LE/BE with BOM, Windows-1252 and any line ends', () => {
    const crlf = FRENCH.replace(/\n/g, '\r\n');
    const cr = FRENCH.replace(/\n/g, '\r');
    const variants = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]),
      Buffer.from(cr, 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(crlf, 'utf-16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(FRENCH, 'utf-16be')]),
      iconv.encode(crlf, 'windows-1252'),
    ];
    for (const bytes of variants) expect(decoded(bytes)).toBe(FRENCH);
  });

  it('detects Windows-1252 with chardet when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(FRENCH, 'windows-1252');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = decodeArticleBytes(bytes);
    expect(result.ok && result.encoding).toBe('windows-1252');
  });

  it('reads a short Latin-1 line with its accents', () => {
    expect(decoded(iconv.encode('Déjà vu à Pékin.', 'latin1'))).toBe('Déjà vu à Pékin.');
  });

  it('normalises to NFC (decomposed accents are recomposed)', () => {
    const text = decoded(Buffer.from('Te\u0301he\u0301ran', 'utf8'));
    expect(text).toBe('Téhéran');
    expect(text.length).toBe(7);
  });

  it('refuses empty and whitespace-only files with a French reason', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from(' \n\t\r\n  '), Buffer.from([0xef, 0xbb, 0xbf, 0x0a])]) {
      const result = decodeArticleBytes(bytes);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/vide/);
    }
  });

  it('refuses binary files: a PNG renamed .txt, a zip, NUL bytes, control characters', () => {
    const png = readFileSync(new URL('../fixtures/articles/90_image_renommee.txt', import.meta.url));
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('article.txt contenu compressé')]);
    const nul = Buffer.concat([Buffer.from('Texte puis '), Buffer.from([0, 0, 0, 7, 0, 200, 0, 0, 13, 0, 0, 1])]);
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26))));
    for (const bytes of [png, zip, nul, controls]) {
      const result = decodeArticleBytes(bytes);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(/binaire/);
    }
  });
});

describe('decodeArticleBytes on UTF-8 with a stray byte (issue #10, defect 9)', () => {
  const body = 'L’Occident s’inquiète : « la trêve à Gaza » tient, selon l’ONU. '.repeat(20);

  it('keeps the UTF-8 text and reads the odd Latin-1 byte as what it was, with a count to warn about', () => {
    const bytes = Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from([0xe9]), Buffer.from(' fin de l’article.', 'utf8')]);
    const result = decodeArticleBytes(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain('L’Occident');
    expect(result.text).not.toMatch(/â€/); // no mojibake
    expect(result.text).toContain('é fin de l’article.');
    expect(result.encoding).toBe('utf-8');
    expect(result.repaired).toBe(1);
  });

  it('repairs a few stray bytes anywhere, even a cut multi-byte sequence', () => {
    const bytes = Buffer.concat([Buffer.from([0x93]), Buffer.from(body, 'utf8'), Buffer.from([0xe2, 0x80]), Buffer.from('Fin.', 'utf8')]);
    const result = decodeArticleBytes(bytes);
    expect(result.ok && result.text.startsWith('“L’Occident')).toBe(true);
    expect(result.ok && result.repaired).toBe(3);
    expect(result.ok && result.text.endsWith('Fin.')).toBe(true);
  });

  it('still reads a whole Windows-1252 file as Windows-1252, with nothing to repair', () => {
    const result = decodeArticleBytes(iconv.encode(body, 'windows-1252'));
    expect(result.ok && result.text).toBe(body);
    expect(result.ok && result.repaired).toBeFalsy();
  });
});
