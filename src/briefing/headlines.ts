import type { ArticleMeta } from '../store/article-store.js';

/** What a headline is written from: the story and the articles its key sentences come from. */
export interface HeadlineStory {
  id: number;
  /** The central article's title: what is shown when no written headline is accepted. */
  headline: string;
  headlineArticleId: string;
  articles: readonly ArticleMeta[];
}

/** Reads an article's sentences (the same reader the briefing quotes its points from). */
export type SentenceReader = (meta: ArticleMeta) => Promise<{ idx: number; text: string }[]>;

/**
 * Writes headlines for the stories a briefing shows (the LLM path: llm/headline-writer.ts).
 * A story missing from the result keeps its central article's title, so write() never rejects
 * and settles within the model's deadline: a headline can never fail or hold up a digest.
 */
export interface HeadlineWriter {
  /** The model named in the footer of a briefing whose headlines it wrote. */
  readonly model: string;
  write(stories: readonly HeadlineStory[], sentences: SentenceReader): Promise<ReadonlyMap<number, string>>;
}

/**
 * The footer of a briefing with written headlines. Only the headlines are the model's: the points
 * stay quoted sentences, so the footer says so rather than calling the whole message written.
 */
export function headlineFooter(model: string, written: number, shown: number): string {
  const which = written === shown ? 'headlines' : `${written} of ${shown} headlines`;
  return `${which} written by ${model} from each story's articles; key points quoted from them`;
}
