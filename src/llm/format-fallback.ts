import OpenAI from 'openai';

export type FormatMode = 'json_schema' | 'json_object' | 'none';

/**
 * The output format a server accepts, learned once: a server that rejects `json_schema`
 * (older Ollama, some llama.cpp builds) is asked for `json_object`, then for plain output,
 * which is still parsed strictly and verified. The choice sticks for the process.
 */
export class FormatNegotiator {
  constructor(public mode: FormatMode) {}

  /** The next mode to try after `e`, or undefined when `e` is not a format rejection. */
  downgradeAfter(e: unknown): FormatMode | undefined {
    if (!(e instanceof OpenAI.BadRequestError || e instanceof OpenAI.UnprocessableEntityError)) return undefined;
    if (!/response_format|json_schema|json_object|structured|grammar/i.test(e.message)) return undefined;
    const next: FormatMode | undefined =
      this.mode === 'json_schema' ? 'json_object' : this.mode === 'json_object' ? 'none' : undefined;
    if (next) this.mode = next;
    return next;
  }
}
