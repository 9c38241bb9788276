/**
 * What an alert says, as plain data (the renderers in `src/replies/alert.ts` make a message of
 * it): the story's headline, the lead the briefing would serve with the actor's forms or the
 * query's words marked, and every article with its outlet, link and date. Built from the corpus
 * engine only; nothing here knows Discord.
 */
import { createHash } from 'node:crypto';
import type { CorpusEngine } from '../engine.js';
import type { MarkedText } from '../../replies/reply.js';
import type { Follow } from '../store/types.js';
import { outletName } from '../corpus/outlet.js';

/** One article an alert names. */
export interface AlertSource {
  articleId: string;
  title: string;
  /** The site's name (file header `site`), else the host of its address; never a file name. */
  outlet: string;
  url?: string;
  /** Publication date `YYYY-MM-DD`, else the day it arrived. */
  date?: string;
}

export interface AlertStory {
  headline: string;
  /** The passage the briefing serves for it, the matched forms marked. */
  lead?: MarkedText;
  sources: AlertSource[];
}

export interface AlertModel {
  followId: string;
  /** What is followed as users read it: `Russie`, `« cessez-le-feu »`. */
  subject: string;
  kind: 'story' | 'grouped';
  stories: AlertStory[];
  /** Articles in all (a grouped message counts them: « 4 nouveaux articles sur la Russie »). */
  articleCount: number;
  /** The channel's role to mention, if the follow has one. */
  roleId?: string;
  /** A line that marks this alert in its channel (found again after a crash). */
  marker: string;
}

/** Outlet of an article (see corpus/outlet.ts), else a neutral label: never a file name. */
export function outletOf(article: { site?: string; url?: string }): string {
  return outletName(article.site, article.url) ?? 'Source sans nom';
}

/** `Russie` for an actor follow, `« cessez-le-feu »` for a subject. */
export function followSubject(follow: Pick<Follow, 'kind' | 'query'>): string {
  return follow.kind === 'actor' ? follow.query : `« ${follow.query} »`;
}

/** Discord's message nonce of an alert: 24 characters, the same on every retry. */
export function alertNonce(followId: string, storyKey: string): string {
  return `al${createHash('sha256').update(`${followId}|${storyKey}`).digest('hex').slice(0, 22)}`;
}

/** The footer that marks an alert in its channel. */
export function alertMarker(follow: Pick<Follow, 'id' | 'kind' | 'query'>, storyKey: string): string {
  return `Dépêche · suivi ${follow.id} · réf. ${alertNonce(follow.id, storyKey).slice(2, 12)}`;
}

/**
 * What building alerts reads, kept for one tick: many follows on one actor alert the same story,
 * so each article and each (topic, story) is read from the engine once.
 */
export interface AlertMemo {
  articles: Map<string, ReturnType<CorpusEngine['article']>>;
  stories: Map<string, Promise<AlertStory | undefined>>;
}

export function newAlertMemo(): AlertMemo {
  return { articles: new Map(), stories: new Map() };
}

function articleOf(engine: CorpusEngine, id: string, memo?: AlertMemo): ReturnType<CorpusEngine['article']> {
  let article = memo?.articles.get(id);
  if (!article) {
    article = engine.article(id);
    memo?.articles.set(id, article);
  }
  return article;
}

async function sourcesOf(engine: CorpusEngine, ids: readonly string[], memo?: AlertMemo): Promise<AlertSource[]> {
  const out: AlertSource[] = [];
  for (const id of ids) {
    const article = await articleOf(engine, id, memo);
    if (!article) continue;
    const arrived = article.arrivedAt !== undefined ? new Date(article.arrivedAt).toISOString().slice(0, 10) : undefined;
    const date = article.date ?? arrived;
    out.push({
      articleId: id,
      title: article.title,
      outlet: outletOf(article),
      ...(article.url ? { url: article.url } : {}),
      ...(date ? { date } : {}),
    });
  }
  return out;
}

/** One story as an alert shows it (once per topic and articles when a memo is given). */
function storyOf(engine: CorpusEngine, follow: Follow, ids: readonly string[], memo?: AlertMemo): Promise<AlertStory | undefined> {
  const key = `${follow.kind}|${follow.query}|${ids.join('|')}`;
  let story = memo?.stories.get(key);
  if (!story) {
    story = readStory(engine, follow, ids, memo);
    memo?.stories.set(key, story);
  }
  return story;
}

/** The briefing's headline and lead for these articles. */
async function readStory(engine: CorpusEngine, follow: Follow, ids: readonly string[], memo?: AlertMemo): Promise<AlertStory | undefined> {
  const sources = await sourcesOf(engine, ids, memo);
  if (sources.length === 0) return undefined;
  const briefing = await engine.briefing({ topic: follow.query, articleIds: sources.map((s) => s.articleId), limit: 1 }).catch(() => undefined);
  const story = briefing?.stories[0];
  const lead = story?.excerpts[0];
  // The story's representative first, as the briefing orders it.
  const head = story ? sources.find((s) => s.articleId === story.headlineArticleId) : undefined;
  const ordered = head ? [head, ...sources.filter((s) => s !== head)] : sources;
  return {
    headline: story?.headline ?? sources[0]!.title,
    ...(lead ? { lead: { text: lead.text, highlights: lead.highlights.map(({ start, end }) => ({ start, end })) } } : {}),
    sources: ordered,
  };
}

/** The alert of one story (several articles of one event make one alert). */
export async function buildStoryAlert(
  engine: CorpusEngine,
  follow: Follow,
  storyKey: string,
  articleIds: readonly string[],
  memo?: AlertMemo,
): Promise<AlertModel | undefined> {
  const story = await storyOf(engine, follow, articleIds, memo);
  if (!story) return undefined;
  return {
    followId: follow.id,
    subject: followSubject(follow),
    kind: 'story',
    stories: [story],
    articleCount: story.sources.length,
    ...(follow.roleId ? { roleId: follow.roleId } : {}),
    marker: alertMarker(follow, storyKey),
  };
}

/** The grouped message past the hourly cap: each story's headline and outlets, no lead. */
export async function buildGroupedAlert(
  engine: CorpusEngine,
  follow: Follow,
  storyKey: string,
  stories: readonly (readonly string[])[],
  memo?: AlertMemo,
): Promise<AlertModel | undefined> {
  const built: AlertStory[] = [];
  for (const ids of stories) {
    const sources = await sourcesOf(engine, ids, memo);
    if (sources.length > 0) built.push({ headline: sources[0]!.title, sources });
  }
  if (built.length === 0) return undefined;
  return {
    followId: follow.id,
    subject: followSubject(follow),
    kind: 'grouped',
    stories: built,
    articleCount: built.reduce((n, s) => n + s.sources.length, 0),
    ...(follow.roleId ? { roleId: follow.roleId } : {}),
    marker: alertMarker(follow, storyKey),
  };
}
