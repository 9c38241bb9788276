/**
 * The server a corpus file belongs to, read from its own header (`guild:`), for files the index
 * holds no article of (skipped ones): a server's /sources must not list another server's file
 * names (a feed's file name is its article's title). Only the head of the file is read.
 */
import fs from 'node:fs';
import { decodeArticleBytes } from '../corpus/decode.js';
import { splitArticleHeader } from '../corpus/header.js';

/** Bytes read: a header is at most ~30 short lines. */
const HEAD_BYTES = 8_192;

/**
 * The `guild:` of the file's header; `null`: shared — no such header, or a head that cannot be read
 * as text (only the feeds write a server's files, always as text under a header, so such a file was
 * put in the folder by the operator).
 */
export function fileOwner(file: string): string | null {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    const read = fs.readSync(fd, head, 0, HEAD_BYTES, 0);
    const decoded = decodeArticleBytes(head.subarray(0, read));
    if (!decoded.ok) return null;
    return splitArticleHeader(decoded.text).header?.guild ?? null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
