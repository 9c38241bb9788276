/**
 * The little of the PNG format the pictures need: reading a file's size and text chunks (tests,
 * the CLI), and adding an `iTXt` chunk that carries the data drawn, so that a picture says what
 * it shows to any program that reads it.
 */

/** The keyword of the text chunk that carries the data a picture draws (as `--json` gives it). */
export const PNG_DATA_KEYWORD = 'depeche:data';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let table: Uint32Array | undefined;

/** CRC-32 as PNG chunks use it (zlib's crc32 is not in Node 20). */
export function crc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The PNG with an uncompressed UTF-8 text chunk (`iTXt`) added after its header chunk. */
export function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  const afterHeader = SIGNATURE.length + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, afterHeader), chunk('iTXt', data), png.subarray(afterHeader)]);
}

export interface PngInfo {
  width: number;
  height: number;
  /** Text chunks (`tEXt`, uncompressed `iTXt`) by keyword. */
  text: Record<string, string>;
}

/** Reads a PNG's size and text; throws on anything that is not a whole, well-formed PNG. */
export function readPng(bytes: Buffer): PngInfo {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (bad signature)');
  const info: PngInfo = { width: 0, height: 0, text: {} };
  let offset = 8;
  let ended = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (offset + 12 + length > bytes.length) throw new Error(`PNG cut inside its ${type} chunk`);
    if (bytes.readUInt32BE(offset + 8 + length) !== crc32(bytes.subarray(offset + 4, offset + 8 + length))) {
      throw new Error(`PNG chunk ${type}: bad CRC`);
    }
    if (offset === 8 && type !== 'IHDR') throw new Error('PNG without IHDR first');
    if (type === 'IHDR') {
      info.width = data.readUInt32BE(0);
      info.height = data.readUInt32BE(4);
    } else if (type === 'tEXt') {
      const zero = data.indexOf(0);
      info.text[data.toString('latin1', 0, zero)] = data.toString('latin1', zero + 1);
    } else if (type === 'iTXt') {
      const zero = data.indexOf(0);
      if (data[zero + 1] === 0) {
        // keyword \0 flag method language \0 translated \0 text
        const language = data.indexOf(0, zero + 3);
        const translated = data.indexOf(0, language + 1);
        info.text[data.toString('latin1', 0, zero)] = data.toString('utf8', translated + 1);
      }
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset += 12 + length;
  }
  if (!ended) throw new Error('PNG without IEND');
  if (info.width === 0 || info.height === 0) throw new Error('PNG of no size');
  return info;
}
