/** Text that users type and that FTS5 would otherwise read as query syntax. */
export const HOSTILE_TERMS: string[][] = [
  ['"'],
  ['"Blinken'],
  ['Blinken"', 'talks'],
  ['AND'],
  ['OR', 'NOT'],
  ['Blinken AND', 'NOT Mexico'],
  ['*'],
  ['Blink*'],
  ['^Blinken'],
  ['title:Blinken'],
  ['text:', ':'],
  ['-Mexico'],
  ['(Blinken'],
  ['Blinken)', '(', ')'],
  ['NEAR(Blinken Mexico)'],
  ["''", '""""'],
  [''],
  [],
];

/** The same for PostgreSQL's tsquery syntax, plus sizes, scripts and control characters a parser might trip on. */
export const HOSTILE_TSQUERY_AND_SIZE_TERMS: string[][] = [
  ['&'],
  ['|', '!'],
  ['mexico & !security'],
  ['secur:*'],
  ['<->'],
  ['talks <2> agenda'],
  ['\\'],
  ['   ', '\t\n'],
  ['x'.repeat(5000)],
  [`Blinken ${'word '.repeat(2000)}`],
  Array.from({ length: 200 }, (_, i) => `term${i}`),
  ['Zürich', 'среду', '東京', 'مرحبا', '🙂', 'e\u0301te'],
  ['\uFFFF', '\uD800'],
  ['a\u0000b', '\u0000', 'talks\u0007\u001b'],
];
