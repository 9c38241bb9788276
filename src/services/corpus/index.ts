/** Corpus loading: bytes → decoded text → metadata → boilerplate removal → {@link CleanArticle}. */
export { decodeArticleBytes, type DecodeResult } from './decode.js';
export { parseDate, parseReadingMinutes, parseByline, parseMetadataLine, isPersonName, type LineMetadata } from './metadata.js';
export {
  analysePage,
  classifyLines,
  cleanArticle,
  repairSentenceSpacing,
  type LineDecision,
  type PageAnalysis,
  type Verdict,
} from './boilerplate.js';
export { detectArticleLanguage, detectLineLanguage, countFunctionWords } from './language.js';
export { loadArticleFile, loadCorpus, articleIdOf, type LoadResult } from './load.js';
