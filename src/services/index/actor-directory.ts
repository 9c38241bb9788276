/**
 * The actors queries may name: the listed catalogue and the actors the indexer discovered, their
 * resolver (names, aliases, typos), their integer keys in index rows, and who a scope may see.
 */
import type { Actor } from '../types.js';
import type { ActorSummary, NamedCount } from '../engine.js';
import { buildCatalog } from '../actors/catalog.js';
import { ActorResolver } from '../actors/resolver.js';
import { termsOf } from '../text/stem.js';
import type { IndexDatabase } from './database.js';
import type { ScopeFilter } from './scope.js';

export function summary(actor: Actor): ActorSummary {
  return { id: actor.id, name: actor.name, kind: actor.kind };
}

export class ActorDirectory {
  /** The listed actors (the indexer's matcher is built from them). */
  readonly catalog: Actor[];
  private readonly listedById: Map<string, Actor>;
  private byId = new Map<string, Actor>();
  private current!: ActorResolver;
  private readonly termCache = new Map<string, readonly string[]>();

  constructor(private readonly db: IndexDatabase) {
    this.catalog = buildCatalog();
    this.listedById = new Map(this.catalog.map((a) => [a.id, a]));
  }

  /** Finds actors by name, alias or near spelling; rebuilt by each {@link reload}. */
  get resolver(): ActorResolver {
    return this.current;
  }

  /** Re-reads the discovered actors and the mention counts the resolver ranks by. */
  reload(): void {
    const counts = new Map(
      (this.db.prepare('SELECT a.id AS actor_id, s.mentions FROM actor_stats s JOIN actors a ON a.n = s.actor').all() as Array<{
        actor_id: string;
        mentions: number;
      }>).map(
        (r) => [r.actor_id, r.mentions],
      ),
    );
    const found = (this.db.prepare('SELECT id, name, kind, aliases FROM found_actors').all() as Array<{
      id: string;
      name: string;
      kind: Actor['kind'];
      aliases: string;
    }>).map((r): Actor => ({ id: r.id, name: r.name, kind: r.kind, aliases: JSON.parse(r.aliases) as string[], discovered: true }));
    this.byId = new Map(this.listedById);
    for (const actor of found) if (!this.byId.has(actor.id)) this.byId.set(actor.id, actor);
    this.termCache.clear();
    // Discovered actors no article mentions any more are forgotten.
    const known = [...this.byId.values()].filter((a) => !a.discovered || (counts.get(a.id) ?? 0) > 0);
    this.current = new ActorResolver(known.map((a) => ({ ...a, mentions: counts.get(a.id) ?? 0 })));
  }

  /** Forgets the index terms kept per actor (a closed engine holds no cache). */
  clear(): void {
    this.termCache.clear();
  }

  actorOf(id: string): Actor | undefined {
    return this.byId.get(id);
  }

  /** Index terms of the names and aliases of some actors (cities left out: a city is a place, part of the event). */
  termsOfActors(actors: ReadonlyMap<string, number> | undefined): string[] {
    const out = new Set<string>();
    for (const id of actors?.keys() ?? []) {
      let terms = this.termCache.get(id);
      if (!terms) {
        const actor = this.actorOf(id);
        const cities = new Set(actor?.cities ?? []);
        const forms = actor ? [actor.name, ...actor.aliases.filter((a) => !cities.has(a))] : [];
        this.termCache.set(id, (terms = [...new Set(forms.flatMap((f) => termsOf(f)))]));
      }
      for (const t of terms) out.add(t);
    }
    return [...out];
  }

  /** Whether an actor may be named in a scope: listed ones always, discovered ones when a visible article mentions them. */
  visible(actor: Actor, filter: ScopeFilter): boolean {
    if (!actor.discovered || !filter.sql) return true;
    return (
      this.db
        .prepare(`SELECT 1 FROM mentions m JOIN articles a ON a.n = m.article WHERE m.actor = ? ${filter.sql} LIMIT 1`)
        .get(this.key(actor.id), ...filter.args) !== undefined
    );
  }

  /** The integer key of an actor in index rows (0, matching nothing, for an actor never indexed). */
  key(id: string): number {
    return (this.db.prepare('SELECT n FROM actors WHERE id = ?').pluck().get(id) as number | undefined) ?? 0;
  }

  /** Attaches names to counted actor ids, dropping ids no longer known. */
  named(rows: Array<{ id: string; count: number }>): NamedCount[] {
    return rows.flatMap((r) => {
      const actor = this.actorOf(r.id);
      return actor ? [{ id: actor.id, name: actor.name, count: r.count }] : [];
    });
  }
}
