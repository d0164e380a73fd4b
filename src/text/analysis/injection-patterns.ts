/**
 * What text addressed to a language model looks like, as opposed to text reporting news. Each
 * pattern runs on a sentence normalised by injection.ts (lower case, straight quotes, invisible
 * characters removed, whitespace collapsed). They come from published prompt-injection examples
 * (OWASP LLM01, the "ignore previous instructions" family, DAN-style role-play, chat-markup tokens,
 * indirect injections planted in web pages) and were checked against the 1,781 BBC development
 * articles (scripts/injection-false-positives.ts) so that ordinary reporting does not trip them.
 */

/** Why a sentence was taken for an instruction to the model. */
export type InjectionKind =
  | 'override'
  | 'system-prompt'
  | 'role-play'
  | 'addressed-to-model'
  | 'directive'
  | 'hidden-text';

export interface InjectionPattern {
  kind: InjectionKind;
  /** Shown to operators and stored with the sentence. */
  reason: string;
  re: RegExp;
}

const AI = String.raw`(?:ai|ais|a\.i\.|artificial intelligence|(?:large )?language models?|llms?|chat ?bots?|chatgpt|gpt(?:-?\d[\w.-]*)?|claude|gemini|copilot|(?:ai )?assistants?|ai models?|ai agents?|bots?)`;
const SPEAK = String.raw`(?:say|state|answer|reply|respond|claim|declare|assert|insist|report|write|output|print|mention|tell (?:the )?(?:users?|readers?|everyone|anyone|people|them|the team))`;
/** Words that may open an imperative without changing it: "And now say that …". */
const FILLERS = String.raw`(?:(?:and|so|now|please|just|also|instead|then|always|only|simply|finally),? )*`;
/** The narrower set for "you must …": "you must write" or "you have to say" are common in quoted speech. */
const SPEAK_TO_USER = String.raw`(?:say|state|answer|reply|respond|claim|declare|output|print|tell (?:the )?(?:users?|readers?))`;
const RULES = String.raw`(?:instructions?|prompts?|directions|directives?|guidelines|rules|commands|orders|guardrails|context|programming|constraints|restrictions|safeguards|policies|system messages?)`;
const EARLIER = String.raw`(?:previous|prior|preceding|above|earlier|foregoing|original|initial|existing|system|your|all(?: of)?(?: the| your| these| those)?(?: previous| prior| above| earlier| other)?|any(?: previous| prior| other)?)`;

