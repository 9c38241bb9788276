import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { parseLine } from '../../src/console/parse.js';
import { commands } from '../../src/commands/index.js';
import type { SlashCommand } from '../../src/commands/command.js';
import { notice } from '../../src/replies/reply.js';

function parsed(line: string, registry: readonly SlashCommand[] = commands) {
  const result = parseLine(line, registry);
  if (result.kind !== 'command') throw new Error(`expected a command, got ${JSON.stringify(result)}`);
  return { name: result.command.data.name, ...result.options };
}
function error(line: string, registry: readonly SlashCommand[] = commands): string {
  const result = parseLine(line, registry);
  if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
  return result.message;
}

// A command shaped like a future one: a required name, an integer and a boolean, one subcommand-free level.
const profile: SlashCommand = {
  data: {
    name: 'profil',
    description: 'Profil',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'nom', description: 'Nom', required: true },
      { type: ApplicationCommandOptionType.Integer, name: 'nombre', description: 'Nombre', min_value: 1, max_value: 20 },
      { type: ApplicationCommandOptionType.Boolean, name: 'public', description: 'Public' },
    ],
  },
  defer: 'none',
  execute: async () => notice('info', 'ok'),
};
const digest: SlashCommand = {
  data: {
    name: 'digest',
    description: 'Digest',
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'activer',
        description: 'Active',
        options: [{ type: ApplicationCommandOptionType.String, name: 'heure', description: 'Heure', required: true }],
      },
      { type: ApplicationCommandOptionType.Subcommand, name: 'apercu', description: 'Aperçu' },
    ],
  },
  defer: 'none',
  execute: async () => notice('info', 'ok'),
};

describe('console parser', () => {
  it('reads name:value options whose values contain spaces, up to the next option', () => {
    expect(parsed('/profil nom:Vladimir Poutine nombre:3', [profile])).toEqual({
      name: 'profil',
      values: { nom: 'Vladimir Poutine', nombre: 3 },
    });
    expect(parsed('/briefing sujet:Vladimir Poutine nombre:3')).toEqual({
      name: 'briefing',
      values: { sujet: 'Vladimir Poutine', nombre: 3 },
    });
    expect(parsed('/profil nombre:3 nom:Jake Sullivan public:oui', [profile]).values).toEqual({
      nom: 'Jake Sullivan',
      nombre: 3,
      public: true,
    });
  });

  it('gives a bare argument to the first required option, else the first string option', () => {
    expect(parsed('/actor Russie')).toEqual({ name: 'actor', values: { nom: 'Russie' } });
    expect(parsed('/actor  Vladimir Poutine ')).toEqual({ name: 'actor', values: { nom: 'Vladimir Poutine' } });
    expect(parsed('/briefing Chine nombre:5')).toEqual({ name: 'briefing', values: { sujet: 'Chine', nombre: 5 } });
    expect(parsed('/search sanctions économiques')).toEqual({ name: 'search', values: { requete: 'sanctions économiques' } });
    expect(parsed('/article 001_0118ebd96f1f2ec0').values).toEqual({ id: '001_0118ebd96f1f2ec0' });
  });

  it('accepts localized and accent-free names of commands and options', () => {
    expect(parsed('/acteur nom:Russie').name).toBe('actor');
    expect(parsed('/recherche requête:cessez-le-feu').values).toEqual({ requete: 'cessez-le-feu' });
    expect(parsed('/search requete:drones').values).toEqual({ requete: 'drones' });
    expect(parsed('/AIDE').name).toBe('help');
    expect(parsed('/actor name:Chine').values).toEqual({ nom: 'Chine' });
  });

  it('keeps colons that are not option names in the value', () => {
    expect(parsed('/search Note: trêve aérienne').values).toEqual({ requete: 'Note: trêve aérienne' });
    expect(parsed('/search https://exemple.fr/page').values).toEqual({ requete: 'https://exemple.fr/page' });
  });

  it('recognises the console commands', () => {
    expect(parseLine('/suivant', commands)).toEqual({ kind: 'builtin', name: 'next' });
    expect(parseLine('/précédent', commands)).toEqual({ kind: 'builtin', name: 'previous' });
    expect(parseLine('/quitter', commands)).toEqual({ kind: 'builtin', name: 'quit' });
    expect(parseLine('   ', commands)).toEqual({ kind: 'empty' });
  });

  it('reads subcommands', () => {
    expect(parsed('/digest activer heure:08:30', [digest])).toEqual({
      name: 'digest',
      subcommand: 'activer',
      values: { heure: '08:30' },
    });
    expect(error('/digest', [digest])).toBe('/digest attend une sous-commande : activer, apercu.');
  });

  it('explains mistakes in French', () => {
    expect(error('/narnia')).toBe('La commande « /narnia » n’existe pas. Tapez /help pour la liste des commandes.');
    expect(error('bonjour')).toMatch(/^Les commandes commencent par une barre oblique/);
    expect(error('/briefing nombre:abc')).toBe('L’option nombre attend un nombre entier entre 1 et 20, pas « abc ».');
    expect(error('/briefing nombre:50')).toMatch(/entre 1 et 20 \(vous avez donné 50\)/);
    expect(error('/actor pays:Russie')).toBe('/actor n’a pas d’option « pays ». Options possibles : nom, periode.');
    expect(error('/actor')).toBe('Il manque l’option nom. Utilisation : /actor nom:… [periode:…]');
    expect(error('/actor nom:Russie nom:Chine')).toBe('L’option nom est donnée deux fois.');
    expect(error('/sources tout')).toMatch(/ne prend pas d’argument/);
    expect(error('/profil public:peut-être nom:x', [profile])).toMatch(/attend oui ou non/);
  });
});
