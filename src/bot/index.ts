/** The Discord side of the bot: what the entry point and the deploy script need. */
export { createBot, type Bot, type BotOptions } from './client.js';
export { InteractionRouter, clampChoices, DEFAULT_PAGING_TTL_MS, type RouterOptions } from './router.js';
export { syncCommands, diffCommands, commandsRoute, type SyncResult, type SyncTarget } from './sync.js';
export { parseCustomId, pageCustomId, suggestionCustomId, type ButtonAction } from './custom-ids.js';
