/**
 * The JSON answers of the command-line interface: `npm run --silent cli -- <command> [args] [--json]`.
 * Commands: briefing [--topic X] [--limit N], actor <name>, search <query>, article <id>, sources.
 * Readable French text by default; with --json exactly one JSON object on stdout. A user error
 * exits 1 with one French line on stderr (and `{error, suggestions}` on stdout with --json).
 */
import type { ActorAnswer, BriefingStory, CorpusEngine, Excerpt } from '../services/engine.js';
import { BRIEFING_MAX_COUNT, BRIEFING_MIN_COUNT } from '../commands/briefing.js';
import { actorChart, actorChartData, actorSeries, trendsChart, trendsChartData } from '../commands/charts.js';
import type { Pictures, ReplyChart } from '../replies/chart.js';
import { writePicture } from '../replies/picture/file.js';
import { DEFAULT_TREND_DAYS, TRENDS_SHOWN, parsePeriod } from '../commands/trends.js';

export const USAGE = `Usage : npm run --silent cli -- <commande> [arguments] [--json]
Commandes :
  briefing [--topic X] [--limit N]   les extraits clés du corpus (ou d'un sujet), N de 1 à 20
  actor <nom> [--limit N] [--periode 30j]  les passages sur un acteur ; --periode : jours de son image
  search <requête> [--limit N]       recherche plein texte
  article <id>                       un article nettoyé
  sources                            la liste des articles
  tendances [--periode 7j]           les acteurs dont la part des mentions monte (7j, 30j, 2s…)
Options :
  --json       un objet JSON (tous les résultats, ou les N premiers avec --limit N)
  --page N     en texte, la page N d'une longue réponse (la première par défaut)
  --all        en texte, toutes les pages, imprimées au fur et à mesure
  --chart F    (actor, tendances) écrit l'image de la réponse dans le fichier PNG F
  --guild ID   répond comme le serveur Discord ID voit le corpus (par défaut : les articles communs seuls)`;

