/**
 * Actors, precision, end to end through the engine and the commands: on an analysis citing
 * Radio Free Europe (fixture 34) and a wire copy about a meeting in Rome, /actor Europe finds no
 * media title, related actors list neither media nor a meeting's venue, the dateline's place is
 * the article's metadata (shown by /article, never a mention), and removing an article takes
 * back exactly what it added to the co-mention counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOptions } from '../../src/commands/command.js';
import { actorCommand, articleCommand } from '../../src/commands/index.js';
import type { ActorAnswer } from '../../src/services/engine.js';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { contextFor } from '../commands/helpers.js';

const FIXTURE = path.resolve('tests/fixtures/articles/34_lexpress_crimee_tatars.txt');
const WIRE = [
  'Les ministres russe et turc réunis à Rome',
  '',
  'Publié le 12 mars 2026 à 18h00',
  '',
  'ROME, 12 mars (Reuters) — Les ministres russe et turc se sont réunis mardi à Rome pour parler de la Crimée.',
  '',
  'Selon Radio Free Europe, la Russie a arrêté 26 militants en Crimée la semaine dernière.',
  '',
  'Moscou et Ankara ont promis de se revoir avant la fin du mois, sans fixer de date.',
  '',
].join('\n');

const opts = (values: CommandOptions['values']): CommandOptions => ({ values });

let dir: string;
let engine: SqliteCorpusEngine;

async function found(query: string): Promise<Extract<ActorAnswer, { found: true }>> {
  const answer = await engine.actor(query);
  if (!answer.found) throw new Error(`${query} inconnu`);
  return answer;
}

const relatedIds = async (query: string): Promise<string[]> => (await found(query)).related.map((r) => r.id!);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-actors-precision-'));
  fs.copyFileSync(FIXTURE, path.join(dir, '34_lexpress_crimee_tatars.txt'));
  fs.writeFileSync(path.join(dir, '40_reuters_rome.txt'), WIRE);
  ({ engine } = await openEngine({ corpusDir: dir, indexPath: path.join(dir, 'index.db') }));
}, 120_000);

afterAll(async () => {
  await engine?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('actors, precision, through the engine', () => {
  it('finds no media title under /actor Europe, and the medium under its own name', async () => {
    const europe = await found('Europe');
    expect(europe.excerpts.filter((e) => /Radio Free Europe/.test(e.text))).toEqual([]);
    expect(europe.total).toBe(0);
    const rfe = await found('Radio Free Europe');
    expect(rfe.actor.kind).toBe('medium');
    expect(new Set(rfe.excerpts.map((e) => e.articleId))).toEqual(new Set(['34_lexpress_crimee_tatars', '40_reuters_rome']));
  });

  it('lists no medium and no meeting venue among related actors', async () => {
    const russia = await relatedIds('Russie');
    expect(russia).toEqual(expect.arrayContaining(['country:TUR', 'place:crimee']));
    expect(russia).not.toContain('country:ITA');
    expect(russia.filter((id) => id.startsWith('medium:'))).toEqual([]);
    // Fixture 34: « la conférence sur la Crimée organisée en septembre à Rome, le ministre ukrainien… ».
    const ukraine = await relatedIds('Ukraine');
    expect(ukraine).toContain('place:crimee');
    expect(ukraine).not.toContain('country:ITA');
    // Crimea is named with Radio Free Europe in the same sentence, yet the medium is not its related actor.
    expect((await relatedIds('Crimée')).filter((id) => id.startsWith('medium:'))).toEqual([]);
  });

  it('keeps a venue findable: /actor Rome gives the meeting sentences', async () => {
    const italy = await found('Rome');
    expect(italy.actor.id).toBe('country:ITA');
    expect(italy.excerpts.map((e) => e.text).sort()).toEqual(
      [
        'Les ministres russe et turc se sont réunis mardi à Rome pour parler de la Crimée.',
        expect.stringContaining('organisée en septembre à Rome'),
      ].sort(),
    );
  });

  it('resolves « criméen » and « les Vingt-Sept »', async () => {
    const crimea = await found('Crimée');
    expect(crimea.excerpts.some((e) => e.text.startsWith('Le parlement criméen'))).toBe(true);
    const eu = await found('Union européenne');
    expect(eu.excerpts.map((e) => e.text)).toEqual([expect.stringContaining('les Vingt-Sept peinent')]);
  });

  it('keeps the dateline as the article’s place, shown by /article, never counted as a mention', async () => {
    const article = await engine.article('40_reuters_rome');
    expect(article?.place).toBe('Rome');
    expect(article?.paragraphs[0]).toMatch(/^Les ministres/);
    // One sentence names Rome in the body; the dateline adds nothing.
    expect((await found('Italie')).excerpts.filter((e) => e.articleId === '40_reuters_rome')).toHaveLength(1);
    const reply = await articleCommand.execute(contextFor(engine), opts({ id: '40_reuters_rome' }), 0);
    expect(reply.intro).toContain('Rome, 12 mars 2026');
    const noDateline = await articleCommand.execute(contextFor(engine), opts({ id: '34_lexpress_crimee_tatars' }), 0);
    expect(noDateline.intro).not.toMatch(/Depuis|Rome/);
  });

  it('shows no medium nor venue in /actor’s « Acteurs associés »', async () => {
    const reply = await actorCommand.execute(contextFor(engine), opts({ nom: 'Russie' }), 0);
    const lines = (reply.fields ?? []).flatMap((f) => f.lines ?? []).join('\n');
    expect(lines).toMatch(/Turquie/);
    expect(lines).not.toMatch(/Radio Free Europe|Italie/);
  });

  it('takes back exactly what an article added to the counts when it is removed', async () => {
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-actors-precision-alone-'));
    fs.copyFileSync(FIXTURE, path.join(alone, '34_lexpress_crimee_tatars.txt'));
    const { engine: reference } = await openEngine({ corpusDir: alone, indexPath: ':memory:' });
    try {
      fs.rmSync(path.join(dir, '40_reuters_rome.txt'));
      await engine.sync();
      for (const name of ['Russie', 'Ukraine', 'Crimée', 'Italie', 'Radio Free Europe']) {
        const [got, expected] = [await engine.actor(name), await reference.actor(name)];
        expect(got.found && got.related, name).toEqual(expected.found && expected.related);
        expect(got.found && got.total, name).toEqual(expected.found && expected.total);
      }
    } finally {
      await reference.close();
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });
});
