/**
 * Bytes → text. Articles arrive as UTF-8 (with or without BOM), UTF-16 (with BOM) or a legacy
 * single-byte Western encoding (Windows-1252 / Latin-1), with any line-end convention. Every
 * variant of the same article must decode to the same string: NFC, `\n` line ends, no BOM.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: string;
      /** Bytes of a UTF-8 file that were not UTF-8, each read as Windows-1252 (warn about them). */
      repaired?: number;
      /** Control characters removed from the text (terminal escape sequences count once). */
      controls?: number;
    }
  | { ok: false; reason: string };

// Signatures of common binary formats that someone might rename to `.txt`.
const MAGIC: Array<{ bytes: number[]; name: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'image PNG' },
  { bytes: [0xff, 0xd8, 0xff], name: 'image JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'image GIF' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'archive ZIP' },
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'document PDF' },
  { bytes: [0x1f, 0x8b], name: 'archive gzip' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'exécutable ELF' },
];

/** Share of control characters (other than tab/newline/CR/form feed) above which text is binary. */
const MAX_CONTROL_RATIO = 0.01;
/** Removed control characters from which a file is worth a warning (one stray character is not). */
const CONTROLS_WORTH_A_WARNING = 10;
/** Share of U+FFFD replacement characters above which the decoding is considered failed. */
const MAX_REPLACEMENT_RATIO = 0.01;

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Guesses UTF-16 without BOM: ASCII-heavy UTF-16 has a zero in almost every other byte.
 * Returns the endianness or undefined.
 */
function sniffUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros / pairs > 0.6 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.6 && oddZeros / pairs < 0.05) return 'utf-16be';
  return undefined;
}

/** Single-byte Western encodings: for a French corpus these win ties against other code pages. */
const WESTERN = new Set(['windows-1252', 'iso-8859-1', 'iso-8859-15']);

/** Picks a legacy encoding with chardet; Latin-1 is read as its superset Windows-1252 (as browsers do). */
function detectLegacy(bytes: Buffer): string {
  const matches = chardet.analyse(bytes);
  const top = matches[0];
  let name = top?.name.toLowerCase() ?? 'windows-1252';
  // On short texts chardet often ties several code pages; prefer the Western one when it is as likely.
  const western = matches.find((m) => WESTERN.has(m.name.toLowerCase()));
  if (top && western && western.confidence >= top.confidence - 10) name = western.name.toLowerCase();
  if (name === 'iso-8859-1' || name === 'ascii') name = 'windows-1252';
  if (name.startsWith('utf-8') || !iconv.encodingExists(name)) name = 'windows-1252';
  if (name === 'windows-1252' && looksLatin9(bytes)) name = 'iso-8859-15';
  return name;
}

const isLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * ISO-8859-15 (Latin-9) rather than Windows-1252: no byte of 0x80–0x9F (Windows-1252's own
 * printable characters), and a byte that is `œ`/`Œ` in Latin-9 inside a word (`c½ur` is `cœur`)
 * or `€` after a number — never `½` or `¤` in French prose.
 */
function looksLatin9(bytes: Buffer): boolean {
  let evidence = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 && b <= 0x9f) return false;
    if ((b === 0xbc || b === 0xbd) && isLetter(bytes[i - 1]) && isLetter(bytes[i + 1])) evidence++;
    else if ((b === 0xbc || b === 0xbd) && (bytes[i - 1] === 0x20 || i === 0 || bytes[i - 1] === 0x0a) && isLetter(bytes[i + 1]) && isLetter(bytes[i + 2])) evidence++;
    else if (b === 0xa4 && (bytes[i - 1] === 0x20 || (bytes[i - 1]! >= 0x30 && bytes[i - 1]! <= 0x39)) && /[\d ]/.test(String.fromCharCode(bytes[i - 2] ?? 0))) evidence++;
  }
  return evidence > 0;
}

function finish(raw: string, encoding: string): DecodeResult {
  const text = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  if (text.trim().length === 0) return { ok: false, reason: 'fichier vide (aucun texte)' };
  let controls = 0;
  let replacements = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c) || c === 0x7f) controls++;
    else if (c === 0xfffd) replacements++;
  }
  if (controls / text.length > MAX_CONTROL_RATIO) {
    return { ok: false, reason: 'fichier binaire (trop de caractères de contrôle pour être du texte)' };
  }
  if (replacements / text.length > MAX_REPLACEMENT_RATIO) {
    return { ok: false, reason: `encodage illisible (${encoding} produit des caractères invalides)` };
  }
  const clean = withoutControls(text);
  return { ok: true, text: clean.text, encoding, ...(clean.removed > 0 ? { controls: clean.removed } : {}) };
}

/**
 * Terminal escape sequences, whole: CSI (`ESC [ 2 J`, or its one-character form U+009B), OSC
 * (`ESC ] 0 ; title BEL`, up to BEL or `ESC \`, at most 1 KB), and two-character escapes. Removed
 * whole, so no `[2J` is left in the text. Bounded, so a hostile file costs linear time.
 */
