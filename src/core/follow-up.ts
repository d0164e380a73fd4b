import type { Invocation } from './invocation.js';
import type { Reply } from './reply.js';
import type { Services } from './services.js';
import { STOP_WORDS } from '../text/stopwords.js';

/** Words that point back at something said before ("and when did *they* meet?"). */
const BACK_REFERENCES = new Set([
  'they',
  'them',
  'their',
  'theirs',
  'he',
  'him',
  'his',
  'she',
  'her',
  'hers',
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'there',
  'then',
]);
/** Openings that continue a conversation rather than start one. */
const CONTINUATION = /^\s*(?:and|also|so|but)\b/i;
/** A topic is a few words and perhaps a short answer; nothing longer is worth carrying along. */
const TOPIC_MAX = 300;

let segmenter: Intl.Segmenter | undefined;

function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
}

/** A name: capitalised (the first word only when it is not a function word such as "Who"), or an acronym. */
function isName(word: string, first: boolean): boolean {
  if (word.length < 2 || !/^\p{Lu}/u.test(word)) return false;
  if (/^\p{Lu}{2,}$/u.test(word)) return true;
  return !first || !STOP_WORDS.has(word.toLowerCase());
}

function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w.toLowerCase()));
}

/**
 * True when a question leans on what came before: it names nobody and nothing of its own, and
 * either points back ("they", "that", "there"), continues ("and …", "so …") or has no
 * content word at all. Such a question inherits its thread's topic.
 */
export function leansOnThread(question: string): boolean {
  const ws = words(question);
  if (ws.some((w, i) => isName(w, i === 0))) return false;
  if (CONTINUATION.test(question)) return true;
  if (ws.some((w) => BACK_REFERENCES.has(w.toLowerCase()))) return true;
  return contentWords(question).length === 0;
}

/**
 * What a question that names its own topic leaves for the thread: its content words, and the
 * answer: a short one whole, a whole sentence by the names in it ("Ebrard" of "Representing the
 * Mexican side … will be Ebrard and cabinet secretaries …").
 */
export function topicOf(question: string, reply: Reply): string {
  const said = reply.answered !== false ? (reply.answer ?? '') : '';
  const answer = said.length <= 100 ? said : [...new Set(words(said).filter((w, i) => isName(w, i === 0)))].join(' ');
  return `${contentWords(question).join(' ')}${answer ? `; ${answer}` : ''}`.slice(0, TOPIC_MAX);
}

/** The question as the answerer gets it: the follow-up, then the topic it inherits. */
export function withTopic(question: string, topic: string): string {
  return `${question.trim().replace(/[?\s]+$/, '')}? (about: ${topic})`;
}

export interface FollowUp {
  /** The question to answer: as asked, or with the thread's topic added. */
  question: string;
  /** Records what the thread is about now that the question has been answered. */
  remember(reply: Reply): Promise<void>;
}

/**
 * Follow-ups in a conversation thread: a question asked in the same thread within the topic's
 * lifetime that names no topic of its own is answered about the thread's topic. Storage failures
 * never cost the answer: the question then simply stands alone.
 */
export async function followUp(services: Services, invocation: Invocation, question: string): Promise<FollowUp> {
  const threads = services.threads;
  const thread = invocation.thread;
  if (!threads || !thread) return { question, remember: async () => undefined };
  const warn = (err: unknown) =>
    services.logger.warn({ err, thread }, 'thread topic unavailable; the question stands alone');
  const inherited = leansOnThread(question) ? await threads.topicOf(invocation.channel, thread).catch(warn) : undefined;
  return {
    question: inherited ? withTopic(question, inherited) : question,
    async remember(reply) {
      // An inherited topic is kept alive; a new one replaces it only when the store could answer it.
      const topic = inherited ?? (reply.answered !== false ? topicOf(question, reply) : undefined);
      if (topic) await threads.remember(invocation.channel, thread, topic).catch(warn);
    },
  };
}
