/**
 * A small, honest {@link CorpusEngine} for command and console tests, built from the real seed
 * articles: a crude cleaner (title line, French paragraphs only), a sentence splitter, a handful of
 * actors with aliases, and folded-token matching. It answers the same shapes as the real engine so
 * handlers can be tested before (and independently of) the index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type {
  ActorAnswer,
  ArticleSummary,
  ArticleView,
  BriefingAnswer,
  BriefingRequest,
  Choice,
  CorpusEngine,
  Excerpt,
  NamedCount,
  Page,
  SearchAnswer,
} from '../../src/services/engine.js';
import type { Actor } from '../../src/services/types.js';
import { foldText, tokenize } from '../../src/services/text/normalize.js';
import type { CommandContext } from '../../src/commands/command.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

const ACTORS: Actor[] = [
  { id: 'country:RUS', name: 'Russie', kind: 'country', aliases: ['Moscou', 'Kremlin', 'russe', 'russes', 'Russes'] },
  { id: 'country:CHN', name: 'Chine', kind: 'country', aliases: ['Pékin', 'chinois', 'chinoise', 'Chinois'] },
  { id: 'country:UKR', name: 'Ukraine', kind: 'country', aliases: ['Kyiv', 'Kiev', 'ukrainien', 'ukrainiens', 'ukrainienne', 'ukrainiennes'] },
  { id: 'country:USA', name: 'États-Unis', kind: 'country', aliases: ['Washington', 'américain', 'américains', 'américaine', 'américaines'] },
  { id: 'country:IRN', name: 'Iran', kind: 'country', aliases: ['Téhéran', 'iranien'] },
  { id: 'org:nato', name: 'OTAN', kind: 'organisation', aliases: ['NATO', 'Alliance atlantique'] },
  { id: 'person:vladimir-poutine', name: 'Vladimir Poutine', kind: 'person', aliases: ['Poutine'] },
  { id: 'person:donald-trump', name: 'Donald Trump', kind: 'person', aliases: ['Trump'] },
  { id: 'medium:wsj', name: 'Wall Street Journal', kind: 'medium', aliases: ['WSJ'] },
  { id: 'medium:bloomberg', name: 'Bloomberg', kind: 'medium', aliases: [] },
];

interface TestSentence {
  articleId: string;
  title: string;
  index: number;
  text: string;
}

interface TestArticle extends ArticleView {
  sentenceList: TestSentence[];
}

// English boilerplate (affiliate notices, promos, comment widgets) is left out of the test corpus.
const ENGLISH = /\b(the|and|your|will|this|website|reply|share|items)\b/giu;

function looksFrench(line: string): boolean {
  const english = line.match(ENGLISH)?.length ?? 0;
  return line.length >= 60 && english < 2;
}

const SENTENCE_END = /(?<=[.!?])\s+(?=[«“"\p{Lu}])/u;

function loadArticles(dir: string): TestArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const lines = readFileSync(`${dir}/${file}`, 'utf8').split(/\r?\n/u).map((l) => l.trim());
      const title = lines.find((l) => l.length > 0) ?? file;
      const paragraphs = lines.slice(lines.indexOf(title) + 1).filter(looksFrench);
      const id = file.replace(/\.txt$/u, '');
      const sentenceList: TestSentence[] = [];
      for (const paragraph of paragraphs) {
        for (const text of paragraph.split(SENTENCE_END)) {
          sentenceList.push({ articleId: id, title, index: sentenceList.length, text });
        }
      }
      return {
        id,
        title,
        paragraphs,
        sentences: sentenceList.length,
        characters: paragraphs.join('\n').length,
        sentenceList,
        ...(id.startsWith('001_') ? { author: 'Olivia Carter', readingMinutes: 5 } : {}),
        ...(id.startsWith('002_') ? { date: '2025-04-05' } : {}),
      };
    });
}

/** Spans of `text` where a form (possibly several words) occurs, compared folded token by token. */
function findForm(text: string, form: string): Array<{ start: number; end: number }> {
  const tokens = tokenize(text);
  const wanted = tokenize(form).map((t) => t.folded);
  const spans: Array<{ start: number; end: number }> = [];
  if (wanted.length === 0) return spans;
  for (let i = 0; i + wanted.length <= tokens.length; i++) {
    if (wanted.every((w, k) => tokens[i + k]?.folded === w)) {
      spans.push({ start: tokens[i]!.start, end: tokens[i + wanted.length - 1]!.end });
    }
  }
  return spans;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function slice<T>(items: T[], page?: Page): T[] {
  const offset = page?.offset ?? 0;
  return items.slice(offset, page?.limit === undefined ? undefined : offset + page.limit);
}

function sortedCounts(counts: Map<string, number>): NamedCount[] {
  return [...counts]
    .map(([id, count]) => ({ id, name: ACTORS.find((a) => a.id === id)?.name ?? id, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Builds the test engine over `dir` (default: the real seeds). */
export function createSeedEngine(dir = SEEDS_DIR): CorpusEngine {
  const articles = loadArticles(dir);
  const sentences = articles.flatMap((a) => a.sentenceList);

  const mentionsOf = (actor: Actor, text: string) =>
    [actor.name, ...actor.aliases].flatMap((form) => findForm(text, form)).sort((a, b) => a.start - b.start);
  const excerpt = (s: TestSentence, highlights: Array<{ start: number; end: number }>, score: number): Excerpt => ({
    articleId: s.articleId,
    title: s.title,
    text: s.text,
    sentenceIndex: s.index,
    score,
    highlights,
  });
  const resolve = (query: string) => {
    const folded = foldText(query.trim());
    return ACTORS.find((a) => [a.name, ...a.aliases].some((f) => foldText(f) === folded));
  };
  const actorExcerpts = (actor: Actor) =>
    sentences
      .map((s) => ({ s, spans: mentionsOf(actor, s.text) }))
      .filter((m) => m.spans.length > 0)
      .map((m) => excerpt(m.s, m.spans, m.spans.length));
  const mentionCounts = (pool: TestSentence[], exclude?: string) => {
    const counts = new Map<string, number>();
    for (const s of pool) {
      for (const actor of ACTORS) {
        if (actor.id === exclude) continue;
        const n = mentionsOf(actor, s.text).length;
        if (n > 0) counts.set(actor.id, (counts.get(actor.id) ?? 0) + n);
      }
    }
    return sortedCounts(counts);
  };

  return {
    async actor(query, page): Promise<ActorAnswer> {
      const actor = resolve(query);
      if (!actor) {
        const folded = foldText(query);
        const suggestions = [...ACTORS]
          .sort((a, b) => levenshtein(folded, foldText(a.name)) - levenshtein(folded, foldText(b.name)))
          .slice(0, 5)
          .map(({ id, name, kind }) => ({ id, name, kind }));
        return { found: false, query, suggestions };
      }
      const all = actorExcerpts(actor);
      const matched = all.flatMap((e) => e.highlights.map((h) => e.text.slice(h.start, h.end)));
      const inSentences = sentences.filter((s) => mentionsOf(actor, s.text).length > 0);
      const related = mentionCounts(inSentences, actor.id).filter((r) => ACTORS.find((a) => a.id === r.id)?.kind !== 'medium');
      return {
        found: true,
        actor: { id: actor.id, name: actor.name, kind: actor.kind },
        ...(foldText(query.trim()) !== foldText(actor.name) ? { matchedAlias: query.trim() } : {}),
        total: all.length,
        excerpts: slice(all, page),
        forms: [...new Set(matched)],
        related,
      };
    },

    async autocompleteActors(partial, limit = 25): Promise<Choice[]> {
      const folded = foldText(partial);
      return ACTORS.filter((a) => [a.name, ...a.aliases].some((f) => foldText(f).includes(folded)))
        .slice(0, limit)
        .map((a) => ({ name: a.name, value: a.name }));
    },

    async search(query, page): Promise<SearchAnswer> {
      const words = tokenize(query).map((t) => t.folded).filter((w) => w.length > 2);
      if (words.length === 0) return { query, total: 0, excerpts: [] };
      const hits = sentences.flatMap((s) => {
        const tokens = tokenize(s.text);
        if (!words.every((w) => tokens.some((t) => t.folded === w))) return [];
        const spans = tokens.filter((t) => words.includes(t.folded)).map(({ start, end }) => ({ start, end }));
        return [excerpt(s, spans, spans.length)];
      });
      return { query, total: hits.length, excerpts: slice(hits, page) };
    },

    async briefing(request: BriefingRequest = {}): Promise<BriefingAnswer> {
      const limit = request.limit ?? 8;
      const actor = request.topic ? resolve(request.topic) : undefined;
      let pool = sentences.filter((s) => !request.articleIds || request.articleIds.includes(s.articleId));
      if (actor) pool = pool.filter((s) => mentionsOf(actor, s.text).length > 0);
      else if (request.topic) {
        const words = tokenize(request.topic).map((t) => t.folded);
        pool = pool.filter((s) => words.every((w) => tokenize(s.text).some((t) => t.folded === w)));
      }
      const ranked = pool
        .map((s) => ({ s, score: ACTORS.reduce((n, a) => n + mentionsOf(a, s.text).length, 0) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      const counts = mentionCounts(pool);
      const isMedium = (c: NamedCount) => ACTORS.find((a) => a.id === c.id)?.kind === 'medium';
      return {
        ...(request.topic ? { topic: request.topic } : {}),
        ...(actor ? { actor: { id: actor.id, name: actor.name, kind: actor.kind } } : {}),
        excerpts: ranked.map(({ s, score }) =>
          excerpt(s, actor ? mentionsOf(actor, s.text) : [], score),
        ),
        actors: counts.filter((c) => !isMedium(c)),
        sources: counts.filter(isMedium),
        articleCount: new Set(ranked.map((r) => r.s.articleId)).size,
      };
    },

    async article(id) {
      const found = articles.find((a) => a.id === id.trim());
      if (!found) return undefined;
      const { sentenceList: _, ...view } = found;
      return view;
    },

    async autocompleteArticles(partial, limit = 25) {
      const words = tokenize(partial).map((t) => t.folded);
      return articles
        .filter((a) => a.id.includes(partial.trim()) || words.some((w) => w.length > 3 && foldText(a.title).includes(w)))
        .slice(0, limit)
        .map((a) => ({ name: a.title.slice(0, 100), value: a.id }));
    },

    async sources(): Promise<ArticleSummary[]> {
      return articles.map(({ id, title, author, date, sentences: n, characters }) => ({
        id,
        title,
        sentences: n,
        characters,
        ...(author ? { author } : {}),
        ...(date ? { date } : {}),
      }));
    },

    async articlesSince() {
      return articles.map((a) => a.id);
    },

    async close() {},
  };
}

/** A command context as the console builds it: a local user who may manage the server. */
export function contextFor(engine: CorpusEngine): CommandContext {
  return { engine, invoker: { userId: 'test', canManageGuild: true, locale: 'fr' }, services: {} };
}