const ESCAPE_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]{0,64}[ -/]{0,16}[@-~]|\u001b\][^\u0007\u001b]{0,1024}(?:\u0007|\u001b\\)|\u001b[ -~]/g;
/** Controls that separate lines (form feed, vertical tab, next line): a line break. */
const LINE_SEPARATORS = /[\u000b\u000c\u0085]/g;
/** Every other C0 and C1 control and DEL; tab and line feed stay. */
const CONTROLS = /[\u0000-\u0008\u000d-\u001f\u007f-\u009f]/g;

/**
 * The text without control characters: they are never article text, and stored they would
 * reach a terminal or a log raw. Counted, so that a file full of them is reported.
 */
function withoutControls(text: string): { text: string; removed: number } {
  if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) return { text, removed: 0 };
  let removed = 0;
  const count = (match: string) => {
    removed += (match.match(/[\u0000-\u001f\u007f-\u009f]/g) ?? []).length;
    return '';
  };
  const clean = text.replace(ESCAPE_SEQUENCE, count).replace(LINE_SEPARATORS, '\n').replace(CONTROLS, count);
  return { text: clean, removed };
}

/** Length of the valid UTF-8 multi-byte sequence starting at `i`, or 0 (RFC 3629 table). */
function sequenceLength(bytes: Buffer, i: number): number {
  const lead = bytes[i]!;
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (lead === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (lead >= 0xe1 && lead <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (lead === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (lead >= 0xf1 && lead <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (lead === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * A UTF-8 file with a few bytes that are not UTF-8 (a Latin-1 `é` pasted into it): decoded as
 * UTF-8 when its valid multi-byte sequences outnumber the odd bytes, each odd byte read as the
 * Windows-1252 character it most likely was. Undefined when the majority is not UTF-8.
 */
function repairUtf8(bytes: Buffer): { text: string; repaired: number } | undefined {
  let multibyte = 0;
  let repaired = 0;
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      multibyte++;
      i += length;
      continue;
    }
    parts.push(bytes.toString('utf8', run, i), iconv.decode(bytes.subarray(i, i + 1), 'windows-1252'));
    repaired++;
    run = ++i;
  }
  if (repaired === 0 || multibyte <= repaired) return undefined;
  parts.push(bytes.toString('utf8', run));
  return { text: parts.join(''), repaired };
}

/** The warning about a file's repaired bytes, in French. */
export function repairNote(repaired: number): string {
  return repaired === 1
    ? '1 octet invalide en UTF-8, lu comme un caractère Windows-1252 (vérifiez l’encodage du fichier)'
    : `${repaired} octets invalides en UTF-8, lus comme des caractères Windows-1252 (vérifiez l’encodage du fichier)`;
}

/** What to warn about a decoded file (repaired bytes, many control characters removed), in French. */
export function decodeNotes(result: DecodeResult): string[] {
  if (!result.ok) return [];
  const notes = result.repaired ? [repairNote(result.repaired)] : [];
  if ((result.controls ?? 0) >= CONTROLS_WORTH_A_WARNING) {
    notes.push(`${result.controls!.toLocaleString('fr-FR')} caractères de contrôle retirés du texte (fichier mal converti ou sortie de terminal ?)`);
  }
  return notes;
}

/**
 * Decodes the bytes of an article file. Order: empty check, BOM, binary sniffing, strict UTF-8,
 * then chardet for legacy encodings. Failures carry a French reason for the operator.
 */
export function decodeArticleBytes(bytes: Buffer): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'fichier vide (0 octet)' };

  // BOMs first: UTF-32 before UTF-16 because the UTF-32 LE BOM starts with the UTF-16 LE one.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return finish(iconv.decode(bytes.subarray(4), 'utf-32le'), 'utf-32le');
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return finish(iconv.decode(bytes.subarray(4), 'utf-32be'), 'utf-32be');
  if (startsWith(bytes, [0xff, 0xfe])) return finish(iconv.decode(bytes.subarray(2), 'utf-16le'), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return finish(iconv.decode(bytes.subarray(2), 'utf-16be'), 'utf-16be');
  const hasUtf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hasUtf8Bom ? bytes.subarray(3) : bytes;

  for (const magic of MAGIC) {
    if (startsWith(body, magic.bytes)) return { ok: false, reason: `fichier binaire (${magic.name}), pas un article texte` };
  }
  if (body.includes(0)) {
    const utf16 = sniffUtf16(body);
    if (utf16) return finish(iconv.decode(body, utf16), utf16);
    return { ok: false, reason: 'fichier binaire (contient des octets nuls)' };
  }

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return finish(text, hasUtf8Bom ? 'utf-8-bom' : 'utf-8');
  } catch {
    // Not valid UTF-8: mostly UTF-8 with a few odd bytes, or a legacy encoding.
  }
  const repair = repairUtf8(body);
  if (repair) {
    const result = finish(repair.text, hasUtf8Bom ? 'utf-8-bom' : 'utf-8');
    return result.ok ? { ...result, repaired: repair.repaired } : result;
  }
  const encoding = detectLegacy(body);
  return finish(iconv.decode(body, encoding), encoding);
}
