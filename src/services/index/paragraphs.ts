/**
 * An article's paragraphs are not stored: they are its sentences joined again, in order, with
 * one space (the splitter trims and squeezes spaces, so cleaned paragraphs are spelled exactly).
 * The indexer checks that before relying on it, and keeps the paragraphs of any article they do
 * not spell.
 */
export function paragraphsFromSentences(sentences: ReadonlyArray<{ paragraph: number; text: string }>): string[] {
  const paragraphs: string[][] = [];
  for (const { paragraph, text } of sentences) (paragraphs[paragraph] ??= []).push(text);
  return Array.from(paragraphs, (texts) => texts?.join(' ') ?? '');
}
