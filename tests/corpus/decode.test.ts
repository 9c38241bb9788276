import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeArticleBytes, decodeNotes } from '../../src/services/corpus/decode.js';

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

describe('decodeArticleBytes on control characters (issue #10, defect 8)', () => {
  const prose = 'La Russie et l’Ukraine ont repris les pourparlers à Istanbul, selon le Kremlin. '.repeat(30);

  it('removes a few C0 and C1 controls and whole terminal escape sequences, keeping the text around them', () => {
    const hostile = `Titre \u001b[2J\u001b]0;pwned\u0007\n\n${prose}Le mot\u0000 caché\u0008, la \u001b[31mcloche\u001b[0m\u0007 et \u009b2Jfin\u0085.\n`;
    const result = decodeArticleBytes(Buffer.from(hostile.replace('\u0000', ''), 'utf8'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(result.text).toContain('Titre \n');
    expect(result.text).toContain('Le mot caché, la cloche et fin\n.');
    expect(result.text).not.toContain('[2J');
    expect(result.text).not.toContain('pwned');
    expect(result.controls).toBe(8);
  });

  it('turns a form feed or a vertical tab into a line break', () => {
    const result = decodeArticleBytes(Buffer.from(`Titre\f${prose}\vSuite.\n`, 'utf8'));
    expect(result.ok && result.text).toBe(`Titre\n${prose}\nSuite.\n`);
  });

  it('keeps valid text intact: tabs, line breaks, spaces of every kind, emoji, joiners, other scripts', () => {
    const rich = `Titre\u00a0: l’été\tà Kyiv\n\nUn «\u202fdrone\u202f» 🇺🇦 👩‍👩‍👧 a survolé Київ ; ‏שלום‎ et سلام\u200b, dit-il.\u2028Fin.\n`;
    expect(decodeArticleBytes(Buffer.from(rich, 'utf8'))).toEqual({ ok: true, text: rich.normalize('NFC'), encoding: 'utf-8' });
    const latin1 = decodeArticleBytes(iconv.encode('Déjà vu à Pékin, « où » l’on dîne.\tFin.\n', 'windows-1252'));
    expect(latin1.ok && latin1.text).toBe('Déjà vu à Pékin, « où » l’on dîne.\tFin.\n');
  });

  it('removes them from UTF-16 and legacy encodings too', () => {
    const text = `${prose}Un \u0007signal\u001b[0m.\n`;
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), iconv.encode(text, 'windows-1252')]) {
      const result = decodeArticleBytes(bytes);
      expect(result.ok && result.text.endsWith('Un signal.\n')).toBe(true);
      expect(result.ok && result.controls).toBe(2);
    }
  });
});

describe('decodeNotes', () => {
  it('warns about many removed control characters, not about one', () => {
    expect(decodeNotes({ ok: true, text: '', encoding: 'utf-8', controls: 1 })).toEqual([]);
    expect(decodeNotes({ ok: true, text: '', encoding: 'utf-8', controls: 40 })).toEqual([
      expect.stringMatching(/^40 caractères de contrôle retirés/),
    ]);
    expect(decodeNotes({ ok: true, text: '', encoding: 'utf-8', repaired: 1, controls: 40 })).toHaveLength(2);
  });
});
