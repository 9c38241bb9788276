/**
 * `npm run deploy-commands`: registers the slash commands with Discord, on the guild
 * DISCORD_GUILD_ID when set (instant, for development), globally otherwise. Imports only the
 * command definitions: no corpus, no database. Reports in French; never prints the token.
 */
import { REST } from 'discord.js';
import { ConfigError, loadConfigFromFile } from './config.js';
import { commandDefinitions } from './commands/index.js';
import { commandsRoute, diffCommands } from './bot/sync.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfigFromFile();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration invalide — ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (!config.discordToken) {
    process.stderr.write('DISCORD_TOKEN manquant : renseignez le jeton du bot dans .env (voir .env.example) puis relancez.\n');
    return 1;
  }
  if (!config.discordClientId) {
    process.stderr.write("DISCORD_CLIENT_ID manquant : impossible de le déduire du jeton ; renseignez l'identifiant d'application.\n");
    return 1;
  }
  const definitions = commandDefinitions();
  const target = { applicationId: config.discordClientId, ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}) };
  const where = config.discordGuildId ? `sur le serveur ${config.discordGuildId}` : 'globalement (jusqu’à une heure de propagation)';
  const rest = new REST({ api: config.discordApiBase }).setToken(config.discordToken);
  const route = commandsRoute(target);

  let changes: string[] | undefined;
  try {
    changes = diffCommands(definitions, (await rest.get(route)) as unknown[]);
  } catch {
    // Not knowing what was there does not prevent registering.
  }
  try {
    await rest.put(route, { body: definitions });
  } catch (error) {
    const status = (error as { status?: number }).status;
    const reason =
      status === 401
        ? 'jeton refusé par Discord (401) : vérifiez DISCORD_TOKEN'
        : status === 403
          ? 'accès refusé (403) : le bot est-il bien invité sur ce serveur avec la permission applications.commands ?'
          : error instanceof Error
            ? error.message
            : String(error);
    process.stderr.write(`Échec de l’enregistrement des commandes ${where} : ${reason}\n`);
    return 1;
  }
  const names = definitions.map((d) => `/${d.name}`).join(', ');
  const summary =
    changes === undefined
      ? ''
      : changes.length === 0
        ? ' (aucun changement par rapport à la version enregistrée)'
        : ` (${changes.map(frenchChange).join(', ')})`;
  process.stdout.write(`${definitions.length} commandes enregistrées ${where} : ${names}${summary}.\n`);
  return 0;
}

function frenchChange(change: string): string {
  const [kind, name] = change.split(': ');
  return kind === 'added' ? `ajoutée : /${name}` : kind === 'removed' ? `retirée : /${name}` : `modifiée : /${name}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
