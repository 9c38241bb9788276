/**
 * The console renderer: a {@link Reply} as terminal text. Corpus text has no markdown to escape
 * here, but its control characters (escape sequences) are shown inertly, so that an article cannot
 * drive the terminal; highlights are ANSI bold when colour is on and invisible otherwise.
 * Lines are wrapped at word boundaries to the terminal width, with hanging indents.
 */
import type { MarkedText, Reply, ReplySourceList, ReplyTone } from './reply.js';
import { countOf, formatNumber, publicationLabel, publishedLabel, sourceName } from './text.js';
import { sparkline, type ReplyChart } from './chart.js';
import { terminalSafe } from './terminal.js';

export interface ConsoleRenderOptions {
  /** Use ANSI styles (bold highlights, coloured title). Default false: plain text for pipes and logs. */
  color?: boolean;
  /** Wrap lines to this many columns; 0 or absent-and-unknown means 80. `Infinity` disables wrapping. */
  width?: number;
  /** What follows `Page 2/5 — ` (how to turn pages). Default: the console's `/suivant`, `/precedent`. */
  pageHint?: (index: number, count: number) => string;
  /** Where the reply's picture was written (shown under its sparkline). */
  picturePath?: string;
}

const ESC = '\u001b[';
const BOLD = `${ESC}1m`;
const NORMAL = `${ESC}22m`;
const DIM = `${ESC}2m`;
const RESET = `${ESC}0m`;
const TONE_COLOR: Record<ReplyTone, string> = {
  info: `${ESC}36m`,
  success: `${ESC}32m`,
  warning: `${ESC}33m`,
  error: `${ESC}31m`,
};
const TONE_MARK: Record<ReplyTone, string> = { info: '', success: '✔ ', warning: '⚠ ', error: '✖ ' };

/** Number of terminal columns a plain string takes (code points; wide CJK glyphs are rare here). */
function visibleLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A word of a marked text: its rendered form (with ANSI codes) and its visible length. */
interface Word {
  rendered: string;
  length: number;
}

/** Splits a marked text into lines of words, each word rendered with its highlighted parts in bold. */
function markedWords(marked: MarkedText, color: boolean): Word[][] {
  const { text } = marked;
  const bold = new Uint8Array(text.length);
  if (color) {
    for (const { start, end } of marked.highlights ?? []) {
      for (let i = Math.max(0, start); i < Math.min(text.length, end); i++) bold[i] = 1;
    }
  }
  const lines: Word[][] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const words: Word[] = [];
    // No-break spaces (`12 %`, a count and its noun) join words: lines break at other spaces only.
    for (const match of line.matchAll(/(?:[^\s]|[\u00a0\u202f])+/gu)) {
      const from = lineStart + match.index;
      const raw = match[0];
      let rendered = '';
      let inBold = false;
      for (let i = 0; i < raw.length; i++) {
        const on = bold[from + i] === 1;
        if (on !== inBold) {
          rendered += on ? BOLD : NORMAL;
          inBold = on;
        }
        // A no-break space holds words together here; the terminal shows it as a space.
        rendered += raw[i] === '\u00a0' || raw[i] === '\u202f' ? ' ' : raw[i];
      }
      if (inBold) rendered += NORMAL;
      words.push({ rendered, length: visibleLength(raw) });
    }
    lines.push(words);
    lineStart += line.length + 1;
  }
  return lines;
}

/**
 * Wraps words to `width` columns. The first line starts after `firstPrefix` (already printed,
 * `firstWidth` columns); the following lines start with `indent`.
 */
function wrapWords(lines: Word[][], width: number, firstPrefix: string, firstWidth: number, indent: string): string[] {
  const out: string[] = [];
  let current = firstPrefix;
  let column = firstWidth;
  let empty = true;
  const flush = () => {
    out.push(current.trimEnd());
    current = indent;
    column = indent.length;
    empty = true;
  };
  lines.forEach((words, lineIndex) => {
    if (lineIndex > 0) flush();
    for (const word of words) {
      if (!empty && column + 1 + word.length > width) flush();
      if (!empty) {
        current += ' ';
        column += 1;
      }
      current += word.rendered;
      column += word.length;
      empty = false;
    }
  });
  out.push(current.trimEnd());
  return out;
}

