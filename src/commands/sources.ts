/**
 * `/sources`: the articles of the corpus with their title, author, date and size, ten per page.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import type { Reply, ReplyField } from '../replies/reply.js';
import { clampPage, countOf, formatNumber, pageCount, publicationLabel, sourceName } from '../replies/text.js';
import type { ArticleSummary, FileNotice } from '../services/engine.js';
import { SOURCES_PER_PAGE, l10n } from './shared.js';
import { feedServiceOf } from '../services/feeds/service.js';
import { sourcesSummary } from './flux.js';

const data = {
  name: 'sources',
  name_localizations: l10n('sources', 'sources'),
  description: 'La liste des articles du corpus : titre, auteur, date, taille',
  description_localizations: l10n(
    'La liste des articles du corpus : titre, auteur, date, taille',
    'The list of corpus articles: title, author, date, size',
  ),
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * `Le Monde · Olivia Carter · 5 avril 2025 · 12 phrases · 4 812 caractères`; without a publication
 * date, `date inconnue` (with `reçu le …` for an article fetched from the web).
 */
function describe(article: ArticleSummary): string {
  const parts: string[] = [];
  if (article.outlet) parts.push(article.outlet);
  parts.push(article.author ?? 'Auteur inconnu');
  parts.push(publicationLabel(article));
  parts.push(countOf(article.sentences, 'phrase'));
  parts.push(countOf(article.characters, 'caractère'));
  return parts.join(' · ');
}

export const sourcesCommand: SlashCommand = {
  data,
  defer: 'none',

  async execute(context, _options, page): Promise<Reply> {
    const [articles, notices] = await Promise.all([context.engine.sources(), context.engine.fileNotices()]);
    const fields = noticeFields(notices);
    // Live news, a section of its own: how many sources are followed and how they fare.
    const feeds = feedServiceOf(context);
    const followed = feeds ? await feeds.list(context.invoker.guildId) : [];
    if (followed.length > 0) fields.push({ name: 'Sources d’actualité', lines: [sourcesSummary(followed)] });
    if (articles.length === 0) {
      return {
        tone: 'warning',
        title: 'Aucun article',
        intro: 'Le corpus est vide : aucun article n’est indexé pour l’instant.',
        items: [],
        ...(fields.length > 0 ? { fields } : {}),
      };
    }
    const count = pageCount(articles.length, SOURCES_PER_PAGE);
    const index = clampPage(page, count);
    const shown = articles.slice(index * SOURCES_PER_PAGE, (index + 1) * SOURCES_PER_PAGE);
    const sentences = articles.reduce((sum, a) => sum + a.sentences, 0);
    return {
      tone: 'info',
      title: 'Sources du corpus',
      intro: `${countOf(articles.length, 'article')}, ${countOf(sentences, 'phrase')}. Lisez-en un avec /article id:<identifiant>.`,
      // The label is the id: what /article takes.
      items: shown.map((article) => ({
        label: article.id,
        body: { text: `${article.title}\n${describe(article)}` },
        ...(article.url ? { source: { articleId: article.id, title: `l’article original (${sourceName(article)})`, url: article.url } } : {}),
      })),
      ...(fields.length > 0 ? { fields } : {}),
      page: { index, count },
    };
  },
};

/** Lines shown of each list of files (the CLI's `sources --json` gives them all). */
const NOTICES_SHOWN = 10;

/** The files skipped, and those indexed only in part, with why: every page shows them. */
function noticeFields(notices: FileNotice[]): ReplyField[] {
  const field = (name: string, list: FileNotice[]): ReplyField[] => {
    if (list.length === 0) return [];
    const lines = list.slice(0, NOTICES_SHOWN).map((n) => `${n.file} — ${n.reason}`);
    if (list.length > NOTICES_SHOWN) lines.push(`… et ${countOf(list.length - NOTICES_SHOWN, 'autre')}`);
    return [{ name: `${name} (${formatNumber(list.length)})`, lines }];
  };
  return [
    ...field('Fichiers ignorés', notices.filter((n) => !n.indexed)),
    ...field('Fichiers indexés en partie', notices.filter((n) => n.indexed)),
  ];
}
