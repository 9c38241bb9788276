import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientIdFromToken, CONFIG_VARIABLES, ConfigError, loadConfig, loadConfigFromFile, mergeEnv, readEnvFile } from '../src/config.js';

// Shaped like a real bot token (base64 of the application id, timestamp, HMAC) but made up.
const APP_ID = '123456789012345678';
const TOKEN = `${Buffer.from(APP_ID).toString('base64')}.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB`;

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('loadConfig should have thrown');
}

describe('loadConfig', () => {
  it('runs in console mode with every default when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      discordApiBase: 'https://discord.com/api',
      corpusDir: 'seeds',
      databasePath: 'data/bot.db',
      logLevel: 'info',
      digestCron: '0 8 * * *',
      digestTime: { hour: 8, minute: 0 },
      digestTimezone: 'Europe/Paris',
      mode: 'console',
      feeds: { seed: [], allowPrivateNetwork: false, pollMinutes: 15 },
    });
  });

  it('treats empty and blank strings as unset', () => {
    const config = loadConfig({ DISCORD_TOKEN: '', DIGEST_TIMEZONE: '  ', LOG_LEVEL: '', DIGEST_CHANNEL_ID: '' });
    expect(config.mode).toBe('console');
    expect(config.discordToken).toBeUndefined();
    expect(config.digestTimezone).toBe('Europe/Paris');
    expect(config.logLevel).toBe('info');
    expect('digestChannelId' in config).toBe(false);
  });

  it('reads every variable into camelCase fields', () => {
    const config = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: APP_ID,
      DISCORD_GUILD_ID: '987654321098765432',
      DISCORD_API_BASE: 'http://127.0.0.1:4567/api/',
      CORPUS_DIR: 'corpus',
      DATABASE_PATH: ':memory:',
      LOG_LEVEL: 'DEBUG',
      DIGEST_CHANNEL_ID: '111111111111111111',
      DIGEST_CRON: '30 18 * * *',
      DIGEST_TIMEZONE: 'america/new_york',
      FEEDS: 'https://www.afp.example/rss/monde.xml, https://journal.example/atom.xml',
      FEEDS_ALLOW_PRIVATE_NETWORK: '1',
      FEEDS_POLL_MINUTES: '5',
    });
    expect(config).toEqual({
      discordToken: TOKEN,
      discordClientId: APP_ID,
      discordGuildId: '987654321098765432',
      discordApiBase: 'http://127.0.0.1:4567/api',
      corpusDir: 'corpus',
      databasePath: ':memory:',
      logLevel: 'debug',
      digestChannelId: '111111111111111111',
      digestCron: '30 18 * * *',
      digestTime: { hour: 18, minute: 30 },
      digestTimezone: 'America/New_York',
      mode: 'discord',
      feeds: {
        seed: ['https://www.afp.example/rss/monde.xml', 'https://journal.example/atom.xml'],
        allowPrivateNetwork: true,
        pollMinutes: 5,
      },
    });
  });

  it('derives the application id from the token when DISCORD_CLIENT_ID is absent', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN }).discordClientId).toBe(APP_ID);
    expect(clientIdFromToken(TOKEN)).toBe(APP_ID);
    // A token of another shape (a test double's) simply leaves it unknown until login.
    expect(loadConfig({ DISCORD_TOKEN: 'test-token' }).discordClientId).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: 'test-token' }).mode).toBe('discord');
  });

  it('accepts a token pasted with its "Bot " prefix', () => {
    expect(loadConfig({ DISCORD_TOKEN: `Bot ${TOKEN}` }).discordToken).toBe(TOKEN);
  });

  it('names the time zone variable and the bad value in one French line', () => {
    const error = configError({ DIGEST_TIMEZONE: 'Europe/Pariss' });
    expect(error.message).toBe('DIGEST_TIMEZONE : fuseau horaire inconnu « Europe/Pariss » (exemple : Europe/Paris).');
    expect(error.variable).toBe('DIGEST_TIMEZONE');
  });

  it.each([
    [{ DISCORD_GUILD_ID: '12345' }, /^DISCORD_GUILD_ID : identifiant de serveur invalide « 12345 »/],
    [{ DISCORD_CLIENT_ID: 'mon-bot' }, /^DISCORD_CLIENT_ID : identifiant d'application invalide « mon-bot »/],
    [{ DIGEST_CHANNEL_ID: '#général' }, /^DIGEST_CHANNEL_ID : identifiant de salon invalide « #général »/],
    [{ DISCORD_API_BASE: 'discord.com/api' }, /^DISCORD_API_BASE : URL invalide « discord\.com\/api »/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL : niveau inconnu « verbose » \(valeurs : trace, debug, info, warn, error, fatal, silent\)\.$/],
    [{ DIGEST_CRON: '0 25 * * *' }, /^DIGEST_CRON : expression cron invalide « 0 25 \* \* \* »/],
    [{ DIGEST_CRON: '*/10 * * * *' }, /^DIGEST_CRON : « \*\/10 \* \* \* \* » n'est pas une planification quotidienne/],
  ])('rejects %o with a message naming the variable', (env, message) => {
    const error = configError(env);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('never shows the token in its messages', () => {
    const broken = `${TOKEN}\n${TOKEN.slice(0, 10)}`;
    const error = configError({ DISCORD_TOKEN: broken });
    expect(error.message).toMatch(/^DISCORD_TOKEN : le jeton contient des espaces/);
    expect(error.message).not.toContain(TOKEN.slice(0, 10));
    expect(error.message).not.toContain(TOKEN.split('.')[2]);

    const mismatch = configError({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '222222222222222222' });
    expect(mismatch.message).toMatch(/^DISCORD_CLIENT_ID : .*n'est pas l'application du jeton/);
    expect(mismatch.message).not.toContain(TOKEN.split('.')[2]);
    expect(mismatch.message).not.toContain(TOKEN.split('.')[0]);
  });

  it('refuses a token with characters no token has (a control character, an accent) in one line naming DISCORD_TOKEN', () => {
    // Before: accepted here, then « Connexion à Discord impossible : invalid Authorization header ».
    for (const broken of [`${TOKEN}\u0001`, `${TOKEN.slice(0, 20)}é${TOKEN.slice(21)}`, `${TOKEN}\u200b`]) {
      const error = configError({ DISCORD_TOKEN: broken });
      expect(error.message).toMatch(/^DISCORD_TOKEN : le jeton contient des caractères qu’un jeton n’a pas/u);
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toContain(TOKEN.slice(0, 10));
      expect(error.message).not.toContain(TOKEN.split('.')[2]);
    }
  });

  // One bad value per variable; a variable added later must be listed here (or among the free ones).
  const BAD_VALUES: Record<string, string> = {
    DISCORD_TOKEN: 'Bot abc def',
    DISCORD_CLIENT_ID: 'mon-bot',
    DISCORD_GUILD_ID: '12345',
    DISCORD_API_BASE: 'ftp://discord.com/api',
    DATABASE_URL: 'mysql://localhost/base',
    SHARD_COUNT: '0',
    SHARD_IDS: '0;1',
    LOG_LEVEL: 'bavard',
    DIGEST_CHANNEL_ID: '#général',
    DIGEST_CRON: '0 25 * * *',
    DIGEST_TIMEZONE: 'Mars/Olympus',
    FEEDS: 'flux.example/rss',
    FEEDS_ALLOW_PRIVATE_NETWORK: 'peut-être',
    FEEDS_POLL_MINUTES: '0',
  };
  // Paths: any string is a path; what is wrong with one is said when it is opened (start-up test).
  const FREE = ['CORPUS_DIR', 'DATABASE_PATH'];

  it('every variable has a bad value that gives one French line naming it, with why', () => {
    expect([...Object.keys(BAD_VALUES), ...FREE].sort()).toEqual([...CONFIG_VARIABLES].sort());
    for (const [variable, value] of Object.entries(BAD_VALUES)) {
      const message = configError({ [variable]: value }).message;
      expect(message.startsWith(`${variable} : `), message).toBe(true);
      expect(message, variable).not.toContain('\n');
      // The why: more than the name and the value.
      expect(message.length, message).toBeGreaterThan(`${variable} : « ${value} »`.length + 10);
    }
  });

  // Pieces of a token that must never appear: any 10 characters of it.
  const tokenPieces = (token: string) => Array.from({ length: token.length - 9 }, (_, i) => token.slice(i, i + 10));

  it.each(CONFIG_VARIABLES.filter((v) => v !== 'DISCORD_TOKEN'))('never echoes a token pasted into %s', (variable) => {
    // Whole, cut short (a bad paste), with its "Bot " prefix, and inside a URL.
    const values = [TOKEN, TOKEN.slice(0, 50), `Bot ${TOKEN}`, `https://discord.com/api?token=${TOKEN}`, `${TOKEN.replace(/\./g, '')}`];
    for (const value of values) {
      let message = '';
      try {
        loadConfig({ [variable]: value });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      if (!message) continue; // Accepted as a path (CORPUS_DIR, DATABASE_PATH): see the start-up test.
      expect(message.startsWith(`${variable} : `), message).toBe(true);
      for (const piece of tokenPieces(TOKEN)) expect(message, `${variable}=${value}`).not.toContain(piece);
    }
  });

  it('still shows an ordinary wrong value, so the operator sees the typo', () => {
    expect(configError({ DISCORD_GUILD_ID: '12345' }).message).toContain('« 12345 »');
    expect(configError({ LOG_LEVEL: 'verbose' }).message).toContain('« verbose »');
    expect(configError({ DISCORD_API_BASE: 'discord.com/api' }).message).toContain('« discord.com/api »');
  });

  it('does not read process.env when given an environment', () => {
    const before = process.env.DIGEST_TIMEZONE;
    process.env.DIGEST_TIMEZONE = 'Nowhere/Land';
    try {
      expect(loadConfig({}).digestTimezone).toBe('Europe/Paris');
    } finally {
      if (before === undefined) delete process.env.DIGEST_TIMEZONE;
      else process.env.DIGEST_TIMEZONE = before;
    }
  });
});

describe('.env files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'depeche-config-'));

  it('are parsed without touching process.env', () => {
    const path = join(dir, '.env');
    writeFileSync(path, ['# Dépêche', `DISCORD_TOKEN="${TOKEN}"`, 'DIGEST_TIMEZONE=Europe/Berlin', 'CORPUS_DIR=', 'DEPECHE_TEST_ONLY=1', ''].join('\n'));
    const parsed = readEnvFile(path);
    expect(parsed).toMatchObject({ DISCORD_TOKEN: TOKEN, DIGEST_TIMEZONE: 'Europe/Berlin', CORPUS_DIR: '' });
    expect(process.env.DEPECHE_TEST_ONLY).toBeUndefined();
  });

  it('are optional', () => {
    expect(readEnvFile(join(dir, 'absent.env'))).toEqual({});
    expect(loadConfigFromFile(join(dir, 'absent.env'), {}).mode).toBe('console');
  });

  it('yield to the real environment, except where it is empty', () => {
    const merged = mergeEnv({ DIGEST_TIMEZONE: 'Europe/Berlin', CORPUS_DIR: 'from-file' }, { DIGEST_TIMEZONE: 'Asia/Tokyo', CORPUS_DIR: '' });
    expect(merged.DIGEST_TIMEZONE).toBe('Asia/Tokyo');
    expect(merged.CORPUS_DIR).toBe('from-file');

    const path = join(dir, 'merge.env');
    writeFileSync(path, 'DIGEST_TIMEZONE=Europe/Berlin\nDATABASE_PATH=/tmp/x.db\n');
    const config = loadConfigFromFile(path, { DATABASE_PATH: ':memory:' });
    expect(config.digestTimezone).toBe('Europe/Berlin');
    expect(config.databasePath).toBe(':memory:');
  });

  it('report a bad value from the file like any other', () => {
    const path = join(dir, 'bad.env');
    writeFileSync(path, 'DIGEST_TIMEZONE=Europe/Pariss\n');
    expect(() => loadConfigFromFile(path, {})).toThrow('DIGEST_TIMEZONE : fuseau horaire inconnu « Europe/Pariss » (exemple : Europe/Paris).');
  });
});

describe('feed settings', () => {
  it('refuses a bad FEEDS address, a bad switch and a bad interval with one line naming the variable', () => {
    expect(() => loadConfig({ FEEDS: 'https://ok.example/rss, ftp://journal.example/flux' })).toThrow(
      'FEEDS : adresse invalide « ftp://journal.example/flux » (liste d’adresses http(s) séparées par des virgules).',
    );
    expect(() => loadConfig({ FEEDS_ALLOW_PRIVATE_NETWORK: 'peut-être' })).toThrow('FEEDS_ALLOW_PRIVATE_NETWORK : valeur « peut-être » : attendu 1 (autoriser) ou 0.');
    expect(() => loadConfig({ FEEDS_POLL_MINUTES: '0' })).toThrow('FEEDS_POLL_MINUTES : « 0 » : attendu un nombre de minutes entre 1 et 1440.');
    expect(loadConfig({ FEEDS_ALLOW_PRIVATE_NETWORK: '0' }).feeds.allowPrivateNetwork).toBe(false);
  });
});

describe('.env.example', () => {
  it('documents every variable and loads as a valid console configuration', () => {
    const example = readEnvFile('.env.example');
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(example.DISCORD_TOKEN).toBe('');
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });
});