/** Wraps plain text (bot text, names) with a hanging indent. */
function wrapPlain(text: string, width: number, indent = '', firstIndent = indent): string[] {
  return wrapWords(markedWords({ text }, false), width, firstIndent, firstIndent.length, indent);
}

/** Every text of a reply with its control characters shown inertly (offsets kept: same lengths). */
function terminalSafeReply(reply: Reply): Reply {
  const safe = terminalSafe;
  return {
    ...reply,
    title: safe(reply.title),
    ...(reply.intro !== undefined ? { intro: safe(reply.intro) } : {}),
    items: reply.items.map((item) => ({
      ...item,
      body: { ...item.body, text: safe(item.body.text) },
      ...(item.label !== undefined ? { label: safe(item.label) } : {}),
      ...(item.source
        ? {
            source: {
              articleId: safe(item.source.articleId),
              title: safe(item.source.title),
              ...(item.source.url !== undefined ? { url: safe(item.source.url) } : {}),
              ...(item.source.published
                ? {
                    published: {
                      ...item.source.published,
                      ...(item.source.published.outlet !== undefined ? { outlet: safe(item.source.published.outlet) } : {}),
                      ...(item.source.published.date !== undefined ? { date: safe(item.source.published.date) } : {}),
                    },
                  }
                : {}),
            },
          }
        : {}),
      ...(item.heading !== undefined ? { heading: safe(item.heading) } : {}),
      ...(item.more ? { more: item.more.map((m) => ({ ...m, text: safe(m.text) })) } : {}),
      ...(item.sources
        ? {
            sources: {
              ...item.sources,
              articles: item.sources.articles.map((a) => ({
                ...a,
                articleId: safe(a.articleId),
                title: safe(a.title),
                ...(a.outlet !== undefined ? { outlet: safe(a.outlet) } : {}),
                ...(a.date !== undefined ? { date: safe(a.date) } : {}),
                ...(a.outlet !== undefined ? { outlet: safe(a.outlet) } : {}),
                ...(a.url !== undefined ? { url: safe(a.url) } : {}),
              })),
            },
          }
        : {}),
    })),
    ...(reply.fields ? { fields: reply.fields.map((f) => ({ ...f, name: safe(f.name), lines: f.lines.map(safe) })) } : {}),
    ...(reply.suggestions
      ? {
          suggestions: reply.suggestions.map((s) => ({
            ...s,
            label: safe(s.label),
            command: safe(s.command),
            options: Object.fromEntries(Object.entries(s.options).map(([k, v]) => [safe(k), safe(v)])),
          })),
        }
      : {}),
    ...(reply.footer !== undefined ? { footer: safe(reply.footer) } : {}),
  };
}

/** How the local console turns pages. */
function consolePageHint(index: number, count: number): string {
  const moves = [index + 1 < count ? '/suivant' : '', index > 0 ? '/precedent' : ''].filter(Boolean);
  return `tapez ${moves.join(' ou ')}`;
}

