/**
 * Helpers shared by the command files: localized definition text, option reading, and turning
 * engine answers into reply items. Kept out of `command.ts`, which is the shared contract.
 */
import type { LocalizationMap } from 'discord.js';
import type { CommandOptions } from './command.js';
import type { BriefingAnswer, BriefingStory, Excerpt } from '../services/engine.js';
import { countOf, shorten } from '../replies/text.js';
import type { Reply, ReplyItem } from '../replies/reply.js';
import type { ActorKind } from '../services/types.js';

/** Excerpts per page for `/actor` and `/search`. */
export const EXCERPTS_PER_PAGE = 5;
/** About this many characters of paragraphs per page for `/article`. */
export const ARTICLE_PAGE_CHARS = 1500;
/** Articles per page for `/sources`. */
export const SOURCES_PER_PAGE = 10;
/** Suggestions offered when a name or an id is unknown (one button each). */
export const MAX_SUGGESTIONS = 3;
/** Discord's limit on a button label. */
export const BUTTON_LABEL_MAX = 80;

/**
 * A private "not found": `message`, then either an offer of the `choices` (one button each,
 * re-running `command` with the choice's options) or, when there are none, `otherwise`.
 */
export function notFound(
  title: string,
  message: string,
  otherwise: string,
  command: string,
  choices: ReadonlyArray<{ name: string; options: Record<string, string> }>,
): Reply {
  return {
    tone: 'error',
    ephemeral: true,
    title,
    intro: message + (choices.length > 0 ? ' Vouliez-vous dire :' : ` ${otherwise}`),
    items: [],
    suggestions: choices.map((c) => ({ label: shorten(c.name, BUTTON_LABEL_MAX), command, options: c.options })),
  };
}

/** The same text for French and both English locales Discord distinguishes. */
export function l10n(fr: string, en: string): LocalizationMap {
  return { fr, 'en-US': en, 'en-GB': en };
}

/** A string option, trimmed; blank or absent gives `undefined`. */
export function stringOption(options: CommandOptions, name: string): string | undefined {
  const value = options.values[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).replace(/\s+/gu, ' ').trim();
  return text === '' ? undefined : text;
}

/**
 * An integer option clamped into `[min, max]`; absent or not a number gives `fallback`. Discord
 * already enforces the bounds, the clamp protects the console and the CLI.
 */
export function integerOption(
  options: CommandOptions,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const raw = options.values[name];
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number.parseInt(raw, 10) : Number.NaN;
  if (!Number.isFinite(value)) return bounds.fallback;
  return Math.min(bounds.max, Math.max(bounds.min, Math.trunc(value)));
}

/** An excerpt as a list item: the sentence with its highlights, under its article. */
export function excerptItem(excerpt: Excerpt, label?: string): ReplyItem {
  return {
    body: { text: excerpt.text, highlights: excerpt.highlights.map(({ start, end }) => ({ start, end })) },
    source: {
      articleId: excerpt.articleId,
      title: excerpt.title,
      ...(excerpt.url ? { url: excerpt.url } : {}),
      published: {
        ...(excerpt.outlet ? { outlet: excerpt.outlet } : {}),
        ...(excerpt.date ? { date: excerpt.date } : {}),
        ...(excerpt.receivedAt ? { receivedAt: excerpt.receivedAt } : {}),
      },
    },
    ...(label === undefined ? {} : { label }),
  };
}

function marked(excerpt: Excerpt) {
  return { text: excerpt.text, highlights: excerpt.highlights.map(({ start, end }) => ({ start, end })) };
}

/** A story as a list item: its headline, its lead, the other excerpts, and all its articles. */
export function storyItem(story: BriefingStory, label?: string): ReplyItem {
  const [lead, ...rest] = story.excerpts;
  return {
    heading: story.headline,
    body: lead ? marked(lead) : { text: '' },
    ...(rest.length > 0 ? { more: rest.map(marked) } : {}),
    sources: {
      articles: story.sources.map((s) => ({
        articleId: s.id,
        title: s.title,
        ...(s.outlet ? { outlet: s.outlet } : {}),
        ...(s.date ? { date: s.date } : {}),
        ...(s.receivedAt ? { receivedAt: s.receivedAt } : {}),
        ...(s.url ? { url: s.url } : {}),
      })),
    },
    ...(label === undefined ? {} : { label }),
  };
}

/**
 * `3 sujets · 5 phrases tirées de 4 articles (6 articles en tout sur ces sujets).`: every number
 * counted from what is shown.
 */
export function briefingCountLine(answer: Pick<BriefingAnswer, 'stories' | 'excerpts' | 'articleCount'>): string {
  const phrases = answer.excerpts.length;
  const listed = new Set(answer.stories.flatMap((s) => s.sources.map((a) => a.id))).size;
  const line = `${countOf(answer.stories.length, 'sujet')} · ${countOf(phrases, 'phrase')} tirée${phrases > 1 ? 's' : ''} de ${countOf(answer.articleCount, 'article')}`;
  return listed > answer.articleCount ? `${line} (${countOf(listed, 'article')} en tout sur ces sujets).` : `${line}.`;
}

const KIND_LABELS: Record<ActorKind, string> = {
  country: 'pays',
  organisation: 'organisation',
  person: 'personnalité',
  medium: 'média',
  place: 'lieu',
};

/** `pays`, `organisation`… for an actor kind. */
export function kindLabel(kind: ActorKind): string {
  return KIND_LABELS[kind] ?? kind;
}

/** Number of distinct articles among some excerpts. */
export function articleCount(excerpts: Excerpt[]): number {
  return new Set(excerpts.map((e) => e.articleId)).size;
}
