/**
 * Renders a {@link Reply} as a Discord message payload that always fits Discord's limits: every
 * piece is clamped (cut at a word boundary with `…`, never rejected), corpus text is escaped so
 * that markdown shows literally and no mention can ping, and highlights become bold after escaping.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { MarkedText, Reply, ReplyItem, ReplySourceList, ReplySuggestion, ReplyTone } from './reply.js';
import { countOf, publicationLabel, publishedLabel, sourceName } from './text.js';
import { escapeCorpusText, escapeCorpusTextWithBold, safeMaskedLink, truncate } from './escape.js';
import {
  ACTION_ROWS_MAX,
  ATTACHMENT_DESCRIPTION_MAX,
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  CUSTOM_ID_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_TOTAL_MAX,
  codePointLength,
} from './limits.js';

/** How the buttons of a rendered reply identify themselves. */
export interface RenderControls {
  /** custom_id of a button leading to page `page` (0-based). Absent: no paging buttons. */
  pageId?: (page: number) => string;
  /** custom_id of the suggestion button `index`; absent or `undefined`: that button is left out. */
  suggestionId?: (index: number, suggestion: ReplySuggestion) => string | undefined;
  /** Show every button disabled (paging state expired). */
  disabled?: boolean;
}

export type DiscordButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message payload in Discord's API shape. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordButtonRow[];
  /** Always empty: the bot never pings, whatever the corpus says. */
  allowed_mentions: { parse: [] };
  /** `MessageFlags.Ephemeral` when only the asking member should see it. */
  flags?: number;
  /** Files to upload with it (multipart): the reply's picture. */
  files?: DiscordFile[];
}

/** A file sent with a message; the embed shows it through `attachment://name`. */
export interface DiscordFile {
  name: string;
  /** Its description for people who cannot see it (alt text). */
  description: string;
  data: Buffer;
}

export const TONE_COLOURS: Record<ReplyTone, number> = {
  info: 0x3b82f6,
  success: 0x22c55e,
  warning: 0xf59e0b,
  error: 0xef4444,
};

const PREVIOUS_LABEL = '◀ Précédent';
const NEXT_LABEL = 'Suivant ▶';
// Room kept for the "+ N non affichés" line at the end of a cut list.
const MORE_LINE_RESERVE = 40;
// Below this, a truncated item is not worth showing: the "more" line says it instead.
const MIN_PARTIAL_ITEM = 80;
// The description keeps at least this much (or all it needs) before fields are dropped.
const DESCRIPTION_RESERVE = 1500;
const SOURCE_TITLE_MAX = 120;
// A story's source list is cut (with `+N`) beyond about this many characters.
const SOURCE_LIST_MAX = 400;

/**
 * @param picture the PNG of `reply.chart`, when it could be drawn: shown as the embed's image
 * and uploaded with the message, its caption as description. Without it the chart is left out.
 */
export function renderDiscord(reply: Reply, controls: RenderControls = {}, picture?: Buffer): DiscordMessage {
  // Discord rejects an embed whose title is blank.
  const title = (reply.title.trim() && fitMarked({ text: reply.title.trim() }, EMBED_TITLE_MAX)) || '—';
  const fullDescriptionLength = Math.min(
    EMBED_DESCRIPTION_MAX,
    codePointLength(renderDescription(reply, EMBED_DESCRIPTION_MAX)),
  );
  const descriptionReserve = Math.min(fullDescriptionLength, DESCRIPTION_RESERVE);

  const fields = (reply.fields ?? []).slice(0, EMBED_FIELDS_MAX).map(renderField);
  let footer = footerText(reply);
  const fieldsLength = () => fields.reduce((n, f) => n + codePointLength(f.name) + codePointLength(f.value), 0);
  const fixedLength = () => codePointLength(title) + codePointLength(footer) + fieldsLength();

  // Fields go first when everything cannot fit: the list is what was asked for.
  while (fields.length > 0 && fixedLength() + descriptionReserve > EMBEDS_TOTAL_MAX) fields.pop();
  const footerRoom = EMBEDS_TOTAL_MAX - codePointLength(title) - fieldsLength() - descriptionReserve;
  if (codePointLength(footer) > footerRoom) footer = truncate(footer, Math.max(0, footerRoom));

  const descriptionBudget = Math.min(EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX - fixedLength());
  const description = renderDescription(reply, descriptionBudget);

  const embed: APIEmbed = { title, color: TONE_COLOURS[reply.tone] };
  if (description) embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  if (footer) embed.footer = { text: footer };

  const message: DiscordMessage = {
    embeds: [embed],
    components: renderComponents(reply, controls),
    allowed_mentions: { parse: [] },
  };
  if (reply.ephemeral) message.flags = MessageFlags.Ephemeral;
  if (reply.chart && picture) {
    embed.image = { url: `attachment://${reply.chart.fileName}` };
    message.files = [{ name: reply.chart.fileName, description: truncate(reply.chart.caption, ATTACHMENT_DESCRIPTION_MAX), data: picture }];
  }
  return message;
}

