/**
 * Runs before each test file, in workers that keep modules from one file to the next.
 *
 * Two undici copies share Node's global dispatcher (`Symbol.for('undici.globalDispatcher.1')`):
 * the first to load installs its Agent there. The bot loads discord.js's (v6) first; if the feeds'
 * undici (v7) came first, discord.js's multipart uploads would go through a v7 Agent that cannot
 * read their FormData ("action is not a function"). A worker that ran a feeds file before a
 * Discord one would be in that state, so every worker loads discord.js's first, as the bot does.
 */
import 'discord.js';
