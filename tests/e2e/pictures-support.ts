/**
 * Support of the pictures' tests: dated articles (the week before, Russia; this week, China
 * rises; nothing is published on the 25th) and the CLI's `--json` answer on a corpus.
 */
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { callCli } from '../support/cli.js';

/**
 * `npm run cli -- <args> --json --sync` (in-process) on a corpus folder, its own state under
 * `root/cli`; rejects with `{code, stdout, stderr}` when it exits other than 0. `--sync`: the
 * answer comes from the whole corpus, however long the first index takes on a busy machine.
 */
export async function cliJson(corpus: { dir: string; root: string }, ...args: string[]): Promise<Record<string, unknown>> {
  const result = await callCli(main, [...args, '--json', '--sync'], {
    ...process.env,
    CORPUS_DIR: corpus.dir,
    DATABASE_PATH: join(corpus.root, 'cli', 'bot.db'),
    NO_COLOR: '1',
  });
  if (result.code !== 0) throw Object.assign(new Error(`cli exited ${result.code}: ${result.stderr}`), result);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** An article from a feed, published on `day`. */
export function dated(day: string, title: string, sentences: string[]): string {
  return `---\ntitle: ${title}\npublished: ${day}T07:30:00.000Z\n---\n${sentences.join('\n\n')}\n`;
}

export const DATED_ARTICLES = {
  '700_a.txt': dated('2026-11-18', 'Sanctions', ['La Russie a annoncé de nouvelles mesures contre ses voisins baltes.', 'Moscou dénonce une provocation.']),
  '701_b.txt': dated('2026-11-20', 'Énergie', ['La Russie coupe le gaz à la Moldavie.', 'La Chine observe la situation avec prudence.']),
  '702_c.txt': dated('2026-11-24', 'Mer de Chine', ['La Chine a convoqué l’ambassadeur du Japon après un incident en mer.', 'Pékin parle d’une provocation.']),
  '703_d.txt': dated('2026-11-26', 'Taïwan', ['La Chine mène des manœuvres autour de Taïwan.', 'La Russie soutient Pékin à l’ONU.']),
  '704_e.txt': dated('2026-11-27', 'Commerce', ['La Chine relève ses droits de douane sur les voitures européennes.']),
};
