import { fold } from '../fold.js';

/** Lower-case, accents folded, every run of other characters one space: how answers are compared. */
export function judgeKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
