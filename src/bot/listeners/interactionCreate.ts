/** Every interaction goes to the router; the router never throws, the catch is a last guard. */
import { Events, type Client } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { InteractionRouter } from '../router.js';

export function listenInteractions(client: Client, router: InteractionRouter, logger: Logger): void {
  client.on(Events.InteractionCreate, (interaction) => {
    router.handle(interaction).catch((error: unknown) => logger.error({ err: error }, 'interaction router crashed'));
  });
}
