/**
 * Escaping as a property, not a list: many hostile corpus strings (random mixes of every kind of
 * Discord markup, made with a seeded generator so that a failure replays) go through every path
 * that shows corpus text on Discord: an excerpt with highlights, a cut excerpt, /article, /search,
 * /sources, /briefing and a digest, with links to known originals. What Discord would render is
 * read with an independent parser (discord-markdown-parser), and for each message:
 * - nothing live but the bot's own markup (bold, italics, ids in code) and links to the originals
 *   the bot was given, with their exact address;
 * - no mention, heading, subtext, quote, list or code block opened by corpus text;
 * - the reader sees every corpus string as it was written: nothing lost, nothing added.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'discord-markdown-parser';
import { fitMarked, renderDiscord, renderMarked, type DiscordMessage } from '../../src/replies/discord.js';
import { digestReplies } from '../../src/replies/digest.js';
import { articleCommand } from '../../src/commands/article.js';
import { searchCommand } from '../../src/commands/search.js';
import { sourcesCommand } from '../../src/commands/sources.js';
import { briefingCommand } from '../../src/commands/briefing.js';
import { actorCommand } from '../../src/commands/actor.js';
import type { SlashCommand } from '../../src/commands/command.js';
import type { ArticleView, BriefingAnswer, BriefingStory, CorpusEngine, Excerpt } from '../../src/services/engine.js';
import type { DigestContent } from '../../src/services/digest/build.js';
import { contextFor } from '../commands/helpers.js';
import { liveMarkup } from '../helpers/discord-markdown.js';
// The benchmarks' seeded generator (mulberry32), so that a failing case can be replayed from its seed.
import { prng } from '../../benchmarks/corpus.js';

const CASES = 200;


type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

const WORDS = ['Kiev', 'Moscou', 'la', 'Russie', 'dénonce', 'l’OTAN', 'sanctions', 'drones', 'à', 'Téhéran', 'cessez-le-feu', '2026', 'Œuvre', 'ONU'];
const SNOWFLAKE = '123456789012345678';
const URLS = [
  'https://evil.example/phish',
  'http://user:secret@evil.example/login',
  'https://lemonde.fr@evil.example/x',
  'https://a.example/p_(x)?q=1&r=2#frag',
  'https://b.example/*gras*_et_~barré~',
  'steam://run/440',
  'discord.gg/invite',
  'www.evil.example/page',
];
const MENTIONS = [
  '@everyone',
  '@here',
  `<@${SNOWFLAKE}>`,
  `<@!${SNOWFLAKE}>`,
  `<#${SNOWFLAKE}>`,
  `<@&${SNOWFLAKE}>`,
  `</briefing:${SNOWFLAKE}>`,
  `</flux ajouter:${SNOWFLAKE}>`,
  '<t:1700000000:R>',
  '<t:1800000000>',
  `<:kremlin:${SNOWFLAKE}>`,
  `<a:danse:${SNOWFLAKE}>`,
  `<${SNOWFLAKE}:customize>`,
];
const LINE_STARTS = ['-# ', '# ', '## ', '### ', '#### ', '> ', '>>> ', '- ', '* ', '+ ', '1. ', '12. ', '  - ', '   > ', '\t# ', '-#', '>'];
const INLINE = ['*', '**', '***', '_', '__', '~', '~~', '||', '|', '\\', ':', '(', ')', '[', ']', '<', '>', '!', '.', '#', '-', '@', '¯\\_(ツ)_/¯'];
// Zero-width space and joiner, right-to-left mark and override, isolate, byte order mark.
const INVISIBLE = ['\u200b', '\u200d', '\u200f', '\u202e', '\u2066', '\ufeff', '\u00a0'];
const SPACES = [' ', ' ', ' ', '\n', '\n\n', '  ', '\r\n', '\r', '\t', '\u2028'];

/** One hostile piece; `depth` bounds the nesting of link texts. */
function piece(r: Rand, depth = 0): string {
  const kind = int(r, 0, 11);
  switch (kind) {
    case 0: {
      const inner = depth < 2 && r() < 0.4 ? piece(r, depth + 1) : pick(r, WORDS);
      const url = pick(r, URLS);
      return pick(r, [`[${inner}](${url})`, `[${inner}](<${url}>)`, `[${inner}](${url} "titre")`, `[${inner}] (${url})`, `[[${inner}](${url})](${pick(r, URLS)})`]);
    }
    case 1:
      return pick(r, [`<${pick(r, URLS)}>`, pick(r, URLS)]);
    case 2: {
      const run = '`'.repeat(int(r, 1, 6));
      return r() < 0.6 ? `${run}${pick(r, WORDS)}${r() < 0.7 ? run : ''}` : run;
    }
    case 3:
      return `\n${pick(r, LINE_STARTS)}${pick(r, WORDS)}`;
    case 4:
      return pick(r, MENTIONS);
    case 5:
      return pick(r, INVISIBLE);
    case 6:
    case 7:
      return pick(r, INLINE) + (r() < 0.5 ? pick(r, WORDS) : '');
    case 8:
      // A very long line: a word repeated, with or without spaces.
      return Array.from({ length: int(r, 20, 150) }, () => pick(r, WORDS)).join(r() < 0.5 ? ' ' : '');
    case 9:
      return `\`\`\`${pick(r, ['', 'js', 'diff'])}\n${pick(r, WORDS)}\n\`\`\``;
    default:
      return pick(r, WORDS);
  }
}

