/**
 * SVG → PNG with resvg, with the font that ships with the program: system fonts are never read,
 * so a machine with none draws the same text as any other (an SVG renderer with no font draws
 * no text at all, silently).
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY } from './svg.js';

const require = createRequire(import.meta.url);

/** The bundled font files (DejaVu Sans, regular and bold: package dejavu-fonts-ttf). */
export function bundledFontFiles(): string[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
}

/** `bundled`: the program's font only; `none`: no font at all (tests: what a render without text looks like). */
export type FontChoice = 'bundled' | 'none';

export function rasterize(svg: string, fonts: FontChoice = 'bundled'): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: fonts === 'bundled' ? bundledFontFiles() : [], defaultFontFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
    logLevel: 'off',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height, pixels: image.pixels };
}
