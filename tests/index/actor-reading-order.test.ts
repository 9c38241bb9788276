/**
 * The rules by which /actor orders an actor's sentences (readingOrder, actor-queries.ts), each
 * pinned both ways: on rows built by hand (flags as the index stores them), then through the
 * engine on articles written for the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readingOrder, ORDER_WINDOW, SUBJECT_REACH, type OrderedMention } from '../../src/services/index/actor-queries.js';
import { NOT_ALONE_RANK } from '../../src/services/index/analyse.js';
import { SentenceFlag } from '../../src/services/briefing/excerpts.js';
import { encodeSpans } from '../../src/services/index/spans.js';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';

type Row = OrderedMention & { text: string };

/** A row as the table gives it: `name` is where the actor is found in `text`. */
function row(text: string, name: string, rank: number, flags: number = SentenceFlag.Alone): Row {
  const start = text.indexOf(name);
  if (start < 0) throw new Error(`${name} absent de « ${text} »`);
  return { text, article_rank: rank, flags, spans: encodeSpans([[start, start + name.length]]) };
}
const texts = (rows: Row[]) => readingOrder(rows).map((r) => r.text);

const LEAD = 'La France a nommé lundi un émissaire spécial pour le Soudan.';
const LATER = 'Selon plusieurs diplomates réunis mardi à Genève, les propositions de la France restent floues.';
const SUBJECT = 'La France accueillera en avril une conférence humanitaire sur le Soudan.';
const QUOTE_REST = 'Les premières séances seront conduites par les diplomates de la France, avec d’autres négociateurs.';
const SECOND = 'La France avait déjà envoyé une aide alimentaire au Soudan en 2024.';

describe('readingOrder: each rule both ways', () => {
  it('puts the rest of a quotation (a sentence that continues a unit) after every sentence that stands alone', () => {
    const rest = row(QUOTE_REST, 'France', 0, SentenceFlag.Alone | SentenceFlag.Continues);
    expect(texts([row(LEAD, 'France', 0), rest, row(SECOND, 'France', 1)])).toEqual([LEAD, SECOND, QUOTE_REST]);
    // The same sentence read as a start (not a continuation) keeps its turn.
    expect(texts([row(LEAD, 'France', 0), row(QUOTE_REST, 'France', 0), row(SECOND, 'France', 1)])).toEqual([LEAD, QUOTE_REST, SECOND]);
  });

  it('keeps a continuation among the sentences that do not stand alone, in their order', () => {
    const rest = row(QUOTE_REST, 'France', 0, SentenceFlag.Alone | SentenceFlag.Continues);
    const pronoun = row('Il a salué le rôle de la France dans les pourparlers.', 'France', NOT_ALONE_RANK, 0);
    expect(texts([pronoun, rest])).toEqual([QUOTE_REST, pronoun.text]);
  });

  it('serves an article’s lead before another article’s sentence of the same turn, not before its own later turn', () => {
    const lead = row(LEAD, 'France', 0, SentenceFlag.Alone | SentenceFlag.Lead);
    // Stored order: by score within the turn; the lead scored lower.
    expect(texts([row(SUBJECT, 'France', 0), lead])).toEqual([LEAD, SUBJECT]);
    // Without the lead flag, the stored (score) order stays.
    expect(texts([row(SUBJECT, 'France', 0), row(LEAD, 'France', 0)])).toEqual([SUBJECT, LEAD]);
    // A lead never jumps ahead of an earlier turn.
    expect(texts([row(SUBJECT, 'France', 0), row(LEAD, 'France', 1, SentenceFlag.Alone | SentenceFlag.Lead)])).toEqual([SUBJECT, LEAD]);
  });

  it('serves a sentence whose subject is the actor before one that names it late', () => {
    expect(LATER.indexOf('France')).toBeGreaterThanOrEqual(SUBJECT_REACH);
    expect(texts([row(LATER, 'France', 0), row(SUBJECT, 'France', 0)])).toEqual([SUBJECT, LATER]);
    // Both named early: the stored order stays.
    expect(texts([row(SECOND, 'France', 0), row(SUBJECT, 'France', 0)])).toEqual([SECOND, SUBJECT]);
  });

  it('lists a near copy of a sentence (another outlet’s edit) after the others, and two sentences about one event each in its place', () => {
    const first = 'Des diplomates belges, néerlandais et luxembourgeois se réunissent ce lundi à La Haye pour discuter du budget.';
    const edited = 'Des diplomates belges, néerlandais et luxembourgeois se réunissent lundi à La Haye pour discuter du budget.';
    const other = 'Le Premier ministre belge accueillera ses homologues à Bruxelles en juin.';
    expect(texts([row(first, 'belges', 0), row(edited, 'belges', 0), row(other, 'belge', 0)])).toEqual([first, other, edited]);
    // Many words in common, each sentence its own fact: the same words in another order, another event of the day.
    const left = 'Le Premier ministre belge a quitté Bruxelles lundi matin pour La Haye.';
    const back = 'Le Premier ministre belge a quitté La Haye lundi soir pour Bruxelles.';
    const arrived = 'Le Premier ministre belge est arrivé lundi matin à La Haye.';
    expect(texts([row(left, 'belge', 0), row(back, 'belge', 0), row(arrived, 'belge', 0), row(other, 'belge', 0)])).toEqual([left, back, arrived, other]);
  });

  it('reorders only within a window of rows, so that every page is cut from the same list', () => {
    const filler = Array.from({ length: ORDER_WINDOW }, (_, i) => row(`La France a signé l’accord ${i} avec le pays ${i * 7 + 3} et la ville ${i * 13 + 5}.`, 'France', 0));
    const lead = row(LEAD, 'France', 0, SentenceFlag.Alone | SentenceFlag.Lead);
    const ordered = texts([...filler, lead]);
    // The lead is in the second window: first of it, after the whole first window.
    expect(ordered.indexOf(LEAD)).toBe(ORDER_WINDOW);
    const inFirst = texts([...filler.slice(1), lead, filler[0]!]);
    expect(inFirst.indexOf(LEAD)).toBe(0);
  });
});

