/** Writing a reply's picture to a file, for the console and the CLI. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Pictures, ReplyChart } from '../chart.js';

/** The default folder of the console's pictures. */
export function defaultPictureDir(): string {
  return path.join(os.tmpdir(), 'depeche-images');
}

/**
 * Draws `chart` and writes it at `file` (default: its file name in `dir`); the path written, or
 * undefined when it could not be drawn or written (the text answer goes on without it).
 */
export async function writePicture(
  pictures: Pictures,
  chart: ReplyChart,
  dir = defaultPictureDir(),
  file = path.join(dir, chart.fileName),
): Promise<string | undefined> {
  try {
    const png = await pictures.render(chart);
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await fs.writeFile(file, png);
    return file;
  } catch {
    return undefined;
  }
}
