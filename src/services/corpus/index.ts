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
export { loadArticleFile, loadCorpus, articleIdOf, readArticleBytes, type LoadResult, type ArticleBytes } from './load.js';
export { MAX_ARTICLE_BYTES, MAX_SENTENCES_PER_ARTICLE } from './limits.js';
