import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_INVOKER, createCompleter, runConsole } from '../../src/console/index.js';
import { commands } from '../../src/commands/index.js';
import type { CommandContext, SlashCommand } from '../../src/commands/command.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { contextFor, openSeedEngine, withOverrides } from '../commands/helpers.js';
import { FakeChannelPoster, makeService, openStore } from '../digest/helpers.js';

let engine: CorpusEngine;
beforeAll(async () => {
  engine = await openSeedEngine();
});
afterAll(async () => {
  await engine?.close();
});

/** Feeds `lines` as piped input and returns everything printed once the console has returned. */
async function session(lines: string[], options: { commands?: readonly SlashCommand[]; engine?: CorpusEngine; services?: Record<string, unknown> } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = runConsole({ engine: options.engine ?? engine, input, output, isTTY: false, ...options });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return printed;
}

describe('console with piped input', () => {
  it('prints each answer and returns at end of input', async () => {
    const printed = await session(['/actor Moscou', '/search sanctions']);
    expect(printed).toMatch(/^Russie\n/);
    expect(printed).toContain('Moscou → Russie');
    expect(printed).toContain('Extrait 1/');
    expect(printed).toContain('Recherche : « sanctions »');
    // No prompt, no welcome banner and no escape codes when piped.
    expect(printed).not.toContain('dépêche ›');
    expect(printed).not.toContain('\u001b');
  });

  it('turns the pages of the last answer', async () => {
    const printed = await session(['/actor nom:Russie', '/suivant', '/suivant', '/precedent']);
    const pages = [...printed.matchAll(/Page (\d+)\/\d+/g)].map((m) => m[1]);
    expect(pages).toEqual(['1', '2', '3', '2']);
    expect(printed).toContain('Extrait 6/');
    expect(printed).toContain('Extrait 11/');
  });

  it('says so when there is no further page', async () => {
    const printed = await session(['/sources', '/suivant', '/search sanctions', '/precedent']);
    expect(printed).toContain('✖ Rien à feuilleter');
    expect(printed).toContain('✖ Vous êtes déjà à la première page (1/2).');
  });

  it('answers an unknown command or a bad option with a French error line and goes on', async () => {
    const printed = await session(['/narnia', '/briefing nombre:trois', '/aide']);
    expect(printed).toContain('✖ La commande « /narnia » n’existe pas. Tapez /help pour la liste des commandes.\n');
    expect(printed).toContain('✖ L’option nombre attend un nombre entier entre 1 et 20, pas « trois ».\n');
    expect(printed).toContain('Dépêche — aide');
  });

  it('answers /digest preview while the index is being built with a notice, once the index is complete with the digest', async () => {
    const state = { building: true };
    const building = withOverrides(engine, { indexProgress: async () => (state.building ? { percent: 7, articles: 1200 } : undefined) });
    const store = openStore(':memory:');
    const digest = makeService({ engine: building, store, poster: new FakeChannelPoster() });
    try {
      const during = (await session(['/digest preview'], { engine: building, services: { store, digest } })).replace(/[\u00a0\u202f]/g, ' ');
      expect(during).toContain('Index en cours de construction');
      expect(during.replace(/\s+/g, ' ')).toContain('L’index du corpus est en cours de construction (7 %, 1 200 articles pour l’instant)');
      expect(during).not.toContain('index en cours :');
      expect(during).not.toContain('Aperçu du digest');
      state.building = false;
      expect(await session(['/digest preview'], { engine: building, services: { store, digest } })).toContain('Aperçu du digest du');
    } finally {
      await store.close();
    }
  });

  it('catches a failing handler without a stack trace, and stops at /quitter', async () => {
    const failing = withOverrides(engine, { search: async () => Promise.reject(new Error('index fermé')) });
    const printed = await session(['/search drones', '/quitter', '/help'], { engine: failing });
    expect(printed).toContain('✖ La commande /search a échoué');
    expect(printed).toContain('index fermé');
    expect(printed).not.toMatch(/\n\s+at /);
    expect(printed).not.toContain('Dépêche — aide');
  });

  it('runs handlers as a local user who may manage the server', async () => {
    let seen: CommandContext | undefined;
    const probe: SlashCommand = {
      data: { name: 'qui', description: 'Qui suis-je' },
      defer: 'none',
      execute: async (context) => {
        seen = context;
        return { tone: 'info', title: 'Vous', items: [] };
      },
    };
    await session(['/qui'], { commands: [probe] });
    expect(seen?.invoker).toEqual(CONSOLE_INVOKER);
    expect(seen?.invoker.canManageGuild).toBe(true);
  });
});

describe('console completion', () => {
  const complete = (line: string) =>
    new Promise<[string[], string]>((resolve, reject) => {
      const completer = createCompleter(commands, contextFor(engine)) as (
        line: string,
        callback: (error: Error | null, result: [string[], string]) => void,
      ) => void;
      completer(line, (error, result) => (error ? reject(error) : resolve(result)));
    });

  it('completes command names, English and French, ready for an argument', async () => {
    expect((await complete('/ac'))[0]).toEqual(['/actor ', '/acteur ']);
    expect((await complete('/sui'))[0]).toEqual(['/suivre ', '/suivis ', '/suivant ']);
    expect((await complete('/suiva'))[0]).toEqual(['/suivant ']);
  });

  it('completes option names and actor values', async () => {
    expect(await complete('/briefing no')).toEqual([['nombre:'], 'no']);
    expect(await complete('/actor nom:Vladimir Pou')).toEqual([['nom:Vladimir Poutine'], 'nom:Vladimir Pou']);
    expect(await complete('/actor Vladimir Pou')).toEqual([['Vladimir Poutine'], 'Vladimir Pou']);
    const [choices, replaced] = await complete('/briefing nombre:3 sujet:Pou');
    expect(choices).toContain('sujet:Vladimir Poutine');
    expect(replaced).toBe('sujet:Pou');
  });
});

describe('console in a terminal', () => {
  it('greets, prompts in French and answers', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const done = runConsole({ engine, input, output, isTTY: true, color: false, width: 80 });
    input.write('/actor Pékin\r');
    input.end();
    await done;
    expect(printed).toContain('Dépêche — console locale');
    expect(printed).toContain('dépêche › ');
    expect(printed).toContain('Pékin → Chine');
  });
});