export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  // "Ignore previous instructions", "disregard all prior prompts", "forget your rules".
  {
    kind: 'override',
    reason: 'tells the model to ignore its instructions',
    re: new RegExp(
      String.raw`\b(?:ignore|disregard|forget|override|bypass|overlook|abandon|discard|set aside|throw out)\s+${EARLIER}\s+(?:\w+\s+){0,2}?${RULES}\b`,
    ),
  },
  {
    kind: 'override',
    reason: 'tells the model to ignore what came before',
    re: /\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:above|before|previously|so far|you (?:were|have been|are) told|(?:that|which) (?:came|comes|was said|is written) (?:before|above))\b/,
  },
  {
    kind: 'override',
    reason: 'announces new instructions',
    re: new RegExp(
      String.raw`\b(?:new|updated|real|actual|true|revised|hidden|secret|additional|overriding)\s+(?:system\s+)?instructions?\s*[:\-–—]|\binstructions?\s+(?:for|to)\s+(?:the |any |all )?${AI}\b|\bdo not follow (?:the |your |any )?(?:previous|prior|original|system|above|earlier)\b`,
    ),
  },
  // Chat markup and prompt vocabulary that never appears in reporting as such.
  {
    kind: 'system-prompt',
    reason: 'mentions the system prompt or carries chat markup',
    re: /\bsystem[ -]?prompt\b|\bdeveloper (?:message|prompt)\b|\byour (?:system|developer) (?:messages?|instructions)\b|<\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\|?>|\[\/?inst\]|<<\/?sys>>|^(?:#+ ?)?(?:system|assistant)\s*:|\b(?:begin|end) (?:of )?(?:the )?(?:system|hidden|secret) (?:prompt|instructions?|message)\b/,
  },
  // Role-play set-ups: "you are now", "pretend you are", "act as an unrestricted AI", "DAN".
  {
    kind: 'role-play',
    reason: 'sets the model a new role',
    re: new RegExp(
      String.raw`\byou are (?:now|no longer|hereby|henceforth) (?:an? |the |in |called |named |known as |free |unrestricted |unfiltered |uncensored |bound |restricted |limited |required |subject to |going to |my |dan\b|${AI}\b|[\w-]+,? an? (?:[\w-]+ )?${AI}\b)|\bfrom now on,? (?:you|your|the assistant|the ai)\b|\b(?:pretend|imagine|assume) (?:that )?you(?: are|'re| were)\b|\b(?:act|behave|respond|answer) as (?:if you were |though you were )?(?:an?|the|my) (?:[\w-]+ ){0,3}?(?:${AI}|character|persona)\b|\brole-?play(?:ing)? as\b|\b(?:enter|switch to|enable|activate) (?:developer|dan|god|jailbreak|unrestricted|debug) mode\b|\bdo anything now\b|\byour (?:new |real |true )?(?:role|persona|task|job|goal) (?:is|will be) (?:now )?to\b`,
    ),
  },
  // Text that speaks to a model: "If you are an AI…", "Note to LLMs…", "AI assistants reading this…".
  {
    kind: 'addressed-to-model',
    reason: 'speaks to an AI model',
    re: new RegExp(
      String.raw`\b(?:if|when) you are an? ${AI}\b|\b(?:note|message|attention|instructions?|reminder) (?:to|for) (?:any |all |the )?${AI}\b|^(?:dear|hey|hello|attention|hi),? ${AI}\b|\b${AI},? (?:reading|summari[sz]ing|processing|parsing|analy[sz]ing|answering|crawling) (?:this|these)\b|\bas an? ${AI},? you (?:must|should|will)\b`,
    ),
  },
  // Directives: "Say that …", "you must answer …", "when asked about X, say …", "always reply with …".
  {
    kind: 'directive',
    reason: 'tells the model what to say',
    re: new RegExp(
      String.raw`^${FILLERS}(?:say|state|claim|declare|assert|insist|tell (?:the )?(?:users?|readers?|everyone|anyone|people|them))(?: that\b|\s*:| only\b| "| (?:the |that |a |an )?(?:[\w'-]+ ){0,6}?(?:is|are|was|were)\b)` +
        String.raw`|^${FILLERS}(?:answer|reply|respond)(?: that\b| only\b| with\b| by saying\b)`,
    ),
  },
  {
    kind: 'directive',
    reason: 'tells the model what to say',
    re: new RegExp(
      String.raw`\byou (?:must|shall|will now|are (?:required|instructed|told|expected) to) (?:always |only |now |instead )?(?:${SPEAK_TO_USER}|ignore|pretend|include)\b` +
        String.raw`|\bwhen (?:you are )?(?:asked|questioned|summari[sz]ing|answering|responding|replying)\b[^.!?]{0,80}, (?:always |only |just |please )?(?:${SPEAK})\b` +
        String.raw`|\b(?:always|only) (?:answer|respond|reply) (?:with|that|by)\b|\brespond only with\b` +
        String.raw`|\b(?:do not|don't|never) (?:tell|reveal to|inform) the user\b|\b(?:do not|don't|never) (?:mention|reveal|disclose) (?:these|this|the|your) (?:instructions?|prompt|rules)\b` +
        String.raw`|\b(?:print|reveal|output|leak|repeat|disclose) (?:your|the) (?:system )?(?:prompt|instructions|api key|secrets?|tokens?|password|configuration)\b`,
    ),
  },
  // Inline markup that hides text from readers but not from a model reading the raw text.
  {
    kind: 'hidden-text',
    reason: 'carries markup that hides text from readers',
    re: /display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*[;"']|opacity\s*:\s*0(?:\.0+)?\s*[;"']|<!--/,
  },
];
