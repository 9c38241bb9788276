import { afterAll, describe, expect, it } from 'vitest';
import type { ReplyChart } from '../../src/replies/chart.js';
import { chartSvg, niceScale } from '../../src/replies/picture/svg.js';
import { rasterize } from '../../src/replies/picture/rasterize.js';
import { PNG_DATA_KEYWORD, readPng } from '../../src/replies/picture/png.js';
import { PictureRenderer } from '../../src/replies/picture/renderer.js';

const chart = (key = 'test'): ReplyChart => ({
  kind: 'lines',
  title: 'Russie — mentions par jour',
  subtitle: 'du 1er au 5 novembre 2026',
  labels: ['1 nov.', '2 nov.', '3 nov.', '4 nov.', '5 nov.'],
  series: [
    { name: 'Russie', values: [3, 0, 5, 2, 0], emphasis: 'main' },
    { name: 'Chine', values: [1, 0, 2, 0, 1], emphasis: 'secondary' },
  ],
  unit: 'count',
  caption: 'Russie : 10 mentions en 5 jours, pic le 3 novembre (5).',
  fileName: 'acteur-russie.png',
  cacheKey: key,
  data: { dates: ['2026-11-01'], counts: [3] },
});

/** Pixels clearly darker than the white background in a box of an RGBA image. */
function darkPixels(image: { pixels: Buffer; width: number }, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let n = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * image.width + x) * 4;
      if (image.pixels[i]! + image.pixels[i + 1]! + image.pixels[i + 2]! < 3 * 160) n++;
    }
  }
  return n;
}

describe('drawing a chart', () => {
  it('draws every line of a one-day chart as a dot (a one-point line would draw nothing)', () => {
    const oneDay: ReplyChart = {
      ...chart(),
      labels: ['5 avr.'],
      series: [
        { name: 'Russie', values: [29], emphasis: 'main' },
        { name: 'Ukraine', values: [12], emphasis: 'secondary' },
        { name: 'Chine', values: [4], emphasis: 'secondary' },
      ],
    };
    expect(chartSvg(oneDay).match(/<circle /g)).toHaveLength(3);
    // Over several days only the main line carries dots.
    expect(chartSvg(chart()).match(/<circle /g)).toHaveLength(5);
  });

  it('draws its text with the bundled font, system fonts never read', () => {
    const svg = chartSvg(chart());
    // The title's region: text there with the bundled font, nothing without any font.
    const title = { x0: 20, y0: 14, x1: 360, y1: 44 };
    const withFont = rasterize(svg, 'bundled');
    const noFont = rasterize(svg, 'none');
    expect(darkPixels(withFont, title)).toBeGreaterThan(300);
    expect(darkPixels(noFont, title)).toBe(0);
    // The axis labels too (bottom left, under the plot).
    const axis = { x0: 30, y0: 370, x1: 110, y1: 390 };
    expect(darkPixels(withFont, axis) - darkPixels(noFont, axis)).toBeGreaterThan(20);
  });

  it('escapes names as XML', () => {
    const svg = chartSvg({ ...chart(), title: 'A <b> & "c"' });
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(() => rasterize(svg)).not.toThrow();
  });

  it('rounds the value axis to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(9, 'count')).toEqual({ top: 10, step: 5 });
    expect(niceScale(0, 'count')).toEqual({ top: 1, step: 1 });
    expect(niceScale(3, 'count')).toEqual({ top: 3, step: 1 });
    const share = niceScale(0.063, 'share');
    expect(share.top).toBeGreaterThanOrEqual(0.063);
  });
});

describe('the picture renderer (a worker thread, with a cache)', () => {
  const renderer = new PictureRenderer();
  afterAll(() => renderer.close());

  it('gives a valid PNG carrying the data it draws, and draws a chart once', async () => {
    const png = await renderer.render(chart('one'));
    const info = readPng(png);
    expect(info.width).toBe(800);
    expect(info.height).toBeGreaterThan(300);
    expect(JSON.parse(info.text[PNG_DATA_KEYWORD]!)).toEqual(chart().data);
    const drawn = renderer.drawn;
    const again = await renderer.render(chart('one'));
    expect(again.equals(png)).toBe(true);
    expect(renderer.drawn).toBe(drawn);
    await renderer.render(chart('two'));
    expect(renderer.drawn).toBe(drawn + 1);
  });

  it('refuses a broken PNG', () => {
    expect(() => readPng(Buffer.from('not a png'))).toThrow(/signature/);
  });
});
