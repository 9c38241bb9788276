import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../src/commands/index.js';
import { diffCommands } from '../../src/bot/sync.js';
import { pageCustomId, parseCustomId, suggestionCustomId } from '../../src/bot/custom-ids.js';
import { clampChoices } from '../../src/bot/router.js';

/** What Discord sends back for a registered command: ids, versions and defaults filled in. */
function asRegistered(definition: Record<string, unknown>, i: number): Record<string, unknown> & { name: string } {
  return {
    id: `13000000000000000${i}`,
    application_id: '1300000000000000001',
    version: '1300000000000000099',
    type: 1,
    nsfw: false,
    default_member_permissions: null,
    dm_permission: true,
    integration_types: [0],
    contexts: null,
    description_localizations: {},
    name_localizations: null,
    ...structuredClone(definition),
  } as unknown as Record<string, unknown> & { name: string };
}

describe('command sync compares definitions with what Discord has', () => {
  const definitions = commandDefinitions();

  it('the same commands echoed by Discord (ids, versions, defaults) are unchanged', () => {
    const registered = definitions.map((d, i) => asRegistered(d as unknown as Record<string, unknown>, i));
    expect(diffCommands(definitions, registered)).toEqual([]);
  });

  it('a changed description, a new command and a removed one are reported', () => {
    const registered = definitions.slice(1).map((d, i) => asRegistered(d as unknown as Record<string, unknown>, i));
    (registered[0] as unknown as { description: string }).description = 'Ancienne description';
    registered.push(asRegistered({ name: 'ancienne', description: 'Commande retirée' }, 99));
    expect(diffCommands(definitions, registered)).toEqual([
      `added: ${definitions[0]!.name}`,
      `changed: ${definitions[1]!.name}`,
      'removed: ancienne',
    ]);
  });

  it('an option property removed from the definition counts as a change', () => {
    const registered = definitions.map((d, i) => asRegistered(d as unknown as Record<string, unknown>, i));
    const withOptions = registered.find((r) => Array.isArray((r as { options?: unknown[] }).options))!;
    const option = (withOptions as unknown as { options: Array<Record<string, unknown>> }).options[0]!;
    option.min_length = 3;
    expect(diffCommands(definitions, registered)).toEqual([`changed: ${withOptions.name}`]);
  });
});

describe('button custom ids', () => {
  it('page ids round-trip', () => {
    expect(parseCustomId(pageCustomId('AbC_12-x', 3))).toEqual({ kind: 'page', stateId: 'AbC_12-x', page: 3 });
  });

  it('suggestion ids carry the command and its options, accents included', () => {
    const id = suggestionCustomId({ label: 'Émirats arabes unis', command: 'actor', options: { nom: 'Émirats arabes unis' } })!;
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(id)).toEqual({ kind: 'run', command: 'actor', options: { nom: 'Émirats arabes unis' } });
  });

  it('a suggestion that would not fit in 100 characters has no id; foreign ids are not ours', () => {
    expect(suggestionCustomId({ label: 'x', command: 'actor', options: { nom: 'é'.repeat(40) } })).toBeUndefined();
    expect(parseCustomId('something-else')).toBeUndefined();
    expect(parseCustomId('page:abc:')).toBeUndefined();
  });
});

describe('autocomplete choices are clamped to what Discord accepts', () => {
  it('at most 25, names cut to 100, overlong values and duplicates left out', () => {
    const choices = [
      { name: 'Russie', value: 'Russie' },
      { name: 'Russie (doublon)', value: 'Russie' },
      { name: 'x'.repeat(150), value: 'Long' },
      { name: 'Valeur trop longue', value: 'v'.repeat(101) },
      { name: '', value: 'Sans nom' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `Acteur ${i}`, value: `acteur-${i}` })),
    ];
    const out = clampChoices(choices);
    expect(out).toHaveLength(25);
    expect(out.filter((c) => c.value === 'Russie')).toHaveLength(1);
    expect(out.find((c) => c.value === 'Long')!.name).toHaveLength(100);
    expect(out.some((c) => c.value.length > 100)).toBe(false);
    expect(out.find((c) => c.value === 'Sans nom')!.name).toBe('Sans nom');
  });
});
