/**
 * The list of known actors: every country of the `world-countries` package under its French name,
 * plus the curated organisations, people, media and places of `curated.ts`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';
import { foldText } from '../text/normalize.js';
import type { Actor, ActorKind } from '../types.js';
import {
  COUNTRY_EXTRAS,
  FORMER_STATES,
  MEDIA,
  ORGANISATIONS,
  PEOPLE,
  PLACES,
  SKIPPED_CAPITALS,
} from './curated.js';

/** `Jake Sullivan` → `jake-sullivan`: the stable part of an actor id. */
export function slugify(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Folded, whitespace-normalised form used to compare aliases (`Maison-Blanche` = `maison blanche`). */
export function aliasKey(alias: string): string {
  return foldText(alias)
    .replace(/[^a-z0-9'-]+/g, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Package names carry parentheses (`Congo (Rép. dém.)`), stray spaces (`Antigua -et-Barbuda`)
// and a leading article (`Les états-unis d'Amérique`).
function cleanName(name: string): string {
  const cleaned = name
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+-/g, '-')
    .replace(/^(les|la|le)\s+/i, '')
    .trim();
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

// A demonym with several parts (`Antiguaise et barbudien`, `Saint-Pierrais, Miquelonais`) would not
// be written that way in a sentence.
function usableDemonym(demonym: string | undefined): string | undefined {
  if (!demonym) return undefined;
  const d = demonym.trim().toLowerCase();
  if (!d || /[,\s]|-et-/.test(d)) return undefined;
  return d;
}

interface Draft {
  actor: Actor;
  /** Higher wins when two actors claim the same alias; equal claims drop the alias from both. */
  priority: number;
  /** Per-alias priority override (surnames lose to everything else). */
  aliasPriority?: Map<string, number>;
}

/**
 * The package's countries, read when the catalogue is built and then let go. Imported as a module,
 * the whole file's objects (every translation of every country) stayed in each thread for good:
 * ~24 MB a thread under tsx, for the few fields read here.
 */
function readCountries(): Countries {
  const file = createRequire(import.meta.url).resolve('world-countries/countries.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Countries;
}

const CURATED = 3;
const SOVEREIGN = 2;
const TERRITORY = 1;
const SURNAME = 0.5;

function countryDrafts(): Draft[] {
  const skippedCapitals = new Set(SKIPPED_CAPITALS.map(aliasKey));
  const drafts: Draft[] = [];
  for (const c of readCountries()) {
    const fra = c.translations['fra'];
    if (!fra) continue;
    const extra = COUNTRY_EXTRAS[c.cca3] ?? {};
    const sovereign = c.independent !== false;
    const name = extra.name ?? cleanName(fra.common);
    // Curated spellings first: they win over the package's when both fold alike (`Jérusalem`, `Jerusalem`).
    const curatedAliases = [...(extra.cities ?? []), ...(extra.aliases ?? [])];
    const cities = new Set<string>(extra.cities ?? []);
    const aliases = new Set<string>(curatedAliases);
    const official = cleanName(fra.official);
    if (official) aliases.add(official);
    if (extra.name) aliases.add(cleanName(fra.common));
    const demonyms = c.demonyms['fra'];
    for (const d of [usableDemonym(demonyms?.m), usableDemonym(demonyms?.f)]) if (d) aliases.add(d);
    if (sovereign) {
      for (const capital of c.capital) {
        if (!skippedCapitals.has(aliasKey(capital)) && capital.length > 3) {
          aliases.add(capital);
          cities.add(capital);
        }
      }
    }
    const drop = new Set((extra.drop ?? []).map(aliasKey));
    drafts.push({
      actor: {
        id: `country:${c.cca3}`,
        name,
        kind: 'country',
        aliases: [...aliases].filter((a) => !drop.has(aliasKey(a)) && aliasKey(a) !== aliasKey(name)),
        cities: [...cities],
      },
      priority: sovereign ? SOVEREIGN : TERRITORY,
      // Curated aliases of a country beat package-derived ones of another.
      aliasPriority: new Map(curatedAliases.map((a) => [aliasKey(a), CURATED] as const)),
    });
  }
  return drafts;
}

function curatedDraft(id: string, name: string, kind: ActorKind, aliases: string[], cities: string[] = []): Draft {
  const actor: Actor = { id, name, kind, aliases: [...cities, ...aliases] };
  if (cities.length > 0) actor.cities = [...cities];
  return { actor, priority: CURATED };
}

function personDrafts(): Draft[] {
  return PEOPLE.map((p) => {
    const surname = p.surname === undefined ? p.name.split(/\s+/).at(-1) : p.surname;
    const draft = curatedDraft(`person:${slugify(p.name)}`, p.name, 'person', p.aliases ?? []);
    if (surname && aliasKey(surname) !== aliasKey(p.name)) {
      draft.actor.aliases.push(surname);
      draft.aliasPriority = new Map([[aliasKey(surname), SURNAME]]);
    }
    return draft;
  });
}

/**
 * Gives every alias to one actor only: the highest claim wins; equal claims by different actors
 * (`Congo`, `congolais`) are dropped from all of them, since a mention could not be attributed.
 */
function settleConflicts(drafts: Draft[]): Actor[] {
  const claims = new Map<string, Array<{ id: string; priority: number }>>();
  const claim = (key: string, id: string, priority: number): void => {
    const list = claims.get(key) ?? [];
    if (!list.some((c) => c.id === id)) list.push({ id, priority });
    claims.set(key, list);
  };
  for (const d of drafts) {
    claim(aliasKey(d.actor.name), d.actor.id, d.priority + 0.1); // a name outranks an alias
    for (const a of d.actor.aliases) claim(aliasKey(a), d.actor.id, d.aliasPriority?.get(aliasKey(a)) ?? d.priority);
  }
  const owner = (key: string): string | undefined => {
    const list = claims.get(key) ?? [];
    const top = Math.max(...list.map((c) => c.priority));
    const winners = list.filter((c) => c.priority === top);
    return winners.length === 1 ? winners[0]?.id : undefined;
  };
  return drafts.map(({ actor }) => {
    const seen = new Set<string>([aliasKey(actor.name)]);
    const aliases = actor.aliases.filter((a) => {
      // `Houthi` (a name) and `houthi` (an adjective, any case) match differently: keep both.
      const key = aliasKey(a) + (a.endsWith('-') ? '-' : '') + (a === a.toLowerCase() ? '/lower' : '');
      if (seen.has(key)) return false;
      seen.add(key);
      return a.endsWith('-') || owner(aliasKey(a)) === actor.id;
    });
    // A city stays one only while it is still this actor's alias.
    const kept = new Set(aliases.map(aliasKey));
    const cities = actor.cities?.filter((c) => kept.has(aliasKey(c)));
    const settled: Actor = { ...actor, aliases };
    if (cities && cities.length > 0) settled.cities = cities;
    else delete settled.cities;
    return settled;
  });
}

let cached: Actor[] | undefined;

/** Every known actor, built once: countries, organisations, people, media, places. */
export function buildCatalog(): Actor[] {
  if (cached) return cached.map((a) => ({ ...a, aliases: [...a.aliases], ...(a.cities ? { cities: [...a.cities] } : {}) }));
  const drafts: Draft[] = [
    ...countryDrafts(),
    ...FORMER_STATES.map((s) => curatedDraft(s.id, s.name, 'country', s.aliases)),
    ...ORGANISATIONS.map((o) => curatedDraft(o.id, o.name, 'organisation', o.aliases, o.cities)),
    ...personDrafts(),
    ...MEDIA.map((m) => curatedDraft(`medium:${slugify(m.name)}`, m.name, 'medium', m.aliases)),
    ...PLACES.map((p) => curatedDraft(`place:${slugify(p.name)}`, p.name, 'place', p.aliases)),
  ];
  cached = settleConflicts(drafts);
  return buildCatalog();
}
