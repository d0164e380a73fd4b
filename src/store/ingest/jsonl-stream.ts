import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { ArticleInput } from '../article-store.js';
import { looksBinary } from './decode.js';
import { readFailure } from './read-failure.js';
import { readJsonLine } from './readers/jsonl.js';
import { isSkip } from './readers/json-record.js';
import type { Skip } from './readers/reader.js';

/** What the line callback receives. */
export type JsonlEvent = { article: ArticleInput } | { skip: Skip };

/**
 * Streams a JSON Lines file line by line (a 280 MB export never sits in memory whole).
 * Each line becomes an article or a "line N: reason" skip; `onBytes` reports progress. A line
 * holding a NUL byte is skipped by itself; an unreadable file, or one that is mostly control
 * characters (binary), becomes one skip for the whole file.
 */
export async function streamJsonLines(
  path: string,
  onEvent: (event: JsonlEvent) => Promise<void> | void,
  onBytes?: (bytesRead: number) => void,
): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(8192);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      if (looksBinary(head.subarray(0, bytesRead), { nulIsBinary: false })) {
        await onEvent({ skip: { origin: path, reason: 'binary file' } });
        return;
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    await onEvent({ skip: { origin: path, reason: readFailure(error) } });
    return;
  }
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      const item = readJsonLine(line, lineNumber, path);
      if (item) await onEvent(isSkip(item) ? { skip: { origin: path, reason: item.reason } } : { article: item });
      onBytes?.(stream.bytesRead);
    }
  } catch (error) {
    await onEvent({ skip: { origin: path, reason: `after line ${lineNumber}: ${readFailure(error)}` } });
  } finally {
    lines.close();
    stream.destroy();
  }
}
