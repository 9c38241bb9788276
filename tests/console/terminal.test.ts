/**
 * Escape sequences and control characters in article text never reach the terminal raw
 * (defect 8): the console renderer, the local console and the CLI show them inertly.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { renderConsole } from '../../src/replies/console.js';
import { terminalSafe, terminalSafeJson } from '../../src/replies/terminal.js';
import { runConsole } from '../../src/console/index.js';
import { openEngine } from '../../src/services/index/engine.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import type { Reply } from '../../src/replies/reply.js';
import { callCli } from '../support/cli.js';

const ESC = '\u001b';
/** Clear screen, retitle the window, a hidden hyperlink, a bell, a backspace, a C1 CSI, a carriage return. */
const HOSTILE = `${ESC}[2J${ESC}]0;pwned\u0007${ESC}]8;;https://evil.example${ESC}\\lien${ESC}]8;;${ESC}\\ \u0008\u009b31m rouge\r écrasé \u007f`;

/** Control characters a terminal would act on (line feed excepted). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;
/** The renderer's own styles (SGR: bold, dim, colours, reset). */
const OWN_STYLE = /\u001b\[[0-9;]*m/gu;

/** An article whose text and title are full of terminal escapes; its rare word: `Transnistrie`. */
const ARTICLE = `Transnistrie : la Russie ${ESC}[2J accuse la Moldavie ${ESC}]0;titre piégé\u0007

Publié le 3 avril 2025

La Moldavie a ${ESC}[31mdénoncé${ESC}[0m les manœuvres russes en Transnistrie ${ESC}]0;pwned\u0007 selon Chisinau.
Le Kremlin répond que la Transnistrie reste calme\u009b2J et que rien ne justifie une inquiétude à Chisinau.
Une troisième phrase sur la Transnistrie\u0008\u0008\u0008 mentionne la Roumanie et l'Union européenne.

La région séparatiste, où stationnent encore plusieurs centaines de soldats russes, dépend du gaz livré par Moscou et de ses exportations vers l'Union européenne.
Les autorités moldaves redoutent qu'une interruption des livraisons ne serve de prétexte à une nouvelle escalade, alors que Chisinau a engagé des négociations d'adhésion avec Bruxelles.
La présidente moldave a convoqué le conseil de sécurité et demandé à ses partenaires européens un soutien accru pour l'approvisionnement énergétique du pays pendant l'hiver.
Selon plusieurs diplomates en poste à Chisinau, la Roumanie voisine se prépare à fournir de l'électricité supplémentaire si la centrale de Cuciurgan, située en Transnistrie, cessait de livrer le reste du pays.
À Tiraspol, les dirigeants séparatistes affirment de leur côté que la population ne manquera de rien et accusent le gouvernement moldave de chercher l'isolement économique de la région.
`;

describe('terminalSafe', () => {
  it('shows every control character inertly, keeping the length', () => {
    const safe = terminalSafe(HOSTILE);
    expect(safe).not.toMatch(RAW_CONTROL);
    expect(safe.length).toBe(HOSTILE.length);
    expect(safe).toContain('␛[2J');
    expect(terminalSafe('Ligne 1\nLigne 2')).toBe('Ligne 1\nLigne 2');
  });

  it('JSON for a terminal escapes C1 controls and stays the same value', () => {
    const value = { text: HOSTILE };
    const json = terminalSafeJson(value);
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('the console renderer', () => {
  const reply: Reply = {
    tone: 'info',
    title: `Titre ${HOSTILE}`,
    intro: `Intro ${HOSTILE}`,
    items: [
      {
        label: `${ESC}[2J1.`,
        body: { text: `${HOSTILE} Russie`, highlights: [{ start: HOSTILE.length + 1, end: HOSTILE.length + 7 }] },
        source: { articleId: `id${ESC}[2J`, title: `Source ${HOSTILE}` },
      },
    ],
    fields: [{ name: `Champ ${HOSTILE}`, lines: [`Ligne ${HOSTILE}`] }],
    suggestions: [{ label: `Idée ${HOSTILE}`, command: 'actor', options: { nom: `x${ESC}[2J` } }],
    footer: `Pied ${HOSTILE}`,
    page: { index: 0, count: 2 },
  };

  it('plain output holds no control character at all', () => {
    expect(renderConsole(reply, { color: false, width: 80 })).not.toMatch(RAW_CONTROL);
  });

  it('coloured output holds only its own styles, and the highlight still falls on the word', () => {
    const out = renderConsole(reply, { color: true, width: 200 });
    expect(out.replace(OWN_STYLE, '')).not.toMatch(RAW_CONTROL);
    expect(out).toContain(`${ESC}[1mRussie${ESC}[22m`);
  });
});

describe('the local console and the CLI', () => {
  let root: string;
  let engine: CorpusEngine;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'depeche-terminal-'));
    mkdirSync(join(root, 'corpus'));
    writeFileSync(join(root, 'corpus', 'transnistrie.txt'), ARTICLE);
    ({ engine } = await openEngine({ corpusDir: join(root, 'corpus'), indexPath: ':memory:' }));
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the console prints /article, /search and /sources without raw escapes', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const done = runConsole({ engine, input, output, isTTY: false, color: false });
    input.end('/article transnistrie\n/search Transnistrie\n/sources\n/actor Moldavie\n');
    await done;
    expect(printed).toMatch(/Transnistrie/);
    // The decoder removes escape sequences from indexed text (whole: no `[2J` left over).
    expect(printed).not.toContain('[2J');
    expect(printed).not.toMatch(RAW_CONTROL);
  });

  it('the CLI prints text and JSON without raw escapes', async () => {
    // In-process (tests/support/cli.ts); --sync: the article is indexed, however busy the machine.
    const env = { ...process.env, CORPUS_DIR: join(root, 'corpus'), DATABASE_PATH: join(root, 'cli.db'), NO_COLOR: '1' };
    const text = await callCli(main, ['article', 'transnistrie', '--sync'], env);
    expect(text.stdout).toMatch(/Transnistrie/);
    expect(text.stdout + text.stderr).not.toMatch(RAW_CONTROL);
    const json = await callCli(main, ['article', 'transnistrie', '--json'], env);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json.stdout).article.title).toMatch(/Transnistrie/);
  });
});
