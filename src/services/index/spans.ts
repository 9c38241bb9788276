/**
 * A mention's spans as stored in the index: each span's start and length as unsigned LEB128
 * varints, one after the other. Two or three bytes a span where `"128-137"` took seven; the
 * mention rows (dozens per article) are the index's second largest table after the sentences.
 */

function put(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** Spans (UTF-16 offsets in the sentence, `start <= end`) → the stored bytes. */
export function encodeSpans(spans: ReadonlyArray<readonly [number, number]>): Buffer {
  const out: number[] = [];
  for (const [start, end] of spans) {
    put(out, start);
    put(out, end - start);
  }
  return Buffer.from(out);
}

/** The stored bytes → spans, in the order written. */
export function decodeSpans(bytes: Uint8Array): Array<{ start: number; end: number }> {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    if (byte & 0x80) {
      scale *= 0x80;
    } else {
      values.push(value);
      value = 0;
      scale = 1;
    }
  }
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i + 1 < values.length; i += 2) spans.push({ start: values[i]!, end: values[i]! + values[i + 1]! });
  return spans;
}
