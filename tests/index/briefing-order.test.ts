import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../src/services/index/engine.js';

// Five unrelated events, one article each: the briefing orders them by publication date, and the
// undated ones by a stable key — never by the milliseconds at which the indexer met them.
const ARTICLES: Array<[string, string | undefined, string, string]> = [
  ['a-port', '2025-03-02', 'Grève au port de Marseille', 'Les dockers du port de Marseille ont cessé le travail lundi pour protester contre la réforme des retraites portuaires.'],
  ['b-vignes', undefined, 'Gel sur les vignes de Bourgogne', 'Une vague de gel a détruit mardi une grande partie des bourgeons dans les vignobles de Bourgogne.'],
  ['c-musee', undefined, 'Réouverture du musée de Lyon', 'Le musée des Beaux-Arts de Lyon a rouvert ses portes mercredi après deux ans de travaux de rénovation.'],
  ['d-neige', '2025-03-01', 'Chutes de neige dans les Alpes', 'Des chutes de neige abondantes ont coupé jeudi plusieurs routes de montagne dans les Alpes du Nord.'],
  ['e-train', undefined, 'Nouvelle ligne de train en Bretagne', 'La région Bretagne a inauguré vendredi une ligne ferroviaire directe entre Rennes et Quimper.'],
];

function corpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-order-'));
  for (const [id, date, title, lead] of ARTICLES) {
    const header = ['---', `title: ${title}`, 'site: Exemple', ...(date ? [`published: ${date}`] : []), '---'].join('\n');
    fs.writeFileSync(path.join(dir, `${id}.txt`), `${header}\n${lead}\n`);
  }
  return dir;
}

async function briefingWith(clock: () => number, scoped: boolean): Promise<string[]> {
  const dir = corpus();
  const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:', now: clock });
  try {
    const answer = await engine.briefing(scoped ? { articleIds: ARTICLES.map(([id]) => id) } : {});
    return answer.excerpts.map((e) => e.articleId);
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('briefing order does not depend on indexing time', () => {
  for (const scoped of [false, true]) {
    it(`${scoped ? 'a scoped' : 'the whole-corpus'} briefing: newest publication first, undated last by id, whatever the arrival order`, async () => {
      let up = 1_000_000;
      let down = 9_000_000;
      const rising = await briefingWith(() => (up += 1000), scoped);
      const falling = await briefingWith(() => (down -= 1000), scoped);
      expect(rising).toEqual(['a-port', 'd-neige', 'b-vignes', 'c-musee', 'e-train']);
      expect(falling).toEqual(rising);
    });
  }
});
