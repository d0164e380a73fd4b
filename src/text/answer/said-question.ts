/** The speaker and topic of "What did X say (about Y)?". */
export interface Said {
  speaker: string;
  topic: string;
}

/** "What did X say (about Y)?" and its variants. */
const SAID =
  /^\s*(?:what|how)\s+(?:did|does|has|have|had)\s+(.+?)\s+(?:say|said|says|tell|told|think|thinks|believe|believes|argue|argued|claim|claimed|predict|predicted|describe|described|call|called|warn|warned)\b(.*)$/i;

/** The speaker and topic of a "what did X say" question, if it is one. */
export function parseSaid(question: string): Said | undefined {
  const m = SAID.exec(question.replace(/[?!.]+\s*$/, ''));
  if (!m) return undefined;
  return { speaker: m[1].replace(/^(the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/i, '').trim(), topic: m[2].trim() };
}
