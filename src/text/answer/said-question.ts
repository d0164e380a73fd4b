/** The speaker and topic of "What did X say (about Y)?". */
export interface Said {
  speaker: string;
  topic: string;
}

/** "What did X …", "How has X …": a said-question when the verb after X is one of SAYING. */
const OPENING = /^\s*(?:what|how)\s+(?:did|does|has|have|had)\s+(.+)$/i;

/**
 * Verbs whose answer is what the subject said: saying, and answering or reacting in words ("How
 * did Age Concern react …", "How did Lord Rennard explain …"), in the forms "did X …" and "has
 * X …" take.
 */
const SAYING = new Set(
  (
    'say tell think believe argue claim predict describe call warn explain reply respond react answer ' +
    'add insist admit deny dismiss ' +
    // "What has X said …"
    'said told thought believed argued claimed predicted described called warned explained replied ' +
    'responded reacted answered added insisted admitted denied dismissed'
  ).split(' '),
);

/** The speaker and topic of a "what did X say" question, if it is one. */
export function parseSaid(question: string): Said | undefined {
  const m = OPENING.exec(question.replace(/[?!.]+\s*$/, ''));
  if (!m) return undefined;
  const words = m[1].trim().split(/\s+/);
  const at = words.findIndex((w, i) => i > 0 && SAYING.has(w.toLowerCase().replace(/\P{L}+$/u, '')));
  if (at < 0) return undefined;
  return {
    speaker: words
      .slice(0, at)
      .join(' ')
      .replace(/^(the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/i, ''),
    topic: words.slice(at + 1).join(' '),
  };
}
