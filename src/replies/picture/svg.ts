/**
 * A {@link ReplyChart} as an SVG document: axes, grid, lines or bars, French labels, the caption.
 * Plain string building, no DOM: the chart is simple and this keeps every pixel deterministic.
 * Text uses one font family, which the PNG step provides (the font ships with the program).
 */
import type { ReplyChart } from '../chart.js';

export const CHART_WIDTH = 800;
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const MAIN_COLOUR = '#2563eb';
const SECONDARY_COLOURS = ['#f97316', '#16a34a', '#9333ea', '#64748b'];
const PREVIOUS_COLOUR = '#cbd5e1';
const INK = '#0f172a';
const MUTED = '#475569';
const GRID = '#e2e8f0';
const MAX_X_LABELS = 8;
/** About the width of one character of 12–13 px DejaVu Sans, to place and wrap text. */
const CHAR_WIDTH = 7.2;

/** Where each part of the picture sits (measured once from the chart, see layout). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A value as the chart shows it: `12`, `4,2 %`. */
export function formatValue(value: number, unit: ReplyChart['unit']): string {
  return unit === 'share' ? PERCENT.format(value) : NUMBER.format(value);
}

/** A round top for the value axis and its step (1, 2, 5 × 10ⁿ), at most 5 steps. */
export function niceScale(max: number, unit: ReplyChart['unit']): { top: number; step: number } {
  if (max <= 0) return { top: unit === 'share' ? 0.01 : 1, step: unit === 'share' ? 0.01 : 1 };
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  if (unit === 'count') step = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

/** Words of `text` in lines of at most `max` characters. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escapeXml(content)}</text>`;
}

function colourOf(index: number, emphasis: 'main' | 'secondary'): string {
  return emphasis === 'main' ? MAIN_COLOUR : SECONDARY_COLOURS[(index - 1 + SECONDARY_COLOURS.length) % SECONDARY_COLOURS.length]!;
}

/** The SVG document of a chart. */
export function chartSvg(chart: ReplyChart): string {
  const width = CHART_WIDTH;
  const captionLines = wrap(chart.caption, Math.floor((width - 48) / (CHAR_WIDTH * 0.95)));
  const plotHeight = chart.kind === 'bars' ? Math.max(1, chart.labels.length) * 44 : 260;
  const top = 104;
  const height = top + plotHeight + 44 + captionLines.length * 17 + 12;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(24, 36, chart.title, `font-size="20" font-weight="bold" fill="${INK}"`),
  ];
  if (chart.subtitle) parts.push(text(24, 58, chart.subtitle, `font-size="13" fill="${MUTED}"`));
  parts.push(...legend(chart, 24, 84));
  const box: Box = { left: chart.kind === 'bars' ? 200 : 64, right: width - 32, top, bottom: top + plotHeight };
  parts.push(...(chart.kind === 'bars' ? bars(chart, box) : lines(chart, box)));
  captionLines.forEach((line, i) => parts.push(text(24, box.bottom + 52 + i * 17, line, `font-size="12" fill="${MUTED}"`)));
  parts.push('</svg>');
  return parts.join('\n');
}

function legend(chart: ReplyChart, x: number, y: number): string[] {
  const parts: string[] = [];
  chart.series.forEach((series, i) => {
    const colour = chart.kind === 'bars' ? (i === chart.series.length - 1 ? MAIN_COLOUR : PREVIOUS_COLOUR) : colourOf(i, series.emphasis);
    const thickness = series.emphasis === 'main' ? 4 : 2;
    parts.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${y - 4}" stroke="${colour}" stroke-width="${chart.kind === 'bars' ? 10 : thickness}"/>`);
    parts.push(text(x + 28, y, series.name, `font-size="13" fill="${INK}"`));
    x += 28 + series.name.length * CHAR_WIDTH + 22;
  });
  return parts;
}

