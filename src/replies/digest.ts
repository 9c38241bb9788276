/**
 * A digest as reply models: one {@link Reply} (the overview: « Nouveau depuis le dernier digest »,
 * the new stories with headline, lead, key actors and dated sources, then the actors of the day
 * with their shares, who is rising, the cited sources) plus one per followed topic, plus the
 * trends section when the server asked for it (/tendances's reply, with its chart). The bot packs
 * them into Discord messages (`bot/digest-poster.ts`); the console prints them.
 */
import type { DigestActor, DigestContent, DigestSection } from '../services/digest/build.js';
import { formatLocal } from '../services/digest/schedule.js';
import { kindLabel, storyItem } from '../commands/shared.js';
import type { BriefingStory, IndexProgress } from '../services/engine.js';
import type { Reply, ReplyField, ReplyItem } from './reply.js';
import { countOf, formatNumber } from './text.js';
import { notice } from './reply.js';
import { trendsReply } from './trends.js';

export interface DigestReplyOptions {
  /** Zone the dates are shown in (the guild's). */
  timeZone: string;
  /**
   * Footer of the first reply; later replies get ` · 2/3`… appended. The service puts the slot's
   * reference here (`digest du 2026-11-25 08:00 (Europe/Paris)`), which also lets it find a post
   * that a crash left unrecorded.
   */
  footer?: string;
  /** A preview: said in the title, shown only to the asking member. */
  preview?: boolean;
}

/** `29 novembre 2026, 08:00` in `timeZone` (`1er` for the first of the month). */
export function formatDayTime(date: Date, timeZone: string): string {
  return formatLocal(date, timeZone).replace(/^\S+ /, '').replace(' à ', ', ');
}

/** `dimanche 29 novembre 2026` in `timeZone`. */
function localDay(date: Date, timeZone: string): string {
  return formatLocal(date, timeZone).replace(/ à \d{2}:\d{2}$/, '');
}

const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const percent = (share: number) => PERCENT.format(share);

/** What a share is of, said wherever a share is shown. */
export const SHARE_OF = 'des mentions d’acteurs de la période';

/**
 * `Iran — 5 mentions, 12 % (▲ contre 4 %)`, `Israël — 4 mentions, 10 % (nouveau)`,
 * `Russie — 70 mentions, 41 %`: count, share of all actor mentions of the period, then its move.
 */
export function actorLine(actor: DigestActor): string {
  const base = `${actor.name} — ${countOf(actor.count, 'mention')}, ${percent(actor.share)}`;
  const before = percent(actor.previousShare ?? 0);
  switch (actor.trend) {
    case 'new':
      return `${base} (nouveau)`;
    case 'entered':
      return `${base} (▲ entré dans la liste)`;
    case 'up':
      return `${base} (▲ contre ${before})`;
    case 'down':
      return `${base} (▼ contre ${before})`;
    case 'mixed':
      // The share and the count moved apart: both said, no arrow.
      return `${base} (contre ${before} pour ${countOf(actor.previous ?? 0, 'mention')})`;
    case 'same':
      return `${base} (stable)`;
    default:
      // Below the previous digest's list, and not above it now.
      return actor.previousAtMost !== undefined ? `${base} (au plus ${countOf(actor.previousAtMost, 'mention')} avant)` : base;
  }
}

/** `Iran : 12 % des mentions d’acteurs de la période (5), contre 4 % (3) au précédent digest`. */
function risingLine(actor: DigestActor): string {
  const now = `${actor.name} : ${percent(actor.share)} ${SHARE_OF} (${formatNumber(actor.count)})`;
  if (actor.trend === 'new') return `${now}, absent du précédent digest`;
  if (actor.trend === 'entered') {
    return `${now}, hors des premiers au précédent digest (${formatNumber(actor.previousAtMost ?? 0)} au plus)`;
  }
  return `${now}, contre ${percent(actor.previousShare ?? 0)} (${formatNumber(actor.previous ?? 0)}) au précédent digest`;
}

function sectionTitle(section: DigestSection): string {
  if (!section.actor) return `Sujet : ${section.topic ?? ''}`;
  return `Sujet : ${section.actor.name} (${kindLabel(section.actor.kind)})`;
}

/** A story of the digest: headline, lead, what else is new, key actors, dated sources. */
function digestStoryItem(story: BriefingStory, label: string): ReplyItem {
  // Undated articles say so (« date inconnue »): their arrival is not their publication.
  const item = storyItem(story, label);
  return story.actors.length > 0 ? { ...item, note: `Acteurs : ${story.actors.map((a) => a.name).join(', ')}` } : item;
}

/** A phrase that a line never breaks inside (a count and its noun). */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

