/**
 * The bytes of an HTTP response → text, with the encoding chosen in the order the web's
 * standards give: a byte-order mark, then the `charset` of the Content-Type header, then what the
 * document says of itself (`<?xml encoding=…?>` for XML, `<meta charset>` or
 * `<meta http-equiv="Content-Type">` for HTML, in its first 1024 bytes), then UTF-8.
 * Many feed readers decode first and ask questions later; a Windows-1252 page then reads `Ã©`.
 */
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'document' | 'default';

export interface DecodedBody {
  text: string;
  /** The encoding used, as iconv-lite names it. */
  encoding: string;
  /** Where the encoding came from. */
  source: CharsetSource;
}

/** How far into a document its own charset declaration is looked for (the HTML standard's prescan). */
const PRESCAN_BYTES = 1024;

const BOMS: Array<{ bytes: number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
];

/**
 * An encoding label as iconv-lite knows it, or undefined. `iso-8859-1` and `us-ascii` mean
 * Windows-1252, as browsers read them (their pages use its curly quotes and €).
 */
export function encodingOf(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const name = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (name === '') return undefined;
  if (/^(?:iso-?8859-1|latin-?1|l1|us-ascii|ascii|iso_8859-1|cp819)$/.test(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : undefined;
}

/** The `charset` parameter of a Content-Type header value. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '');
  return match?.[2];
}

/** The charset a document declares in its first bytes: XML prolog, then HTML `<meta>`. */
export function documentCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (prolog) return prolog[1];
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head);
  return meta?.[1];
}

/** Decodes a response body (see the module's comment for the order). Never throws. */
export function decodeBody(bytes: Uint8Array, contentType?: string): DecodedBody {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => buffer[i] === b)) {
      return { text: iconv.decode(buffer.subarray(bom.bytes.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
    }
  }
  const fromHeader = encodingOf(headerCharset(contentType));
  if (fromHeader) return { text: iconv.decode(buffer, fromHeader), encoding: fromHeader, source: 'header' };
  const declared = encodingOf(documentCharset(buffer));
  // A document cannot declare itself UTF-16 in ASCII bytes: such a declaration is wrong.
  if (declared && !declared.startsWith('utf-16') && !declared.startsWith('utf16')) {
    return { text: iconv.decode(buffer, declared), encoding: declared, source: 'document' };
  }
  return { text: iconv.decode(buffer, 'utf-8'), encoding: 'utf-8', source: 'default' };
}
