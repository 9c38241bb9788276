/**
 * A digest as reply models, then as Discord messages. A digest is one {@link Reply} (the overview:
 * excerpts, actors of the day, rising actors, sources, new articles) plus one per followed topic.
 * The Discord renderer keeps each embed within limits; {@link digestMessages} packs the embeds into
 * as few messages as Discord's per-message limits (10 embeds, 6 000 characters) allow.
 */
import type { DigestActor, DigestContent, DigestSection } from '../services/digest/build.js';
import { formatLocal } from '../services/digest/schedule.js';
import { excerptItem, kindLabel } from '../commands/shared.js';
import type { Reply, ReplyField } from './reply.js';
import { countOf, formatDate, formatNumber } from './text.js';

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

/** `mercredi 25 novembre 2026` (the date part of {@link formatLocal}). */
function localDay(date: Date, timeZone: string): string {
  return formatLocal(date, timeZone).replace(/ à \d{2}:\d{2}$/, '');
}

const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const percent = (share: number) => PERCENT.format(share);

/** `Iran — 5 (▲ 33 %, contre 4 %)`, `Israël — 4 (nouveau)`, `Russie — 70`: count, then the move of its share. */
export function actorLine(actor: DigestActor): string {
  const base = `${actor.name} — ${formatNumber(actor.count)}`;
  switch (actor.trend) {
    case 'new':
      return `${base} (nouveau)`;
    case 'up':
      return `${base} (▲ ${percent(actor.share)}, contre ${percent(actor.previousShare ?? 0)})`;
    case 'down':
      return `${base} (▼ ${percent(actor.share)}, contre ${percent(actor.previousShare ?? 0)})`;
    case 'same':
      return `${base} (= ${percent(actor.share)})`;
    default:
      return base;
  }
}

/** `Iran : 33 % des mentions (5), contre 4 % (7) au précédent digest`. */
function risingLine(actor: DigestActor): string {
  const now = `${percent(actor.share)} des mentions (${formatNumber(actor.count)})`;
  return actor.trend === 'new' || actor.previous === undefined
    ? `${actor.name} : ${now}, absent du précédent digest`
    : `${actor.name} : ${now}, contre ${percent(actor.previousShare ?? 0)} (${formatNumber(actor.previous)}) au précédent digest`;
}

function sectionTitle(section: DigestSection): string {
  if (!section.actor) return `Sujet : ${section.topic ?? ''}`;
  return `Sujet : ${section.actor.name} (${kindLabel(section.actor.kind)})`;
}

/** The reply models of a digest, in posting order (at least one). */
export function digestReplies(digest: DigestContent, options: DigestReplyOptions): Reply[] {
  const { timeZone } = options;
  const day = localDay(digest.generatedAt, timeZone);
  const title = `${options.preview ? 'Aperçu du digest' : 'Digest'} du ${day}`;
  const since = digest.previousAt ? formatLocal(digest.previousAt, timeZone) : undefined;

  if (digest.empty) {
    const line = since ? `Rien de nouveau depuis le dernier digest du ${since}.` : 'Rien de nouveau : le corpus est vide.';
    return withFooters([{ tone: 'info', title, intro: line, items: [] }], options);
  }

  const intro: string[] = [];
  const count = countOf(digest.articleIds.length, 'nouvel article', 'nouveaux articles');
  intro.push(
    digest.first
      ? `Premier digest de ce salon : l’ensemble du corpus (${countOf(digest.articleIds.length, 'article')}).`
      : `${count} depuis le digest du ${since}.`,
  );
  if (digest.topics.length > 0) intro.push(`Sujets suivis : ${digest.topics.join(', ')}.`);
  if (digest.topics.length > 0 && digest.sections.length === 0) {
    intro.push('Aucun des nouveaux articles ne parle de ces sujets.');
  } else if (digest.quietTopics.length > 0) {
    intro.push(`Rien de nouveau sur : ${digest.quietTopics.join(', ')}.`);
  }

  const fields: ReplyField[] = [];
  if (digest.actors.length > 0) {
    fields.push({ name: 'Acteurs du jour (mentions, part)', lines: digest.actors.map(actorLine), inline: true });
  }
  if (digest.rising.length > 0) {
    fields.push({ name: 'En hausse depuis le précédent digest', lines: digest.rising.map(risingLine) });
  }
  if (digest.sources.length > 0) {
    fields.push({ name: 'Sources citées', lines: digest.sources.map((s) => `${s.name} (${formatNumber(s.count)})`), inline: true });
  }
  if (digest.articles.length > 0) {
    const more = digest.articleIds.length - digest.articles.length;
    fields.push({
      name: digest.first ? 'Articles les plus récents' : 'Nouveaux articles',
      lines: [
        ...digest.articles.map((a) => (a.date ? `${a.title} (${formatDate(a.date)})` : a.title)),
        ...(more > 0 ? [`et ${countOf(more, 'autre')}`] : []),
      ],
    });
  }

  const whole = digest.topics.length === 0 ? digest.sections[0] : undefined;
  const overview: Reply = {
    tone: 'info',
    title,
    intro: intro.join('\n'),
    items: (whole?.excerpts ?? []).map((e, i) => excerptItem(e, `${i + 1}.`)),
    fields,
  };
  const replies: Reply[] = [overview];
  if (digest.topics.length > 0) {
    for (const section of digest.sections) {
      replies.push({
        tone: 'info',
        title: sectionTitle(section),
        items: section.excerpts.map((e, i) => excerptItem(e, `${i + 1}.`)),
      });
    }
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
