import { describe, expect, it } from 'vitest';
import { decodeSpans, encodeSpans } from '../../src/services/index/spans.js';

describe('mention spans as stored', () => {
  it('gives back every span, in the order written', () => {
    const spans: Array<[number, number]> = [[12, 18], [30, 36], [5, 9]];
    expect(decodeSpans(encodeSpans(spans))).toEqual([
      { start: 12, end: 18 },
      { start: 30, end: 36 },
      { start: 5, end: 9 },
    ]);
  });

  it('holds offsets past one byte and past two (a long sentence, an empty span)', () => {
    const spans: Array<[number, number]> = [[0, 0], [127, 128], [128, 300], [16_383, 16_400], [70_000, 2_100_000]];
    expect(decodeSpans(encodeSpans(spans))).toEqual(spans.map(([start, end]) => ({ start, end })));
  });

  it('takes two bytes for a short span near the start of a sentence, three a little further', () => {
    expect(encodeSpans([[45, 54]]).length).toBe(2);
    expect(encodeSpans([[128, 137], [225, 231]]).length).toBe(6);
  });

  it('reads what SQLite gives back (a Uint8Array view inside a larger buffer)', () => {
    const stored = encodeSpans([[200, 210]]);
    const whole = Buffer.concat([Buffer.from([0xff, 0xff]), stored]);
    const inside = new Uint8Array(whole.buffer, whole.byteOffset + 2, stored.length);
    expect(decodeSpans(inside)).toEqual([{ start: 200, end: 210 }]);
  });
});
