/**
 * Pictures at scale, measured inside the index scenario (indexed.ts) on its engine: the series an
 * actor's chart draws (read from the per-day aggregate), the picture's rendering in its worker
 * thread, and /actor's whole answer with its picture, each cold (first time) and warm.
 */
import type { SqliteCorpusEngine } from '../src/services/index/engine.js';
import { actorCommand } from '../src/commands/actor.js';
import { trendsCommand } from '../src/commands/trends.js';
import { PictureRenderer } from '../src/replies/picture/renderer.js';
import { percentiles, timeEach } from './queries.js';

export interface PictureMeasures {
  seriesCold: ReturnType<typeof percentiles>;
  seriesWarm: ReturnType<typeof percentiles>;
  trendsMs: number;
  /** The first picture: the worker thread starts. */
  renderFirstMs: number;
  /** A picture not drawn before (the worker running). */
  renderCold: ReturnType<typeof percentiles>;
  /** The same picture again (the cache). */
  renderWarm: ReturnType<typeof percentiles>;
  /** /actor's handler and its picture, the same question asked a second time. */
  answerWarm: ReturnType<typeof percentiles>;
}

export async function measurePictures(engine: SqliteCorpusEngine, actorNames: string[]): Promise<PictureMeasures> {
  const ids: string[] = [];
  for (const name of actorNames) {
    const answer = await engine.actor(name, { limit: 1 });
    if (answer.found && !ids.includes(answer.actor.id)) ids.push(answer.actor.id);
  }
  const seriesCold = percentiles(await timeEach(ids, (id) => engine.mentionSeries([id])));
  const seriesWarm = percentiles(await timeEach(ids, (id) => engine.mentionSeries([id])));
  let started = performance.now();
  await engine.trends(7);
  const trendsMs = performance.now() - started;

  const pictures = new PictureRenderer();
  const context = { engine, invoker: { userId: 'bench', canManageGuild: false }, services: {} };
  const replies = [];
  for (const name of actorNames.slice(0, 20)) {
    const reply = await actorCommand.execute(context, { values: { nom: name } }, 0);
    if (reply.chart) replies.push(reply.chart);
  }
  const trends = await trendsCommand.execute(context, { values: { periode: '30j' } }, 0);
  if (trends.chart) replies.push(trends.chart);
  started = performance.now();
  if (replies[0]) await pictures.render(replies[0]);
  const renderFirstMs = performance.now() - started;
  const renderCold = percentiles(await timeEach(replies.slice(1), (chart) => pictures.render(chart)));
  const renderWarm = percentiles(await timeEach(replies, (chart) => pictures.render(chart)));
  const answerWarm = percentiles(
    await timeEach(actorNames.slice(0, 20), async (name) => {
      const reply = await actorCommand.execute(context, { values: { nom: name } }, 0);
      if (reply.chart) await pictures.render(reply.chart);
    }),
  );
  await pictures.close();
  return { seriesCold, seriesWarm, trendsMs, renderFirstMs, renderCold, renderWarm, answerWarm };
}
