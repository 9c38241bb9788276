/**
 * A picture in a reply, as plain data: what to draw (series, labels, caption), never how. The
 * picture renderer (src/replies/picture/) turns it into a PNG; the console into a sparkline; the
 * CLI prints its `data`. Names are corpus text: the renderers escape them for their medium.
 */

export interface ChartSeries {
  name: string;
  values: number[];
  /** The series asked about (drawn thick) or one beside it (thin). */
  emphasis: 'main' | 'secondary';
}

export interface ReplyChart {
  /** `lines`: values along dates; `bars`: one bar per series for each category (before, now). */
  kind: 'lines' | 'bars';
  title: string;
  /** A short line under the title (the period). */
  subtitle?: string;
  /** One label per point (lines: French dates) or per category (bars: names). */
  labels: string[];
  series: ChartSeries[];
  /** Values are counts, or shares between 0 and 1 (shown as percentages). */
  unit: 'count' | 'share';
  /** One line with the figures; also the picture's description for people who cannot see it. */
  caption: string;
  /** File name of the picture (`acteur-russie.png`). */
  fileName: string;
  /** Same key, same picture: what is shown, over which period, at which index version. */
  cacheKey: string;
  /** The data drawn, as the CLI's `--json` gives it; kept in the PNG's text chunk too. */
  data: unknown;
}

/** What draws charts into PNG files (src/replies/picture/renderer.ts; tests give fakes). */
export interface Pictures {
  render(chart: ReplyChart): Promise<Buffer>;
}

/** A file name made of plain ASCII letters, digits and dashes. */
export function chartFileName(prefix: string, name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${prefix}${slug ? `-${slug}` : ''}.png`;
}

/** A text sparkline of values (`▁▂▅█`), for terminals. */
export function sparkline(values: readonly number[]): string {
  const bars = '▁▂▃▄▅▆▇█';
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? bars[0] : bars[Math.min(7, Math.round((v / max) * 7))])).join('');
}
