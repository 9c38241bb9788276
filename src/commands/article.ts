/**
 * `/article id:<id>`: an article of the corpus as cleaned for indexing, its paragraphs cut into
 * pages of about 1 500 characters.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import type { Reply } from '../replies/reply.js';
import { clampPage, countOf, formatNumber, paginateParagraphs, publicationLabel, quote } from '../replies/text.js';
import { ARTICLE_PAGE_CHARS, MAX_SUGGESTIONS, l10n, notFound, stringOption } from './shared.js';

const data = {
  name: 'article',
  name_localizations: l10n('article', 'article'),
  description: 'Lit un article du corpus, page par page',
  description_localizations: l10n('Lit un article du corpus, page par page', 'Read an article of the corpus, page by page'),
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'id',
      name_localizations: l10n('id', 'id'),
      description: 'Identifiant de l’article (tapez quelques mots du titre pour le trouver)',
      description_localizations: l10n(
        'Identifiant de l’article (tapez quelques mots du titre pour le trouver)',
        'Article id (type a few words of the title to find it)',
      ),
      required: true,
      autocomplete: true,
      max_length: 200,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const articleCommand: SlashCommand = {
  data,
  defer: 'none',

  async execute(context, options, page): Promise<Reply> {
    const id = stringOption(options, 'id');
    if (!id) {
      return {
        tone: 'error',
        ephemeral: true,
        title: 'Quel article ?',
        intro: 'Indiquez l’identifiant d’un article ; /sources les liste tous.',
        items: [],
      };
    }
    const article = await context.engine.article(id);
    if (!article) {
      // The user may have typed words of the title instead of picking a choice: offer the closest.
      const choices = (await context.engine.autocompleteArticles(id, MAX_SUGGESTIONS)).slice(0, MAX_SUGGESTIONS);
      return notFound(
        'Article introuvable',
        `Aucun article n’a l’identifiant ${quote(id)}.`,
        'La commande /sources liste les articles disponibles.',
        'article',
        choices.map((c) => ({ name: c.name, options: { id: c.value } })),
      );
    }

    const pages = paginateParagraphs(article.paragraphs, ARTICLE_PAGE_CHARS);
    const count = Math.max(1, pages.length);
    const index = clampPage(page, count);
    const meta: string[] = [];
    if (article.outlet) meta.push(article.outlet);
    if (article.author) meta.push(`Par ${article.author}`);
    // The dateline as wire copy prints it: `Kiev, 12 mars 2026`; an undated article says so.
    const date = publicationLabel(article);
    meta.push(article.place ? (article.date ? `${article.place}, ${date}` : `Depuis ${article.place} · ${date}`) : date);
    if (article.readingMinutes) meta.push(`${formatNumber(article.readingMinutes)} min de lecture`);
    meta.push(countOf(article.paragraphs.length, 'paragraphe'));
    meta.push(countOf(article.sentences, 'phrase'));
    meta.push(countOf(article.characters, 'caractère'));

    const chunks = pages[index] ?? [];
    return {
      tone: 'info',
      title: article.title,
      intro: meta.join(' · '),
      items: chunks.map((chunk) => ({
        body: { text: chunk.text },
        label: `§${chunk.paragraph + 1}`,
      })),
      page: { index, count },
      footer: `Article ${article.id}`,
    };
  },

  async autocomplete(context, option, partial) {
    if (option !== 'id') return [];
    return context.engine.autocompleteArticles(partial.trim(), 25);
  },
};
