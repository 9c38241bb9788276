/**
 * While a first index of a large corpus is built, the bot, the console and the CLI already answer,
 * from the articles indexed so far, and every answer says so at its top.
 */
import type { IndexProgress } from '../services/engine.js';
import type { Reply } from '../replies/reply.js';
import type { SlashCommand } from './command.js';

/** « index en cours : 42 % — les réponses portent sur 42 000 articles » */
export function indexProgressLine(progress: IndexProgress): string {
  const articles = progress.articles.toLocaleString('fr-FR');
  return `index en cours : ${progress.percent} % — les réponses portent sur ${articles} article${progress.articles > 1 ? 's' : ''}`;
}

export function withIndexProgress(reply: Reply, progress: IndexProgress | undefined): Reply {
  if (!progress || reply.aboutIndex) return reply;
  const line = indexProgressLine(progress);
  return { ...reply, intro: reply.intro ? `${line}\n${reply.intro}` : line };
}

/** The command, its replies carrying the progress of a first index while there is one. */
export function reportingIndexProgress(command: SlashCommand): SlashCommand {
  return {
    ...command,
    async execute(context, options, page) {
      const reply = await command.execute(context, options, page);
      return withIndexProgress(reply, await context.engine.indexProgress?.());
    },
  };
}