function valueAxis(chart: ReplyChart, box: Box, max: number): { scale: (v: number) => number; parts: string[] } {
  const { top, step } = niceScale(max, chart.unit);
  const scale = (v: number) => box.bottom - (v / top) * (box.bottom - box.top);
  const parts: string[] = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    const y = scale(v);
    parts.push(`<line x1="${box.left}" y1="${y.toFixed(1)}" x2="${box.right}" y2="${y.toFixed(1)}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(text(box.left - 8, y + 4, formatValue(v, chart.unit), `font-size="12" fill="${MUTED}" text-anchor="end"`));
  }
  return { scale, parts };
}

function lines(chart: ReplyChart, box: Box): string[] {
  const count = chart.labels.length;
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values));
  const { scale, parts } = valueAxis(chart, box, max);
  const x = (i: number) => (count <= 1 ? (box.left + box.right) / 2 : box.left + (i / (count - 1)) * (box.right - box.left));
  const every = Math.max(1, Math.ceil(count / MAX_X_LABELS));
  for (let i = 0; i < count; i += every) {
    parts.push(text(x(i), box.bottom + 20, chart.labels[i]!, `font-size="12" fill="${MUTED}" text-anchor="middle"`));
  }
  parts.push(`<line x1="${box.left}" y1="${box.bottom}" x2="${box.right}" y2="${box.bottom}" stroke="${MUTED}" stroke-width="1"/>`);
  // Secondary lines first, so that the main one is drawn over them.
  const order = chart.series.map((s, i) => ({ s, i })).sort((a, b) => (a.s.emphasis === 'main' ? 1 : 0) - (b.s.emphasis === 'main' ? 1 : 0));
  for (const { s, i } of order) {
    const colour = colourOf(i, s.emphasis);
    const points = s.values.map((v, j) => `${x(j).toFixed(1)},${scale(v).toFixed(1)}`).join(' ');
    const width = s.emphasis === 'main' ? 3.5 : 1.75;
    parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"/>`);
    // Dots on the main line; on every line when there is one point (a one-point polyline draws nothing).
    if ((s.emphasis === 'main' && count <= 45) || count === 1) {
      const r = s.emphasis === 'main' ? 3 : 2;
      s.values.forEach((v, j) => parts.push(`<circle cx="${x(j).toFixed(1)}" cy="${scale(v).toFixed(1)}" r="${r}" fill="${colour}"/>`));
    }
  }
  return parts;
}

function bars(chart: ReplyChart, box: Box): string[] {
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values));
  const { top } = niceScale(max, chart.unit);
  const scale = (v: number) => box.left + (v / top) * (box.right - box.left - 60);
  const parts: string[] = [];
  const band = (box.bottom - box.top) / Math.max(1, chart.labels.length);
  const barHeight = Math.min(14, (band - 12) / chart.series.length);
  chart.labels.forEach((label, i) => {
    const y0 = box.top + i * band + 6;
    const name = label.length > 24 ? `${label.slice(0, 23)}…` : label;
    parts.push(text(box.left - 10, y0 + (barHeight * chart.series.length) / 2 + 5, name, `font-size="13" fill="${INK}" text-anchor="end"`));
    chart.series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const y = y0 + j * barHeight;
      const colour = j === chart.series.length - 1 ? MAIN_COLOUR : PREVIOUS_COLOUR;
      parts.push(`<rect x="${box.left}" y="${y.toFixed(1)}" width="${Math.max(1, scale(v) - box.left).toFixed(1)}" height="${(barHeight - 2).toFixed(1)}" fill="${colour}"/>`);
      parts.push(text(scale(v) + 6, y + barHeight - 4, formatValue(v, chart.unit), `font-size="11" fill="${MUTED}"`));
    });
  });
  parts.push(`<line x1="${box.left}" y1="${box.top}" x2="${box.left}" y2="${box.bottom}" stroke="${MUTED}" stroke-width="1"/>`);
  return parts;
}