/** A hostile corpus string of up to `pieces` pieces. */
function hostile(r: Rand, pieces = 12, long = true): string {
  const parts: string[] = [];
  const n = int(r, 1, pieces);
  for (let i = 0; i < n; i++) {
    let p = piece(r);
    if (!long && p.length > 80) p = pick(r, WORDS);
    parts.push(p);
    if (r() < 0.7) parts.push(pick(r, SPACES));
  }
  return parts.join('');
}

/** Disjoint, non-adjacent spans that neither start nor end with a space (as the engine gives them). */
function spans(r: Rand, text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = 0;
  while (at < text.length && out.length < 6) {
    const start = at + int(r, 0, 20);
    const end = start + int(r, 1, 12);
    if (end > text.length) break;
    const slice = text.slice(start, end);
    const lowSurrogate = (i: number) => /[\udc00-\udfff]/u.test(text[i] ?? '');
    if (!/^\S/u.test(slice) || !/\S$/u.test(slice) || lowSurrogate(start) || lowSurrogate(end)) {
      at = end + 1;
      continue;
    }
    out.push({ start, end });
    at = end + 1;
  }
  return out;
}

interface Node {
  type: string;
  content?: unknown;
  target?: string;
}

/** What the reader sees of parsed markdown: text, with the content of bold, italics, links and code. */
function visible(nodes: unknown): string {
  if (typeof nodes === 'string') return nodes;
  if (!Array.isArray(nodes)) return '';
  return (nodes as Node[])
    .map((node) => {
      if (node.type === 'br' || node.type === 'newline') return '\n';
      if (typeof node.content === 'string') return node.content;
      return visible(node.content);
    })
    .join('');
}

/** Parsed nodes of these types, anywhere in the tree. */
function nodesOf(nodes: unknown, types: ReadonlySet<string>, found: Node[] = []): Node[] {
  if (!Array.isArray(nodes)) return found;
  for (const node of nodes as Node[]) {
    if (types.has(node.type)) found.push(node);
    nodesOf(node.content, types, found);
  }
  return found;
}

/**
 * Text as compared: the parser's own preprocessing (CR LF, tabs, form feeds), whitespace runs as
 * one space (markdown folds them), and the zero-width spaces the escaping inserts into mentions.
 */
function comparable(text: string): string {
  return text
    // Control characters and bidi overrides/isolates are shown as U+FFFD (never raw).
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, '\ufffd')
    .replace(/\r\n?/gu, '\n')
    .replace(/\u200b/gu, '')
    .replace(/[\s\u200b]+/gu, ' ')
    .trim();
}

