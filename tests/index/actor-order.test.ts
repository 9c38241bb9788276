/**
 * `/actor` answers in reading order: the sentences that name the actor and stand alone first,
 * each article's in the order it tells them; a sentence repeated by another outlet once; a
 * sentence that leans on a pronoun or half a quotation last. Articles written for the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import type { IndexDatabase } from '../../src/services/index/database.js';
import { runCliCommand } from '../../src/cli/json.js';
import { actorCommand } from '../../src/commands/actor.js';
import { renderDiscord } from '../../src/replies/discord.js';
import { renderConsole } from '../../src/replies/console.js';

const WIRE = `Xi Jinping reçu à Moscou par Vladimir Poutine

Publié le 8 mai 2025

Le président chinois Xi Jinping a été reçu jeudi au Kremlin par Vladimir Poutine pour une visite d’État de quatre jours.

Il s’est félicité de ses liens renforcés avec Vladimir Poutine.

Les deux dirigeants ont signé une déclaration commune sur la « stabilité stratégique mondiale », selon le Kremlin.

Vladimir Poutine assistera vendredi avec son hôte au défilé de la Victoire sur la place Rouge.
`;

const PAPER = `Le défilé du 9 mai sous le regard de Pékin

Publié le 9 mai 2025

Vladimir Poutine assistera vendredi avec son hôte au défilé de la Victoire sur la place Rouge.

Une trentaine de dirigeants étrangers sont attendus à Moscou pour les commémorations, dont le Brésilien Lula.
`;

describe('actor answers in reading order', () => {
  let engine: SqliteCorpusEngine;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-actor-order-'));
    fs.writeFileSync(path.join(dir, 'a-wire.txt'), WIRE);
    fs.writeFileSync(path.join(dir, 'b-paper.txt'), PAPER);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists a sentence once, stand-alone sentences first, a pronoun-led one last', async () => {
    const answer = await engine.actor('Poutine');
    expect(answer.found).toBe(true);
    if (!answer.found) return;
    const texts = answer.excerpts.map((e) => e.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.filter((t) => t.startsWith('Vladimir Poutine assistera'))).toHaveLength(1);
    const pronoun = texts.findIndex((t) => t.startsWith('Il s’est félicité'));
    expect(pronoun).toBe(texts.length - 1);
    // Within the wire, the sentences come in the order the article tells them.
    const wire = answer.excerpts.filter((e) => e.articleId === 'a-wire' && !e.text.startsWith('Il ')).map((e) => e.sentenceIndex);
    expect(wire).toEqual([...wire].sort((a, b) => a - b));
  });

  it('pages over the deduplicated list: page 2 follows page 1 without repeating it', async () => {
    const all = await engine.actor('Poutine');
    const first = await engine.actor('Poutine', { offset: 0, limit: 2 });
    const second = await engine.actor('Poutine', { offset: 2, limit: 2 });
    if (!all.found || !first.found || !second.found) throw new Error('not found');
    expect([...first.excerpts, ...second.excerpts].map((e) => e.text)).toEqual(all.excerpts.slice(0, 4).map((e) => e.text));
  });

  it('counts the passages it lists: a sentence repeated by another article counts once, and the repeat is said', async () => {
    const all = await engine.actor('Poutine');
    if (!all.found) throw new Error('not found');
    // « Vladimir Poutine assistera… » is in both articles: listed once, counted once.
    expect(all.total).toBe(all.excerpts.length);
    expect(all.repeated).toBe(1);
    const json = await runCliCommand(engine, 'actor', ['Poutine'], {});
    expect(json).toMatchObject({ total: all.total, repeated: 1 });
    expect(json.excerpts).toHaveLength(all.total);

    const context = { engine, invoker: { userId: 'test', canManageGuild: true, locale: 'fr' }, services: {} };
    const reply = await actorCommand.execute(context, { values: { nom: 'Poutine' } }, 0);
    expect(reply.page?.count).toBe(Math.ceil(all.total / 5));
    const said = `${all.total} passages du corpus mentionnent Vladimir Poutine (personnalité), sans compter 1 reprise mot pour mot d’un de ces passages.`;
    expect(reply.intro).toContain(said);
    // The last page's last label ends on the count.
    const last = await actorCommand.execute(context, { values: { nom: 'Poutine' } }, reply.page!.count - 1);
    expect(last.items.at(-1)?.label).toBe(`Extrait ${all.total}/${all.total}`);
    // Discord and the console print the same sentence.
    expect(renderDiscord(reply).embeds[0]?.description).toContain(said);
    expect(renderConsole(reply, { color: false, width: 400 })).toContain(said);
  });

  it('counts again once the index changes (a third copy of the sentence)', async () => {
    const before = await engine.actor('Poutine');
    fs.writeFileSync(path.join(dir, 'c-copy.txt'), PAPER.replace('Le défilé du 9 mai sous le regard de Pékin', 'Pékin au défilé'));
    await engine.sync();
    const after = await engine.actor('Poutine');
    if (!before.found || !after.found) throw new Error('not found');
    expect(after.total).toBe(before.total);
    expect(after.repeated).toBe(before.repeated + 1);
    fs.rmSync(path.join(dir, 'c-copy.txt'));
    await engine.sync();
    const removed = await engine.actor('Poutine');
    expect(removed.found && removed.repeated).toBe(before.found && before.repeated);
  });

  it('counts a copy written in other case and punctuation once, from the passage stored at index time', async () => {
    const before = await engine.actor('Poutine');
    const shouted = PAPER.replace(
      'Vladimir Poutine assistera vendredi avec son hôte au défilé de la Victoire sur la place Rouge.',
      '« VLADIMIR POUTINE assistera vendredi, avec son hôte, au défilé de la victoire sur la place rouge ! »',
    ).replace('Le défilé du 9 mai sous le regard de Pékin', 'Une autre dépêche');
    fs.writeFileSync(path.join(dir, 'd-shouted.txt'), shouted);
    await engine.sync();
    const after = await engine.actor('Poutine');
    if (!before.found || !after.found) throw new Error('not found');
    expect(after.total).toBe(before.total);
    expect(after.repeated).toBe(before.repeated + 1);
    expect(after.excerpts.filter((e) => /poutine assistera/i.test(e.text))).toHaveLength(1);
    // The three spellings share one stored passage; the count read it, not the texts.
    const passages = (engine as unknown as { db: IndexDatabase }).db
      .prepare("SELECT DISTINCT CAST(m.passage AS TEXT) FROM mentions m JOIN sentences s ON s.id = m.sentence WHERE s.text LIKE '%assistera vendredi%'")
      .pluck()
      .all();
    expect(passages).toHaveLength(1);
    fs.rmSync(path.join(dir, 'd-shouted.txt'));
    await engine.sync();
  });
});
