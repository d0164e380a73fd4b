/** The text team's public surface: analysis at ingest, answers, briefs, cast, summaries. */
export { analyze } from './analyze.js';
export { splitSentences, type Sentence } from './split.js';
export { createAnswerer, type AnswererOptions } from './answer/answerer.js';
export { retrievePassages, type Passage } from './answer/passages.js';
export { analyzeQuestion, type QuestionAnalysis, type AnswerType } from './answer/question.js';
export { createBriefer, type BrieferOptions } from './summarize/briefer.js';
export {
  summarizeText,
  summaryLength,
  DEFAULT_SUMMARY_SENTENCES,
  type SummaryOptions,
} from './summarize/summarize-text.js';
export { rankedSummary } from './summarize/centrality.js';
export { createCast } from './cast/cast.js';
export { findPerson, matchPeople } from './cast/find-person.js';