/** What a user did wrong: shown as one line, with suggestions when there are some. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
  }
}

function excerptJson(e: Excerpt) {
  return {
    articleId: e.articleId,
    title: e.title,
    text: e.text,
    sentenceIndex: e.sentenceIndex,
    ...(e.sentenceIndexes ? { sentenceIndexes: e.sentenceIndexes } : {}),
    score: Number(e.score.toFixed(4)),
    // The original's address, when the article came from a feed (its header).
    ...(e.url ? { url: e.url } : {}),
    // Who published it and when, when known (fields added: the shape above is unchanged).
    ...(e.outlet ? { outlet: e.outlet } : {}),
    ...(e.date ? { date: e.date } : {}),
    ...(e.receivedAt ? { receivedAt: e.receivedAt } : {}),
  };
}

function storyJson(story: BriefingStory) {
  return {
    headline: story.headline,
    headlineArticleId: story.headlineArticleId,
    sourceCount: story.sources.length,
    articles: story.sources.map((s) => ({ id: s.id, title: s.title, ...(s.outlet ? { outlet: s.outlet } : {}), ...(s.date ? { date: s.date } : {}), ...(s.url ? { url: s.url } : {}), quoted: s.quoted })),
    ...(story.copies.length > 0 ? { copies: story.copies } : {}),
    excerpts: story.excerpts.map(excerptJson),
    actors: story.actors.map(({ name, count }) => ({ name, count })),
  };
}

/** A `--name` option that must be a whole number of at least 1: one rule for text and JSON. */
export function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--${name} attend un entier positif (reçu « ${value} »).`);
  return n;
}

/**
 * `--limit` of a command, one rule for text and JSON: a whole number of at least 1, and for a
 * briefing at most what `/briefing` gives (a larger one is refused, never cut silently).
 */
export function limitOption(command: string, value: string | undefined): number | undefined {
  if (command !== 'briefing' || value === undefined) return positiveInteger(value, 'limit');
  const n = Number(value);
  if (!Number.isInteger(n) || n < BRIEFING_MIN_COUNT || n > BRIEFING_MAX_COUNT) {
    throw new UserError(`--limit attend un entier de ${BRIEFING_MIN_COUNT} à ${BRIEFING_MAX_COUNT} pour briefing (reçu « ${value} »).`);
  }
  return n;
}

/** Runs one CLI command and returns the JSON answer (also used by the readable output). */
export async function runCliCommand(
  engine: CorpusEngine,
  command: string,
  args: string[],
  options: { topic?: string; limit?: string; periode?: string; chart?: string; pictures?: Pictures },
): Promise<Record<string, unknown>> {
  const limit = limitOption(command, options.limit);
  const text = args.join(' ').trim();
  switch (command) {
    case 'briefing': {
      const answer = await engine.briefing({ topic: options.topic?.trim() || undefined, limit });
      return {
        command,
        ...(answer.topic ? { topic: answer.topic } : {}),
        ...(answer.actor ? { actor: { id: answer.actor.id, name: answer.actor.name } } : {}),
        storyCount: answer.storyCount,
        articleCount: answer.articleCount,
        consideredArticles: answer.consideredArticles,
        excerpts: answer.excerpts.map(excerptJson),
        stories: answer.stories.map(storyJson),
        actors: answer.actors.map(({ name, count }) => ({ name, count })),
        sources: answer.sources.map(({ name, count }) => ({ name, count })),
      };
    }
    case 'actor': {
      if (!text) throw new UserError('Indiquez un acteur, par exemple : actor Russie.');
      const answer = await engine.actor(text, { limit });
      if (!answer.found) {
        const names = answer.suggestions.map((s) => s.name);
        throw new UserError(
          `Acteur inconnu : « ${text} ».${names.length ? ` Vouliez-vous dire : ${names.join(', ')} ?` : ''}`,
          names,
        );
      }
      return {
        command,
        actor: { id: answer.actor.id, name: answer.actor.name, kind: answer.actor.kind },
        ...(answer.matchedAlias ? { matchedAlias: answer.matchedAlias } : {}),
        total: answer.total,
        repeated: answer.repeated,
        forms: answer.forms,
        excerpts: answer.excerpts.map(excerptJson),
        related: answer.related.map(({ name, count }) => ({ name, count })),
        // What its picture draws: mentions per publication day (absent when no article has a date).
        ...(await chartOf(engine, answer, options)),
      };
    }
    case 'tendances': {
      const days = trendDays(options.periode);
      const answer = await engine.trends?.(days, TRENDS_SHOWN);
      if (!answer) throw new UserError('Aucun article du corpus n’a de date de publication : pas de tendances.');
      const file = options.chart ? await pictureFile(answer.rising.length > 0 ? trendsChart(answer) : undefined, options) : undefined;
      return { command, ...trendsChartData(answer), ...(file ? { chartFile: file } : {}) };
    }
    case 'search': {
      if (!text) throw new UserError('Indiquez ce que vous cherchez, par exemple : search sanctions.');
      const answer = await engine.search(text, { limit });
      return {
        command,
        query: text,
        total: answer.total,
        ...(answer.corrections ? { corrections: answer.corrections } : {}),
        excerpts: answer.excerpts.map(excerptJson),
      };
    }
    case 'article': {
      if (!text) throw new UserError("Indiquez l'identifiant d'un article (voir : sources).");
      const article = await engine.article(text);
      if (!article) {
        const choices = await engine.autocompleteArticles(text, 3);
        throw new UserError(`Article introuvable : « ${text} ». Voir la liste avec : sources.`, choices.map((c) => c.value));
      }
      return { command, article };
    }
    case 'sources': {
      const articles = await engine.sources();
      const notices = await engine.fileNotices();
      const list = (indexed: boolean) => notices.filter((n) => n.indexed === indexed).map(({ file, reason }) => ({ file, reason }));
      // Files not indexed (`skipped`) or indexed in part (`partial`), with why.
      return { command, articles, skipped: list(false), partial: list(true) };
    }
    default:
      throw new UserError(`Commande inconnue : « ${command} ». Commandes : briefing, actor, search, article, sources, tendances.`);
  }
}

async function chartOf(
  engine: CorpusEngine,
  answer: Extract<ActorAnswer, { found: true }>,
  options: { periode?: string; chart?: string; pictures?: Pictures },
): Promise<{ chart?: ReturnType<typeof actorChartData>; chartFile?: string }> {
  const days = options.periode === undefined ? undefined : periodDays(options.periode);
  const series = answer.total > 0 ? await actorSeries(engine, answer.actor.id, answer.related, days) : undefined;
  const file = options.chart ? await pictureFile(series && actorChart(series), options) : undefined;
  return series ? { chart: actorChartData(series), ...(file ? { chartFile: file } : {}) } : {};
}

/** Writes a picture where `--chart` says; none to write, or a failure, is a user error. */
export async function pictureFile(chart: ReplyChart | undefined, options: { chart?: string; pictures?: Pictures }): Promise<string> {
  if (!chart) throw new UserError('--chart : cette réponse n’a pas d’image (aucun article daté, ou rien à montrer).');
  const written = options.pictures ? await writePicture(options.pictures, chart, undefined, options.chart) : undefined;
  if (!written) throw new UserError(`--chart : impossible d’écrire l’image dans ${options.chart}.`);
  return written;
}

/** `--periode` of `tendances` in days (default 7); a period that is none is refused. */
export function trendDays(periode: string | undefined): number {
  return periode === undefined ? DEFAULT_TREND_DAYS : periodDays(periode);
}

/** `--periode` (of `tendances` and `actor`) in days; a period that is none is refused. */
function periodDays(periode: string): number {
  const days = parsePeriod(periode);
  if (days === undefined) throw new UserError(`--periode attend une durée comme 7j, 30j ou 2s, jusqu'à 365 jours (reçu « ${periode} »).`);
  return days;
}

