/**
 * An alert as a reply model: the story's headline as the title's subject, its lead with the
 * matched forms in bold (the renderers escape corpus text, then bold the spans), and its articles
 * by outlet, linked to the originals, with their dates. A grouped message (past the hourly cap)
 * lists the headlines. The role to mention is not here: the Discord poster adds it, as the only
 * mention the message allows.
 */
import type { AlertModel } from '../services/follows/alert.js';
import type { Reply, ReplyItem } from './reply.js';
import { countOf } from './text.js';

/** `4 nouveaux articles sur Russie` / `… sur « cessez-le-feu »`. */
export function groupedTitle(alert: Pick<AlertModel, 'articleCount' | 'subject'>): string {
  return `${countOf(alert.articleCount, 'nouvel article', 'nouveaux articles')} sur ${alert.subject}`;
}

function sourcesOf(story: AlertModel['stories'][number]): ReplyItem['sources'] {
  return {
    articles: story.sources.map((s) => ({
      articleId: s.articleId,
      title: s.title,
      outlet: s.outlet,
      ...(s.date ? { date: s.date } : {}),
      ...(s.url ? { url: s.url } : {}),
    })),
  };
}

export function alertReply(alert: AlertModel): Reply {
  if (alert.kind === 'grouped') {
    return {
      tone: 'info',
      title: groupedTitle(alert),
      intro: `Plafond d’alertes de l’heure atteint pour ce suivi : les titres, en un seul message.`,
      items: alert.stories.map((story) => ({ heading: story.headline, body: { text: '' }, sources: sourcesOf(story) })),
      footer: alert.marker,
    };
  }
  const story = alert.stories[0]!;
  return {
    tone: 'info',
    title: `Suivi : ${alert.subject}`,
    items: [
      {
        heading: story.headline,
        body: story.lead ?? { text: '' },
        sources: sourcesOf(story),
      },
    ],
    footer: alert.marker,
  };
}
