/** Actors: who the news is about. Build the catalog once, match it in sentences, resolve user queries. */
export { buildCatalog, slugify, aliasKey } from './catalog.js';
export { ActorMatcher, aliasForms, feminine, plural, type MatcherOptions } from './matcher.js';
export { discoverActors, type DiscoverOptions } from './discover.js';
export { ActorResolver, mediaOf, type CountedActor, type Resolution } from './resolver.js';