/** The live constructs of a piece of message text, but the bot's own. */
function unexpectedMarkup(text: string, allow: readonly string[], originals: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const own = new Set(allow);
  for (const live of liveMarkup(text, [...allow, 'link'])) problems.push(`${live.type}${live.detail ? ` ${live.detail}` : ''}`);
  for (const link of nodesOf(parse(text, 'extended'), new Set(['link']))) {
    if (!own.has('link')) problems.push(`link ${link.target}`);
    else if (!originals.has(canonical(link.target ?? ''))) problems.push(`link to an unknown address ${link.target}`);
  }
  // Escaped `<` only: nothing Discord reads between angle brackets (emoji, navigation) gets through.
  if (/(?<!\\)<(?!https?:\/\/[^\s>]+>\))/u.test(text.replace(/\\\\/gu, ''))) problems.push('unescaped <');
  return problems;
}

/** Every piece of a message that Discord renders as markdown. */
function markdownParts(message: DiscordMessage): string[] {
  return message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]);
}

const BOT_MARKUP = ['strong', 'em', 'inlineCode'];

/** Checks a rendered message: only the bot's markup and links, and every corpus string shown whole. */
function expectShownLiterally(message: DiscordMessage, corpus: string[], originals: ReadonlySet<string>, seed: number) {
  const parts = markdownParts(message);
  for (const part of parts) {
    expect(unexpectedMarkup(part, [...BOT_MARKUP, 'link'], originals), `seed ${seed}: ${JSON.stringify(part)}`).toEqual([]);
    // No raw control character nor bidi override (U+202E turns the rest of the line around).
    expect(part, `seed ${seed}: ${JSON.stringify(part)}`).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  }
  const seen = parts.map((part) => comparable(visible(parse(part, 'extended')))).join(' ');
  for (const text of corpus) {
    if (comparable(text) === '') continue;
    expect(shownWholeOrCut(seen, text), `seed ${seed}: ${JSON.stringify(text)} not shown in ${JSON.stringify(seen)}`).toBe(true);
  }
}

/**
 * Whether `seen` shows `text` whole, or its beginning (20 characters at least) then `…`, as a
 * title cut to its room is shown.
 */
function shownWholeOrCut(seen: string, text: string): boolean {
  const whole = comparable(text);
  if (seen.includes(whole)) return true;
  for (let k = text.length - 1; k > 0; k--) {
    const head = comparable(text.slice(0, k)).replace(/[\s,;:\-–—]+$/u, '');
    if (head.length < 20) return false;
    if (seen.includes(`${head}…`)) return true;
  }
  return false;
}

/** An address with percent-escapes decoded: two spellings of one address compare equal. */
function canonical(url: string): string {
  try {
    return decodeURIComponent(new URL(url).href);
  } catch {
    return url;
  }
}

/** An http(s) original the bot may link to, as {@link canonical}; undefined for any other. */
function originalOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password ? canonical(u.href) : undefined;
  } catch {
    return undefined;
  }
}

/** `outlets`: a stream of its own, so that the other draws (and the cases they make) stay the same. */
function excerpt(r: Rand, i: number, outlets?: Rand): Excerpt {
  const text = hostile(r, 8, false);
  // Ids are file names: they may hold markup characters too.
  const id = `art-${i}${r() < 0.4 ? pick(r, ['`', '``x`', '|', '*', '_', '\\', `<@${SNOWFLAKE}>`, '[x](https://evil.example)', '~~']) : ''}`;
  return {
    articleId: id,
    title: hostile(r, 4, false).trim() || 'Titre',
    ...(r() < 0.6 ? { url: pick(r, URLS.filter((u) => u.includes('://'))) } : {}),
    // An outlet comes from the page too (its site name): shown beside the excerpt, hostile as well.
    ...(outlets && i % 2 === 0 ? { outlet: hostile(outlets, 2, false).replace(/\s+/gu, ' ').trim() || 'Site' } : {}),
    text,
    sentenceIndex: i,
    score: 1,
    highlights: spans(r, text),
  };
}

