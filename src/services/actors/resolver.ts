/**
 * Turns what a user typed into an actor: exact name or alias first (any case, any accents), then
 * a fuzzy match for typos (`Poutin`), else a few suggestions. Also autocompletion and the count of
 * media cited in a set of mentions.
 */
import Fuse from 'fuse.js';
import { foldText } from '../text/normalize.js';
import type { Actor, Mention } from '../types.js';
import { aliasKey } from './catalog.js';
import { aliasForms } from './matcher.js';

export type CountedActor = Actor & { mentions: number };

export type Resolution =
  | { actor: Actor; matchedAlias?: string }
  | { actor?: undefined; suggestions: Actor[] };

interface Label {
  actor: CountedActor;
  /** The alias as listed; undefined for the actor's name. */
  alias: string | undefined;
  key: string;
}

/** Fuse score (0 perfect, 1 none) under which a fuzzy hit is taken as the answer. */
const ACCEPT_SCORE = 0.25;
/** Fuse score under which a hit is worth suggesting. */
const SUGGEST_SCORE = 0.5;
const MAX_SUGGESTIONS = 3;

// What users put before a name: `la Russie`, `l'OTAN`.
const normaliseQuery = (query: string): string => aliasKey(query.replace(/^\s*(?:(?:le|la|les)\s+|l['\u2019])/i, ''));

export class ActorResolver {
  private readonly exact = new Map<string, Label>();
  private readonly fuse: Fuse<Label>;
  private readonly byMentions: CountedActor[];
  private readonly searchKeys: Map<string, string[]>;

  constructor(actors: CountedActor[]) {
    this.byMentions = [...actors].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name, 'fr'));
    const labels: Label[] = [];
    // Names first, so that a name always beats another actor's alias; busier actors first.
    for (const actor of this.byMentions) labels.push({ actor, alias: undefined, key: aliasKey(actor.name) });
    for (const actor of this.byMentions) {
      for (const alias of actor.aliases) labels.push({ actor, alias, key: aliasKey(alias) });
    }
    for (const label of labels) {
      const forms = new Set([label.key, ...aliasForms(label.alias ?? label.actor.name)]);
      for (const form of forms) if (form && !this.exact.has(form)) this.exact.set(form, label);
    }
    this.fuse = new Fuse(labels, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: SUGGEST_SCORE });
    this.searchKeys = new Map(actors.map((a) => [a.id, [a.name, ...a.aliases].map((s) => foldText(s).replace(/-$/, ''))]));
  }

  resolve(query: string): Resolution {
    const key = normaliseQuery(query);
    if (!key) return { suggestions: this.byMentions.slice(0, MAX_SUGGESTIONS) };
    const hit = this.exact.get(key);
    if (hit) return hit.alias ? { actor: hit.actor, matchedAlias: hit.alias } : { actor: hit.actor };

    const results = this.fuse.search(key);
    const best = results[0];
    // Short queries are too easily near something: fuzzy answers need a few letters.
    if (best && (best.score ?? 1) <= ACCEPT_SCORE && key.length >= 4) {
      const alias = best.item.alias;
      return alias ? { actor: best.item.actor, matchedAlias: alias } : { actor: best.item.actor };
    }
    // Actors the corpus speaks of are worth more to the user than near-namesakes it never mentions.
    const suggestions: Actor[] = [];
    const ranked = [...results].sort(
      (a, b) => Number(b.item.actor.mentions > 0) - Number(a.item.actor.mentions > 0) || (a.score ?? 1) - (b.score ?? 1),
    );
    for (const r of ranked) {
      if (suggestions.length >= MAX_SUGGESTIONS) break;
      if (!suggestions.includes(r.item.actor)) suggestions.push(r.item.actor);
    }
    return { suggestions };
  }

  /**
   * Up to `limit` actors whose name or an alias starts with or contains `partial` (case and accents
   * aside), most-mentioned first; those whose name starts with it first among equals.
   */
  autocomplete(partial: string, limit = 25): CountedActor[] {
    const needle = foldText(partial).trim();
    if (!needle) {
      const mentioned = this.byMentions.filter((a) => a.mentions > 0);
      return (mentioned.length > 0 ? mentioned : this.byMentions).slice(0, limit);
    }
    const scored: Array<{ actor: CountedActor; rank: number }> = [];
    for (const actor of this.byMentions) {
      const keys = this.searchKeys.get(actor.id) ?? [];
      const name = keys[0] ?? '';
      let rank: number;
      if (name.startsWith(needle)) rank = 0;
      else if (keys.some((k) => k.startsWith(needle) || k.split(/[\s'-]+/).some((w) => w.startsWith(needle)))) rank = 1;
      else if (keys.some((k) => k.includes(needle))) rank = 2;
      else continue;
      scored.push({ actor, rank });
    }
    scored.sort((a, b) => b.actor.mentions - a.actor.mentions || a.rank - b.rank);
    return scored.slice(0, limit).map((s) => s.actor);
  }
}

/**
 * Media cited in `mentions` (WSJ, Bloomberg…) with how many times, most first: what a briefing
 * lists as its sources.
 */
export function mediaOf(
  mentions: Iterable<Mention>,
  actors: Iterable<Actor> | ReadonlyMap<string, Actor>,
): Array<{ id: string; name: string; count: number }> {
  const byId = actors instanceof Map ? (actors as ReadonlyMap<string, Actor>) : new Map([...(actors as Iterable<Actor>)].map((a) => [a.id, a]));
  const counts = new Map<string, number>();
  for (const m of mentions) {
    if (byId.get(m.actorId)?.kind === 'medium') counts.set(m.actorId, (counts.get(m.actorId) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([id, count]) => ({ id, name: byId.get(id)?.name ?? id, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
}