/**
 * Corpus text with its highlights as markdown: the whole text escaped once (no markup, link or
 * mention survives), then the highlighted spans in bold.
 */
export function renderMarked(marked: MarkedText): string {
  return escapeCorpusTextWithBold(marked.text, normaliseHighlights(marked.text, marked.highlights ?? []));
}

/**
 * {@link renderMarked} within `max` characters: when the rendering is too long, the raw text is
 * cut at a word boundary (so no escape or bold marker is ever split) and ends with `…`.
 */
export function fitMarked(marked: MarkedText, max: number): string {
  if (max <= 0) return '';
  // Escaping only lengthens text, so a raw text longer than `max` cannot fit whole.
  if (marked.text.length <= max || codePointLength(marked.text) <= max) {
    const full = renderMarked(marked);
    if (codePointLength(full) <= max) return full;
  }
  let best = '…';
  let lo = 0;
  let hi = Math.min(codePointLength(marked.text), max);
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = renderPrefix(marked, mid);
    if (codePointLength(candidate) <= max) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

function renderPrefix(marked: MarkedText, maxChars: number): string {
  const cut = truncate(marked.text, maxChars);
  const prefix = cut.endsWith('…') ? cut.slice(0, -1) : cut;
  const highlights = (marked.highlights ?? [])
    .filter((h) => h.start < prefix.length)
    .map((h) => ({ start: h.start, end: Math.min(h.end, prefix.length) }));
  return renderMarked({ text: prefix, highlights }) + '…';
}

/** Sorted, merged, in bounds, not splitting a surrogate pair, without whitespace at the edges. */
function normaliseHighlights(text: string, highlights: Array<{ start: number; end: number }>) {
  const spans = highlights
    .map(({ start, end }) => {
      let s = Math.max(0, Math.min(text.length, Math.floor(start)));
      let e = Math.max(s, Math.min(text.length, Math.floor(end)));
      if (isLowSurrogate(text, s)) s--;
      if (isLowSurrogate(text, e)) e++;
      while (s < e && /\s/.test(text[s] ?? '')) s++;
      while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
      return { start: s, end: e };
    })
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    // Adjacent spans merge too: `**a****b**` would not render as bold.
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff;
}

/** The description: intro, then the items while they fit, then how many were left out. */
function renderDescription(reply: Reply, budget: number): string {
  const parts: string[] = [];
  let used = 0;
  const sep = '\n\n';
  const add = (part: string) => {
    used += (parts.length > 0 ? sep.length : 0) + codePointLength(part);
    parts.push(part);
  };
  const room = () => budget - used - (parts.length > 0 ? sep.length : 0);

  if (reply.intro) {
    const intro = fitMarked({ text: reply.intro }, Math.min(room(), EMBED_DESCRIPTION_MAX));
    if (intro) add(intro);
  }
  let shown = 0;
  for (const item of reply.items) {
    const remaining = reply.items.length - shown;
    const reserve = remaining > 1 ? MORE_LINE_RESERVE : 0;
    // Escaping only lengthens text: a body longer than the room is not rendered whole.
    const full = item.body.text.length > room() ? undefined : renderItem(item, Number.POSITIVE_INFINITY);
    if (full !== undefined && codePointLength(full) <= room() - reserve) {
      add(full);
      shown++;
      continue;
    }
    // The first item is always shown, cut if needed (a long article); later ones only if worth it.
    const available = room() - reserve;
    if (shown === 0 || available >= MIN_PARTIAL_ITEM) {
      const partial = renderItem(item, available);
      if (partial) {
        add(partial);
        shown++;
      }
    }
    break;
  }
  const hidden = reply.items.length - shown;
  if (hidden > 0) {
    const more = `*+ ${hidden} ${hidden > 1 ? 'autres non affichés' : 'autre non affiché'}*`;
    if (codePointLength(more) <= room()) add(more);
  }
  return parts.join(sep);
}

// A story's other passages are each cut to this, so that the lead keeps most of the room.
const MORE_PASSAGE_MAX = 320;

function renderItem(item: ReplyItem, max: number): string {
  const label = item.label ? `**${escapeCorpusText(item.label.trim())}** ` : '';
  const heading = item.heading ? `${label}**${fitMarked({ text: item.heading }, SOURCE_TITLE_MAX)}**\n` : '';
  const lead = heading ? '' : label;
  let source = '';
  if (item.sources) {
    source = `\n↳ ${renderSourceList(item.sources)}`;
  } else if (item.source) {
    // A known original becomes a link (escaped title, `<…>` so Discord shows no preview).
    const title = item.source.url
      ? safeMaskedLink(truncate(item.source.title.replace(/\s+/gu, ' ').trim(), SOURCE_TITLE_MAX), item.source.url)
      : fitMarked({ text: item.source.title }, SOURCE_TITLE_MAX);
    const when = item.source.published ? ` (${escapeCorpusText(publishedLabel(item.source.published))})` : '';
    source = `\n↳ *${title}*${when}`;
  }
  const more =
    (item.more ?? []).map((passage) => `\n• ${fitMarked(passage, MORE_PASSAGE_MAX)}`).join('') +
    (item.note ? `\n*${fitMarked({ text: item.note }, MORE_PASSAGE_MAX)}*` : '');
  const overhead = codePointLength(heading) + codePointLength(lead) + codePointLength(more) + codePointLength(source);
  if (max - overhead < 1) {
    if (max === Number.POSITIVE_INFINITY) return heading + lead + more + source;
    // Without room for the other passages, the lead alone.
    return more && max - (overhead - codePointLength(more)) > MIN_PARTIAL_ITEM
      ? renderItem({ ...item, more: [] }, max)
      : '';
  }
  const body = fitMarked(item.body, max - overhead);
  return heading + lead + body + more + source;
}

/**
 * `3 sources : [Le Figaro](https://…) (27 novembre 2026) · Armenpress (date inconnue, reçu le …)`:
 * outlets (never file names), linked when known, each with its publication date or `date inconnue`.
 */
function renderSourceList(list: ReplySourceList): string {
  const entries = list.articles.map((a) => {
    const name = sourceName(a).replace(/\s+/gu, ' ');
    const ref = a.url ? safeMaskedLink(truncate(name, SOURCE_TITLE_MAX), a.url) : escapeCorpusText(truncate(name, SOURCE_TITLE_MAX));
    return `${ref} (${publicationLabel(a)})`;
  });
  const shown: string[] = [];
  let length = 0;
  for (const entry of entries) {
    if (length + entry.length > SOURCE_LIST_MAX && shown.length > 0) break;
    shown.push(entry);
    length += entry.length + 3;
  }
  const hidden = entries.length - shown.length;
  return `${countOf(entries.length, 'source')} : ${shown.join(' · ')}${hidden > 0 ? ` · +${hidden}` : ''}`;
}

function renderField(field: { name: string; lines: string[]; inline?: boolean }): APIEmbedField {
  const name = fitMarked({ text: field.name }, EMBED_FIELD_NAME_MAX) || '—';
  const lines: string[] = [];
  let used = 0;
  const cutMark = '…';
  for (const [i, raw] of field.lines.entries()) {
    const isLast = i === field.lines.length - 1;
    // Keep room for a final `…` line when more lines follow.
    const room = EMBED_FIELD_VALUE_MAX - used - (lines.length > 0 ? 1 : 0) - (isLast ? 0 : cutMark.length + 1);
    const line = renderMarked({ text: raw });
    if (codePointLength(line) <= room) {
      lines.push(line);
      used += codePointLength(line) + (lines.length > 1 ? 1 : 0);
      continue;
    }
    // The previous line kept room for the `…` line; a first line is cut to what is left.
    if (lines.length === 0) {
      lines.push(fitMarked({ text: raw }, room));
      if (!isLast) lines.push(cutMark);
    } else {
      lines.push(cutMark);
    }
    break;
  }
  const value = lines.join('\n').trim() || '—';
  const out: APIEmbedField = { name, value };
  if (field.inline) out.inline = true;
  return out;
}

function footerText(reply: Reply): string {
  // Footers do not render markdown: no escaping, only the length.
  const parts: string[] = [];
  if (reply.footer) parts.push(reply.footer);
  if (reply.page && reply.page.count > 1) parts.push(`Page ${reply.page.index + 1}/${reply.page.count}`);
  return truncate(parts.join(' · '), EMBED_FOOTER_MAX);
}

function renderComponents(reply: Reply, controls: RenderControls): DiscordButtonRow[] {
  const rows: DiscordButtonRow[] = [];
  const seen = new Set<string>();
  const usable = (id: string | undefined): id is string =>
    !!id && codePointLength(id) <= CUSTOM_ID_MAX && !seen.has(id);

  const page = reply.page;
  if (page && page.count > 1 && controls.pageId) {
    const index = Math.max(0, Math.min(page.count - 1, page.index));
    const previousId = controls.pageId(Math.max(0, index - 1));
    const nextId = controls.pageId(Math.min(page.count - 1, index + 1));
    if (usable(previousId) && previousId !== nextId && codePointLength(nextId) <= CUSTOM_ID_MAX) {
      seen.add(previousId).add(nextId);
      rows.push(
        row([
          button(previousId, PREVIOUS_LABEL, controls.disabled || index === 0),
          button(nextId, NEXT_LABEL, controls.disabled || index === page.count - 1),
        ]),
      );
    }
  }

  const suggestions = reply.suggestions ?? [];
  if (controls.suggestionId && suggestions.length > 0) {
    const buttons: APIButtonComponentWithCustomId[] = [];
    const maxButtons = (ACTION_ROWS_MAX - rows.length) * BUTTONS_PER_ROW_MAX;
    for (const [i, suggestion] of suggestions.entries()) {
      if (buttons.length >= maxButtons) break;
      const id = controls.suggestionId(i, suggestion);
      if (!usable(id)) continue;
      seen.add(id);
      const label = truncate(suggestion.label.trim(), BUTTON_LABEL_MAX) || '…';
      buttons.push({ ...button(id, label, !!controls.disabled), style: ButtonStyle.Primary });
    }
    for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW_MAX) rows.push(row(buttons.slice(i, i + BUTTONS_PER_ROW_MAX)));
  }
  return rows;
}