/** Renders a reply as terminal text, ending without a trailing newline. */
export function renderConsole(unsafeReply: Reply, options: ConsoleRenderOptions = {}): string {
  const reply = terminalSafeReply(unsafeReply);
  const color = options.color ?? false;
  const width = options.width && options.width > 20 ? options.width : 80;
  const style = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const out: string[] = [];

  const title = `${TONE_MARK[reply.tone]}${reply.title}`;
  out.push(...wrapPlain(title, width).map((line) => style(BOLD + TONE_COLOR[reply.tone], line)));
  if (!color) out.push('─'.repeat(Math.min(width, Math.max(8, visibleLength(title)))));
  if (reply.intro) {
    for (const line of reply.intro.split('\n')) out.push(...wrapPlain(line, width));
  }

  if (reply.items.length > 0) out.push('');
  reply.items.forEach((item, index) => {
    if (index > 0) out.push('');
    const label = item.label ?? `${index + 1}.`;
    const prefix = `${style(BOLD, label)} `;
    const hang = ' '.repeat(visibleLength(label) + 1);
    if (item.heading) {
      // A story: its headline after the label, then its passages and sources under it.
      out.push(...wrapWords(markedWords({ text: item.heading }, false), width, prefix, visibleLength(label) + 1, hang).map((l) => style(BOLD, l)));
      out.push(...wrapWords(markedWords(item.body, color), width, hang, hang.length, hang));
    } else if (visibleLength(label) <= 6) {
      // Short labels (`3.`) hang the text after them; long ones (`Extrait 12/27`, an id) go on their own line.
      out.push(...wrapWords(markedWords(item.body, color), width, prefix, visibleLength(label) + 1, hang));
    } else {
      out.push(style(BOLD, label));
      out.push(...wrapWords(markedWords(item.body, color), width, '   ', 3, '   '));
    }
    for (const passage of item.more ?? []) {
      out.push(...wrapWords(markedWords(passage, color), width, `${hang}+ `, hang.length + 2, `${hang}  `));
    }
    if (item.note) out.push(...wrapPlain(item.note, width, `${hang}  `, hang));
    if (item.sources) {
      out.push(...wrapPlain(sourceListLine(item.sources), width, `${hang}  `, `${hang}— `).map((line) => style(DIM, line)));
    } else if (item.source) {
      // The outlet and date, never the id (an excerpt's source is named as the guide says).
      const when = item.source.published ? ` (${publishedLabel(item.source.published)})` : '';
      const source = `— ${item.source.title}${when}${item.source.url ? ` ${item.source.url}` : ''}`;
      out.push(...wrapPlain(source, width, '     ', '   ').map((line) => style(DIM, line)));
    }
  });

  if (reply.chart) out.push('', ...chartLines(reply.chart, options.picturePath, width).map((line) => terminalSafe(line)));

  for (const field of reply.fields ?? []) {
    out.push('');
    out.push(...wrapPlain(field.name, width).map((line) => style(BOLD, line)));
    for (const line of field.lines) out.push(...wrapPlain(line, width, '    ', '  '));
  }

  if (reply.suggestions && reply.suggestions.length > 0) {
    out.push('');
    for (const suggestion of reply.suggestions) {
      const options = Object.entries(suggestion.options)
        .map(([name, value]) => ` ${name}:${value}`)
        .join('');
      out.push(...wrapPlain(`${suggestion.label} : tapez /${suggestion.command}${options}`, width, '    ', '  → '));
    }
  }

  const tail: string[] = [];
  if (reply.page && reply.page.count > 1) {
    const { index, count } = reply.page;
    tail.push(`Page ${index + 1}/${count} — ${(options.pageHint ?? consolePageHint)(index, count)}`);
  }
  if (reply.footer) tail.push(reply.footer);
  if (tail.length > 0) {
    out.push('');
    for (const line of tail) out.push(...wrapPlain(line, width).map((l) => style(DIM, l)));
  }
  return out.join('\n');
}

/**
 * A chart as text: its title, a sparkline per line drawn (names aligned, totals after), its
 * caption, and where its picture was written.
 */
function chartLines(chart: ReplyChart, picturePath: string | undefined, width: number): string[] {
  const out = [chart.title + (chart.subtitle ? ` (${chart.subtitle})` : '')];
  if (chart.kind === 'lines') {
    const pad = Math.min(24, Math.max(...chart.series.map((s) => s.name.length)));
    for (const s of chart.series) {
      const total = s.values.reduce((a, b) => a + b, 0);
      out.push(`  ${s.name.slice(0, pad).padEnd(pad)}  ${sparkline(s.values)}  ${formatNumber(total)}`);
    }
    out.push(`  ${' '.repeat(pad)}  ${chart.labels[0] ?? ''} → ${chart.labels.at(-1) ?? ''}`);
  }
  out.push(...wrapPlain(chart.caption, width, '  ', '  '));
  if (picturePath) out.push(`  Image : ${picturePath}`);
  return out;
}

/** `3 sources : Le Figaro (27 novembre 2026, https://…), Armenpress (date inconnue, reçu le …)…` */
function sourceListLine(list: ReplySourceList): string {
  const entries = list.articles.map((a) => `${sourceName(a)} (${[publicationLabel(a), a.url ?? ''].filter(Boolean).join(', ')})`);
  return `${countOf(list.articles.length, 'source')} : ${entries.join(', ')}`;
}
