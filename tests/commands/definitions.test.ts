import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import { commandByName, commandDefinitions, commands } from '../../src/commands/index.js';

// Discord's rule for command and option names (lower case is checked separately).
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const LOCALES = ['fr', 'en-US', 'en-GB'] as const;

type Localized = {
  name: string;
  description: string;
  name_localizations?: Partial<Record<string, string | null>> | null;
  description_localizations?: Partial<Record<string, string | null>> | null;
};

function checkLocalized(item: Localized, where: string) {
  expect(item.name, `${where} name`).toMatch(NAME);
  expect(item.name, `${where} name is lower case`).toBe(item.name.toLowerCase());
  expect(item.description.length, `${where} description`).toBeGreaterThan(0);
  expect(Array.from(item.description).length, `${where} description ≤ 100`).toBeLessThanOrEqual(100);
  for (const locale of LOCALES) {
    const name = item.name_localizations?.[locale];
    const description = item.description_localizations?.[locale];
    expect(name, `${where} name (${locale})`).toMatch(NAME);
    expect(name, `${where} name (${locale}) is lower case`).toBe(name?.toLowerCase());
    expect(description, `${where} description (${locale})`).toBeTruthy();
    expect(Array.from(description ?? '').length, `${where} description (${locale}) ≤ 100`).toBeLessThanOrEqual(100);
  }
}

function walk(options: readonly APIApplicationCommandOption[] | undefined, where: string) {
  expect((options ?? []).length, `${where} has ≤ 25 options`).toBeLessThanOrEqual(25);
  let seenOptional = false;
  for (const option of options ?? []) {
    checkLocalized(option, `${where} ${option.name}`);
    if ('required' in option) {
      // Discord rejects a required option after an optional one.
      if (option.required) expect(seenOptional, `${where} ${option.name} required after optional`).toBe(false);
      else seenOptional = true;
    }
    if ('autocomplete' in option && option.autocomplete) expect('choices' in option && option.choices).toBeFalsy();
    if ('options' in option) walk(option.options as APIApplicationCommandOption[] | undefined, `${where} ${option.name}`);
  }
}

describe('command definitions', () => {
  it('are the registry, with unique names that commandByName finds', () => {
    const names = commandDefinitions().map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['briefing', 'actor', 'search', 'article', 'sources', 'help']));
    expect(new Set(names).size).toBe(names.length);
    for (const command of commands) expect(commandByName(command.data.name)).toBe(command);
    expect(commandByName('acteur')).toBeUndefined();
  });

  it('follow Discord naming rules, description limits and carry fr/en localizations', () => {
    expect(commands.length).toBeLessThanOrEqual(100);
    for (const data of commandDefinitions()) {
      checkLocalized(data, `/${data.name}`);
      walk(data.options, `/${data.name}`);
    }
  });

  it('declare the options the spec asks for', () => {
    const option = (command: string, name: string) => commandByName(command)?.data.options?.find((o) => o.name === name);
    expect(option('briefing', 'sujet')).toMatchObject({ type: ApplicationCommandOptionType.String, autocomplete: true });
    expect(option('briefing', 'nombre')).toMatchObject({
      type: ApplicationCommandOptionType.Integer,
      min_value: 1,
      max_value: 20,
    });
    expect(option('actor', 'nom')).toMatchObject({ required: true, autocomplete: true });
    expect(option('search', 'requete')).toMatchObject({ required: true, name_localizations: { fr: 'requête' } });
    expect(option('article', 'id')).toMatchObject({ required: true, autocomplete: true });
    expect(commandByName('help')?.data.name_localizations?.fr).toBe('aide');
  });
});