/** A stub engine answering every command with hostile corpus text. */
function hostileEngine(r: Rand, outlets?: Rand) {
  const corpus: string[] = [];
  const originals = new Set<string>();
  const excerpts = Array.from({ length: 4 }, (_, i) => excerpt(r, i, outlets));
  for (const e of excerpts) {
    corpus.push(e.text);
    if (e.url && originalOf(e.url)) originals.add(originalOf(e.url)!);
  }
  const article: ArticleView = {
    id: 'art-0',
    title: hostile(r, 4, false).trim() || 'Titre',
    author: hostile(r, 3, false).replace(/\s+/gu, ' ').trim() || undefined,
    sentences: 4,
    characters: 400,
    paragraphs: Array.from({ length: 3 }, () => hostile(r, 10, false).trim() || 'paragraphe'),
  };
  corpus.push(...article.paragraphs);
  const story: BriefingStory = {
    headline: hostile(r, 4, false).trim() || 'Titre',
    headlineArticleId: 'art-0',
    excerpts: excerpts.slice(0, 2),
    // Sources are named by their outlet (hostile too: a site name comes from the page) or, unknown, their title.
    sources: excerpts.map((e, i) => ({
      id: e.articleId,
      title: e.title,
      ...(i % 2 === 0 ? { outlet: hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Site' } : {}),
      indexedAt: '2026-11-28T08:00:00Z',
      quoted: i < 2,
      ...(e.url ? { url: e.url } : {}),
    })),
    copies: [],
    actors: [{ name: hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Acteur', count: 3 }],
  };
  const briefing: BriefingAnswer = {
    excerpts: story.excerpts,
    stories: [story],
    storyCount: 1,
    actors: story.actors,
    sources: [{ name: hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Source', count: 2 }],
    articleCount: 2,
    consideredArticles: 4,
  } as BriefingAnswer;
  const notice = `${hostile(r, 3, false).replace(/\s+/gu, ' ').trim()}.txt`;
  const actorName = hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Acteur';
  const engine = {
    search: async (query: string) => ({ query, total: excerpts.length, excerpts }),
    actor: async () => ({ found: true, actor: { id: 'x', name: actorName, kind: 'person' }, total: excerpts.length, repeated: 0, excerpts, forms: [actorName], related: [{ name: actorName, count: 2 }] }),
    article: async () => article,
    autocompleteArticles: async () => [],
    autocompleteActors: async () => [],
    sources: async () => excerpts.map((e) => ({ id: e.articleId, title: e.title, sentences: 3, characters: 300, ...(e.url ? { url: e.url } : {}) })),
    fileNotices: async () => [{ file: notice, indexed: false, reason: 'fichier binaire' }],
    briefing: async () => briefing,
    articlesSince: async () => [],
    close: async () => undefined,
  } as unknown as CorpusEngine;
  return { engine, corpus, originals, excerpts, article, briefing, notice };
}

describe('hostile corpus text on every Discord path (property)', () => {
  it('an excerpt with highlights: no markup but the bold, the text whole, the bold on the highlighted words', () => {
    for (let seed = 1; seed <= CASES * 3; seed++) {
      const r = prng(seed);
      const text = hostile(r);
      const marks = spans(r, text);
      const out = renderMarked({ text, highlights: marks });
      const tree = parse(out, 'extended');
      expect(unexpectedMarkup(out, ['strong'], new Set()), `seed ${seed}: ${JSON.stringify(out)}`).toEqual([]);
      expect(comparable(visible(tree)), `seed ${seed}: ${JSON.stringify(out)}`).toBe(comparable(text));
      const bold = nodesOf(tree, new Set(['strong'])).map((n) => comparable(visible(n.content)));
      expect(bold, `seed ${seed}: ${JSON.stringify(out)}`).toEqual(marks.map((m) => comparable(text.slice(m.start, m.end))));
    }
  });

  it('an excerpt cut to fit: no markup opened, the reader sees a true beginning and « … »', () => {
    for (let seed = 1; seed <= CASES * 3; seed++) {
      const r = prng(10_000 + seed);
      const text = hostile(r, 20);
      const max = int(r, 10, 400);
      const out = fitMarked({ text, highlights: spans(r, text) }, max);
      expect([...out].length).toBeLessThanOrEqual(max);
      expect(unexpectedMarkup(out, ['strong'], new Set()), `seed ${seed}: ${JSON.stringify(out)}`).toEqual([]);
      const shown = comparable(visible(parse(out, 'extended')));
      if (shown === comparable(text)) continue;
      expect(shown.endsWith('…'), `seed ${seed}: ${JSON.stringify(out)}`).toBe(true);
      expect(comparable(text).startsWith(shown.slice(0, -1).trim()), `seed ${seed}: ${JSON.stringify(out)}`).toBe(true);
    }
  });

  const commands: Array<[string, SlashCommand, Record<string, string>]> = [
    ['/article', articleCommand, { id: 'art-0' }],
    ['/search', searchCommand, { requete: 'Russie' }],
    ['/actor', actorCommand, { nom: 'Russie' }],
    ['/sources', sourcesCommand, {}],
    ['/briefing', briefingCommand, {}],
  ];

  it.each(commands)('%s shows hostile corpus text literally, links only to the known originals', async (name, command, values) => {
    for (let seed = 1; seed <= CASES; seed++) {
      const r = prng(20_000 + seed);
      const { engine, originals, excerpts, article, briefing, notice } = hostileEngine(r, prng(40_000 + seed));
      const reply = await command.execute(contextFor(engine), { values }, 0);
      const message = renderDiscord(reply, { pageId: (p) => `p:${p}` });
      const expected = {
        '/article': [...article.paragraphs, article.title],
        '/search': excerpts.flatMap((e) => [e.text, e.title, ...(e.outlet ? [e.outlet] : [])]),
        '/actor': excerpts.flatMap((e) => [e.text, e.title, ...(e.outlet ? [e.outlet] : [])]),
        '/sources': [...excerpts.flatMap((e) => [e.title, e.articleId]), notice],
        '/briefing': briefing.stories.flatMap((s) => [s.headline, ...s.excerpts.map((e) => e.text), ...s.sources.map((a) => a.outlet ?? a.title)]),
      }[name]!;
      expectShownLiterally(message, expected, originals, seed);
    }
  });

  it('a digest with hostile headlines, passages, actors, sources and links shows them literally', () => {
    for (let seed = 1; seed <= CASES; seed++) {
      const r = prng(30_000 + seed);
      const { originals } = hostileEngine(r);
      const stories: BriefingStory[] = Array.from({ length: 2 }, (_, s) => {
        const excerpts = [excerpt(r, s * 2), excerpt(r, s * 2 + 1)];
        for (const e of excerpts) if (e.url && originalOf(e.url)) originals.add(originalOf(e.url)!);
        return {
          headline: hostile(r, 4, false).replace(/\s+/gu, ' ').trim() || 'Titre',
          headlineArticleId: excerpts[0]!.articleId,
          excerpts,
          sources: excerpts.map((e) => ({ id: e.articleId, title: e.title, indexedAt: '2026-11-28T08:00:00Z', quoted: true, date: '2026-11-27', ...(e.url ? { url: e.url } : {}) })),
          copies: [],
          actors: [{ name: hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Acteur', count: 2 }],
        };
      });
      const actor = hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Acteur';
      const topic = hostile(r, 2, false).replace(/\s+/gu, ' ').trim() || 'Sujet';
      const digest = {
        guildId: '1',
        channelId: '2',
        generatedAt: new Date('2026-11-28T07:00:00Z'),
        previousAt: new Date('2026-11-27T07:00:00Z'),
        first: false,
        empty: false,
        articleIds: ['art-0', 'art-1'],
        articles: [],
        topics: r() < 0.5 ? [topic] : [],
        sections: [{ topic, stories, storyCount: 3, excerpts: stories.flatMap((s) => s.excerpts) }],
        quietTopics: [],
        actors: [{ id: 'a', name: actor, count: 5, share: 0.5, trend: 'new' }],
        rising: [{ id: 'a', name: actor, count: 5, share: 0.5, trend: 'up', previous: 1, previousShare: 0.1 }],
        sources: [{ name: actor, count: 2 }],
        actorCounts: {},
      } as unknown as DigestContent;
      const messages = digestReplies(digest, { timeZone: 'Europe/Paris', footer: 'digest' }).map((reply) => renderDiscord(reply));
      for (const message of messages) expectShownLiterally(message, [], originals, seed);
      // Headlines, lead passages and names are short enough to be shown whole.
      const whole: DiscordMessage = { embeds: messages.flatMap((m) => m.embeds), components: [], allowed_mentions: { parse: [] } };
      expectShownLiterally(whole, [actor, ...stories.flatMap((s) => [s.headline, s.excerpts[0]!.text, s.actors[0]!.name])], originals, seed);
    }
  });
});

describe('hostile feed titles through the real pipeline, shown by /flux liste', () => {
  it('a feed served locally with a hostile title and a hostile path: polled, stored, listed literally, nothing live, no raw control', async () => {
    const { startOutlet, html } = await import('../feeds/outlets.js');
    const { SqliteStateStore } = await import('../../src/services/store/sqlite.js');
    const { FeedService } = await import('../../src/services/feeds/service.js');
    const { FeedPoller } = await import('../../src/services/feeds/poller.js');
    const { PoliteFetcher } = await import('../../src/services/feeds/fetch.js');
    const { fluxCommand } = await import('../../src/commands/flux.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const outlet = await startOutlet();
    const dir = mkdtempSync(join(tmpdir(), 'depeche-escape-flux-'));
    const store = new SqliteStateStore(':memory:');
    const fetcher = new PoliteFetcher({ userAgent: 'Depeche/test', allowPrivateNetwork: true, timeoutMs: 2_000, hostDelayMs: 0 });
    const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    try {
      const feeds = new FeedService(store, { allowPrivateNetwork: true });
      const paths: string[] = [];
      for (let seed = 1; seed <= 12; seed++) {
        const r = prng(40_000 + seed);
        // XML 1.0 cannot carry most C0 controls: the ones a lenient parser lets through are written as is.
        const title = `${hostile(r, 4, false)}\u202e\u001b[2J\u0007`;
        const path = `/f${seed}/${pick(r, ['*gras*', '_x_', '%60code%60', '~~b~~', '%5Bl%5D(https:%2F%2Fevil.example)', '@everyone', '||s||'])}.xml`;
        // Routed as the request will spell it (the URL parser percent-encodes some characters).
        outlet.route(new URL(`${outlet.base}${path}`).pathname, html(`<?xml version="1.0"?><rss version="2.0"><channel><title>${xml(title)}</title><link>${outlet.base}/</link></channel></rss>`, 'application/rss+xml'));
        await feeds.add(`${outlet.base}${path}`, 'env');
        paths.push(path);
      }
      const poller = new FeedPoller(store, fetcher, { corpusDir: dir });
      await poller.poll();
      await poller.close();
      const sources = await feeds.list();
      expect(sources.filter((s) => s.title !== undefined)).toHaveLength(paths.length);
      const context = { ...contextFor({} as CorpusEngine), services: { feeds } };
      for (let page = 0; page < Math.ceil(sources.length / 5) + 1; page++) {
        const reply = await fluxCommand.execute(context, { subcommand: 'liste', values: {} }, page);
        const message = renderDiscord(reply, { pageId: (p) => `p:${p}` });
        expect(message.allowed_mentions).toEqual({ parse: [] });
        expectShownLiterally(message, [], new Set(), page);
      }
      // Every stored title is shown, on one page or another.
      const shown = (
        await Promise.all(
          Array.from({ length: Math.ceil(sources.length / 5) + 1 }, async (_, page) =>
            markdownParts(renderDiscord(await fluxCommand.execute(context, { subcommand: 'liste', values: {} }, page), { pageId: (p) => `p:${p}` }))
              .map((part) => comparable(visible(parse(part, 'extended'))))
              .join(' '),
          ),
        )
      ).join(' ');
      for (const source of sources) expect(shownWholeOrCut(shown, source.title!), JSON.stringify(source.title)).toBe(true);
    } finally {
      await fetcher.close();
      await store.close();
      await outlet.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('autocomplete choices', () => {
  it('hostile names reach the picker without a raw control character or bidi override, values untouched', async () => {
    const { clampChoices } = await import('../../src/bot/router.js');
    for (let seed = 1; seed <= CASES; seed++) {
      const r = prng(50_000 + seed);
      const names = Array.from({ length: 5 }, () => `${hostile(r, 3, false)}\u202e\u001b[2J\u0007`);
      const choices = clampChoices(names.map((name, i) => ({ name, value: `v${i}` })));
      expect(choices.map((c) => c.value)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
      for (const c of choices) expect(c.name, `seed ${seed}: ${JSON.stringify(c.name)}`).not.toMatch(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    }
  });
});
