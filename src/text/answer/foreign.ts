import { fold } from '../fold.js';

/** Function words of other languages, to recognise a question that is not in English. */
const FOREIGN_WORDS = new Set(
  (
    'qué que quién quien quiénes dónde donde cuándo cuando cómo como cuántos cuántas por es el la los las del una uno ' +
    'est où qui quoi quand comment combien pourquoi le les des une sont avec dans pour ' +
    'wer was wann wo wie warum welche ist der die das und nicht ein eine mit ' +
    'chi cosa dove perché sono il gli della quem onde porque são não uma com'
  ).split(/\s+/),
);
const ENGLISH_CUES = new Set([
  'the',
  'is',
  'are',
  'was',
  'were',
  'did',
  'does',
  'do',
  'of',
  'to',
  'in',
  'and',
  'who',
  'what',
  'when',
  'where',
  'how',
  'why',
  'which',
  'will',
  'has',
  'have',
]);

/**
 * A question not in English: inverted punctuation, mostly non-Latin letters, or more function
 * words of other languages than of English (the store's articles are English, so the bot asks
 * for English rather than answering a question it cannot read).
 */
export function isForeign(q: string): boolean {
  if (/[¿¡]/.test(q)) return true;
  const letters = q.match(/\p{L}/gu) ?? [];
  const latin = q.match(/\p{Script=Latin}/gu) ?? [];
  if (letters.length && latin.length / letters.length < 0.5) return true;
  let foreign = 0;
  let english = 0;
  for (const w of fold(q)
    .split(/[^\p{L}]+/u)
    .filter(Boolean)) {
    if (FOREIGN_WORDS.has(w)) foreign++;
    if (ENGLISH_CUES.has(w)) english++;
  }
  return foreign >= 2 && foreign > english;
}