const SUDAN_WIRE = `La France envoie un émissaire au Soudan

Publié le 2 mars 2026

La France a nommé lundi un émissaire spécial pour le Soudan, chargé de préparer les pourparlers de Genève.

Le diplomate rencontrera les deux camps avant la fin du mois.

La France avait déjà accueilli une conférence humanitaire sur le Soudan à Paris en avril 2024.
`;

const calendar = (middle: string) => `Pourparlers de Genève : le calendrier se précise

Publié le 3 mars 2026

La ministre suisse des Affaires étrangères a présenté mardi à Berne le calendrier des pourparlers de Genève sur le Soudan.

${middle}
`;
const IN_QUOTE = calendar(
  '« Nous avons fixé une première réunion technique pour la semaine prochaine. Les premières séances seront conduites par les diplomates de la France et de l’Égypte, avec d’autres négociateurs encore à désigner. Un lieu sera choisi ensuite », a déclaré la ministre devant la presse.',
);
const ON_ITS_OWN = calendar(
  'Les premières séances seront conduites par les diplomates de la France et de l’Égypte, avec d’autres négociateurs encore à désigner, selon la ministre.',
);

describe('/actor through the engine: the rest of a quotation after the sentences that stand alone', () => {
  let engine: SqliteCorpusEngine | undefined;
  let dir = '';
  afterEach(async () => {
    await engine?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const franceExcerpts = async (calendarText: string) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-actor-reading-'));
    fs.writeFileSync(path.join(dir, 'a-calendrier.txt'), calendarText);
    fs.writeFileSync(path.join(dir, 'b-depeche.txt'), SUDAN_WIRE);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const answer = await engine.actor('France');
    if (!answer.found) throw new Error('France introuvable');
    return answer.excerpts.map((e) => e.text.slice(0, 30));
  };

  it('lists the middle of a quotation last', async () => {
    expect(await franceExcerpts(IN_QUOTE)).toEqual(['La France a nommé lundi un émi', 'La France avait déjà accueilli', 'Les premières séances seront c']);
  });

  it('lists the same words said by the writer in their turn', async () => {
    expect(await franceExcerpts(ON_ITS_OWN)).toEqual(['La France a nommé lundi un émi', 'Les premières séances seront c', 'La France avait déjà accueilli']);
  });
});