/** `3 sujets`, or `5 sujets dont 3 ci-dessous (les autres avec /briefing)`. */
function storiesLine(section: DigestSection): string {
  const shown = section.stories.length;
  const all = Math.max(shown, section.storyCount);
  const line = unbroken(countOf(all, 'sujet'));
  return all > shown ? `${line} dont ${formatNumber(shown)} ci-dessous (les autres avec /briefing)` : line;
}

/** The reply models of a digest, in posting order (at least one). */
export function digestReplies(digest: DigestContent, options: DigestReplyOptions): Reply[] {
  const { timeZone } = options;
  const title = `${options.preview ? 'Aperçu du digest' : 'Digest'} du ${localDay(digest.generatedAt, timeZone)}`;
  const since = digest.previousAt ? formatDayTime(digest.previousAt, timeZone) : undefined;

  if (digest.empty) {
    const line = since ? `Rien de nouveau depuis le dernier digest (${since}).` : 'Rien de nouveau : le corpus est vide.';
    return withFooters([{ tone: 'info', title, intro: line, items: [] }], options);
  }

  const whole = digest.topics.length === 0 ? digest.sections[0] : undefined;
  const intro: string[] = [];
  // One line: the articles and the stories they make, never split between them.
  const count = digest.articleIds.length;
  const articles = unbroken(digest.first ? countOf(count, 'article') : countOf(count, 'nouvel article', 'nouveaux articles'));
  const counts = whole ? `${articles},\u00a0${storiesLine(whole)}` : articles;
  intro.push(
    digest.first
      ? `Premier digest de ce salon, sur l’ensemble du corpus : ${counts}.`
      : `Depuis le digest du ${since} : ${counts}.`,
  );
  if (digest.topics.length > 0) intro.push(`Sujets suivis : ${digest.topics.join(', ')}.`);
  if (digest.topics.length > 0 && digest.sections.length === 0) {
    intro.push('Aucun des nouveaux articles ne parle de ces sujets.');
  } else if (digest.quietTopics.length > 0) {
    intro.push(`Rien de nouveau sur : ${digest.quietTopics.join(', ')}.`);
  }
  if (digest.trends === null) intro.push('Tendances : aucun article du corpus n’a de date de publication, rien à comparer.');

  const fields: ReplyField[] = [];
  if (digest.actors.length > 0) {
    fields.push({
      name: `Acteurs du jour (mentions, part ${SHARE_OF} : ${countOf(digest.actorMentions, 'mention')})`,
      lines: digest.actors.map(actorLine),
      inline: true,
    });
  }
  if (digest.rising.length > 0) {
    fields.push({ name: 'En hausse depuis le précédent digest', lines: digest.rising.map(risingLine) });
  }
  if (digest.sources.length > 0) {
    fields.push({ name: 'Sources citées', lines: digest.sources.map((s) => `${s.name} (${formatNumber(s.count)})`), inline: true });
  }

  const overview: Reply = {
    tone: 'info',
    title,
    intro: intro.join('\n'),
    items: (whole?.stories ?? []).map((story, i) => digestStoryItem(story, `${i + 1}.`)),
    fields,
  };
  const replies: Reply[] = [overview];
  if (digest.topics.length > 0) {
    for (const section of digest.sections) {
      replies.push({
        tone: 'info',
        title: sectionTitle(section),
        intro: `${storiesLine(section)}.`,
        items: section.stories.map((story, i) => digestStoryItem(story, `${i + 1}.`)),
      });
    }
  }
  // The same section as /tendances (publication days), with its picture: last, on its own.
  if (digest.trends) {
    // The footer marks the digest's slot: the section's own note goes into its text.
    const { footer: note, ...trends } = trendsReply(digest.trends);
    replies.push(note ? { ...trends, intro: `${trends.intro ?? ''}\n${note}` } : trends);
  }
  return withFooters(replies, options);
}

function withFooters(replies: Reply[], options: DigestReplyOptions): Reply[] {
  const footer = options.footer;
  if (!footer) return replies;
  return replies.map((reply, i) => ({
    ...reply,
    footer: replies.length > 1 ? `${footer} · ${i + 1}/${replies.length}` : footer,
  }));
}

/**
 * What a digest asked for now (`/digest preview`, `npm run digest -- --now`) says while the index is
 * being built: a digest read from part of the corpus would miss articles and trends. Scheduled
 * digests wait for the index instead, and are posted once it is complete.
 */
export function indexBuildingLine(progress: IndexProgress): string {
  const articles = countOf(progress.articles, 'article');
  return (
    `L’index du corpus est en cours de construction (${formatNumber(progress.percent)} %, ${articles} pour l’instant) : ` +
    'un digest fait maintenant manquerait des articles et des tendances. Réessayez dans quelques minutes ; ' +
    'les digests programmés attendent la fin de l’index et seront publiés dès qu’il sera complet.'
  );
}

export function indexBuildingReply(progress: IndexProgress): Reply {
  return { ...notice('info', 'Index en cours de construction', indexBuildingLine(progress)), aboutIndex: true };
}
