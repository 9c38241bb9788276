import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, formatPrettyLine, scrubSecrets } from '../src/logger.js';

const TOKEN = `${Buffer.from('123456789012345678').toString('base64')}.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB`;
// Another token-shaped string the logger was never told about.
const OTHER_TOKEN = `${Buffer.from('876543210987654321').toString('base64')}.HxYz12.ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210`;

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('scrubSecrets', () => {
  it('removes a known secret anywhere in a text', () => {
    const text = `Request failed: PUT /applications with Authorization: Bot ${TOKEN} (401)`;
    expect(scrubSecrets(text, [TOKEN])).toBe('Request failed: PUT /applications with Authorization: Bot [secret] (401)');
  });

  it('removes anything shaped like a Discord token even when not told', () => {
    expect(scrubSecrets(`leaked ${OTHER_TOKEN}!`)).toBe('leaked [secret]!');
  });

  it('leaves ordinary text alone and ignores empty or very short secrets', () => {
    const text = 'La Russie et l’Ukraine : 2026-11-25, v1.2.3, https://discord.com/api/v10';
    expect(scrubSecrets(text, ['', undefined, 'a', 'Russie'.slice(0, 3)])).toBe(text);
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line at or above the level', () => {
    const out = capture();
    const logger = createLogger('info', out.stream);
    logger.debug('not shown');
    logger.info({ guildId: '42' }, 'digest posted');
    logger.warn('slow');
    const entries = out.entries();
    expect(entries.map((e) => e.msg)).toEqual(['digest posted', 'slow']);
    expect(entries[0]).toMatchObject({ level: 30, guildId: '42' });
    expect(typeof entries[0]!.time).toBe('number');
  });

  it('redacts tokens and authorization headers under the usual keys', () => {
    const out = capture();
    const logger = createLogger('info', out.stream);
    logger.info(
      { token: 'tok-top-level', client: { token: 'tok-nested' }, headers: { authorization: 'Bot tok-header' }, request: { headers: { Authorization: 'Bot tok-deep' } } },
      'login',
    );
    const line = out.lines.join('\n');
    for (const secret of ['tok-top-level', 'tok-nested', 'tok-header', 'tok-deep']) expect(line).not.toContain(secret);
    expect(out.entries()[0]).toMatchObject({ token: '[secret]', client: { token: '[secret]' }, headers: { authorization: '[secret]' } });
  });

  it('scrubs the token from error messages, stacks and unexpected keys', () => {
    const out = capture();
    const logger = createLogger('info', out.stream, { secrets: [TOKEN] });
    const error = new Error(`401 Unauthorized for Bot ${TOKEN}`);
    logger.error({ err: error, deep: { a: { b: { c: `x${TOKEN}y` } } }, note: OTHER_TOKEN }, `login failed with ${TOKEN}`);
    const line = out.lines.join('\n');
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(OTHER_TOKEN);
    const entry = out.entries()[0]!;
    expect(entry.msg).toBe('login failed with [secret]');
    expect((entry.err as { message: string }).message).toBe('401 Unauthorized for Bot [secret]');
    expect(entry.deep).toEqual({ a: { b: { c: 'x[secret]y' } } });
  });

  it('is silent at level silent', () => {
    const out = capture();
    createLogger('silent', out.stream).fatal('nothing');
    expect(out.lines).toEqual([]);
  });

  it('can write short human lines instead of JSON', () => {
    const out = capture();
    const logger = createLogger('info', out.stream, { pretty: true, secrets: [TOKEN] });
    logger.warn({ guildId: '42', token: TOKEN }, 'channel missing');
    expect(out.lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} WARN  channel missing guildId=42 token=\[secret\]$/);
    expect(formatPrettyLine('not json')).toBe('not json\n');
  });
});
