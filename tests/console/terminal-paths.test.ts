/**
 * Every other way text from outside reaches a terminal, shown inertly as the console and the CLI
 * show it (defect 8, beyond the console and `cli`): a feed's title and error as `npm run feeds --
 * list` prints them, a file name in the warnings and the summary of `npm run index`, and the
 * warnings and digest of `npm run digest -- --now` in console mode.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as feedsMain } from '../../src/feeds.js';
import { openStateStore } from '../../src/services/store/index.js';
import { callCli } from '../support/cli.js';

const ESC = '\u001b';
/** Clear screen, retitle the window, a hidden hyperlink, a C1 CSI, a bell. */
const HOSTILE = `${ESC}[2J${ESC}]0;pwned\u0007${ESC}]8;;https://evil.example${ESC}\\lien${ESC}]8;;${ESC}\\\u009b31m`;
/** Control characters a terminal would act on (line feed excepted). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

const TSX = join(import.meta.dirname, '../../node_modules/.bin/tsx');

/** Runs one of the project's scripts as a user would, output piped; never throws. */
function script(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [file, ...args], { env: { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'warn', ...env }, timeout: 100_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

let root: string;
let corpusDir: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'depeche-terminal-paths-'));
  corpusDir = join(root, 'corpus');
  mkdirSync(corpusDir);
  writeFileSync(
    join(corpusDir, 'moldavie.txt'),
    'La Moldavie dénonce les manœuvres russes\n\nPublié le 3 avril 2025\n\nLa Moldavie a dénoncé les manœuvres russes en Transnistrie selon Chisinau.\nLe Kremlin répond que la Transnistrie reste calme.\n',
  );
  // A file whose name carries escapes and whose content is skipped: its name reaches warnings.
  writeFileSync(join(corpusDir, `piège${ESC}[2J${ESC}]0;pwned\u0007\u009b31m.txt`), Buffer.alloc(4096, 1));
  const store = openStateStore(join(root, 'state.db'));
  await store.addFeedSource({ url: 'https://flux.example/rss.xml', kind: 'feed', addedBy: 'cli' });
  await store.updateFeedSource('https://flux.example/rss.xml', {
    title: `Le flux ${HOSTILE} piégé`,
    lastError: `réponse ${HOSTILE} illisible`,
    lastErrorAt: new Date('2026-11-28T08:00:00Z'),
  });
  await store.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('text from outside reaching a terminal through the other scripts', () => {
  it('npm run feeds -- list shows a feed title and its last error inertly', async () => {
    // In-process (tests/support/cli.ts): what main writes is what the terminal gets.
    const { code, stdout, stderr } = await callCli(feedsMain, ['list'], { ...process.env, NO_COLOR: '1', LOG_LEVEL: 'warn', CORPUS_DIR: corpusDir, DATABASE_PATH: join(root, 'state.db') });
    const out = stdout + stderr;
    expect(code, out).toBe(0);
    expect(out).toContain('Le flux ␛[2J');
    expect(out).not.toMatch(RAW_CONTROL);
  });

  it('npm run index names a hostile file inertly in its warnings and summary', async () => {
    const { out } = await script('src/index-corpus.ts', [], { CORPUS_DIR: corpusDir, DATABASE_PATH: join(root, 'index-run', 'bot.db') });
    expect(out).toContain('piège␛[2J');
    expect(out).not.toMatch(RAW_CONTROL);
  }, 120_000);

  it('npm run digest -- --now in console mode prints warnings and the digest inertly', async () => {
    const { code, out } = await script('src/digest-now.ts', ['--now'], { CORPUS_DIR: corpusDir, DATABASE_PATH: join(root, 'digest-run', 'bot.db') });
    expect(code, out).toBe(0);
    expect(out).toMatch(/Moldavie/u);
    expect(out).toContain('piège␛[2J');
    expect(out).not.toMatch(RAW_CONTROL);
  }, 120_000);
});