function button(customId: string, label: string, disabled: boolean): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label, disabled };
}

function row(components: APIButtonComponentWithCustomId[]): DiscordButtonRow {
  return { type: ComponentType.ActionRow, components };
}

/**
 * Every way `message` breaks Discord's limits, as readable strings (empty when it fits). Used by
 * the tests, and by the router as a last check before sending.
 */
export function limitViolations(message: DiscordMessage): string[] {
  const problems: string[] = [];
  const len = codePointLength;
  const check = (what: string, value: string | undefined, max: number) => {
    if (value !== undefined && len(value) > max) problems.push(`${what}: ${len(value)} > ${max}`);
  };
  check('content', message.content, 2000);
  if (message.embeds.length > 10) problems.push(`embeds: ${message.embeds.length} > 10`);
  let total = 0;
  for (const [i, embed] of message.embeds.entries()) {
    check(`embed ${i} title`, embed.title, EMBED_TITLE_MAX);
    check(`embed ${i} description`, embed.description, EMBED_DESCRIPTION_MAX);
    check(`embed ${i} footer`, embed.footer?.text, EMBED_FOOTER_MAX);
    check(`embed ${i} author`, embed.author?.name, 256);
    const fields = embed.fields ?? [];
    if (fields.length > EMBED_FIELDS_MAX) problems.push(`embed ${i} fields: ${fields.length} > ${EMBED_FIELDS_MAX}`);
    for (const [j, field] of fields.entries()) {
      check(`embed ${i} field ${j} name`, field.name, EMBED_FIELD_NAME_MAX);
      check(`embed ${i} field ${j} value`, field.value, EMBED_FIELD_VALUE_MAX);
      if (!field.name || !field.value) problems.push(`embed ${i} field ${j} is empty`);
      total += len(field.name) + len(field.value);
    }
    total += len(embed.title ?? '') + len(embed.description ?? '') + len(embed.footer?.text ?? '') + len(embed.author?.name ?? '');
  }
  if (total > EMBEDS_TOTAL_MAX) problems.push(`embeds total: ${total} > ${EMBEDS_TOTAL_MAX}`);
  if (message.components.length > ACTION_ROWS_MAX) problems.push(`rows: ${message.components.length} > ${ACTION_ROWS_MAX}`);
  const ids = new Set<string>();
  for (const [i, r] of message.components.entries()) {
    if (r.components.length > BUTTONS_PER_ROW_MAX) problems.push(`row ${i}: ${r.components.length} buttons`);
    for (const b of r.components) {
      check(`row ${i} custom_id`, b.custom_id, CUSTOM_ID_MAX);
      check(`row ${i} label`, b.label, BUTTON_LABEL_MAX);
      if (ids.has(b.custom_id)) problems.push(`duplicate custom_id ${b.custom_id}`);
      ids.add(b.custom_id);
    }
  }
  if (message.allowed_mentions.parse.length > 0) problems.push('allowed_mentions.parse is not empty');
  return problems;
}
