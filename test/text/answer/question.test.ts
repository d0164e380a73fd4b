import { describe, expect, it } from 'vitest';
import { answerTypeOf } from '../../../src/text/answer/answer-types.js';
import { featureContext, featuresOf } from '../../../src/text/answer/features.js';
import { analyzeQuestion, namedTerms } from '../../../src/text/answer/question.js';
import { hit, question, retrieval } from './builders.js';

const typeOf = (text: string) => question(text).type;
const term = (text: string, word: string) => question(text).terms.find((t) => t.text === word);

describe('question: answer type', () => {
  it.each([
    ['Who met Marcelo Ebrard in Mexico City?', 'who'],
    ['When did the security talks start?', 'when'],
    ['What year did the Merida Initiative start?', 'when'],
    ['Where did Blinken meet Ebrard?', 'where'],
    ['How many aircraft did the airline order?', 'howmany'],
    ['How long did the strike last?', 'howmany'],
    ['How much did eBay pay for Skype?', 'howmuch'],
    ['What was the score in the final?', 'howmuch'],
    ['How old is the new champion?', 'howold'],
    ['Why did the minister resign?', 'why'],
    ['Did Blinken meet López Obrador?', 'yesno'],
    ['Which TV channel showed the final?', 'name'],
    ['What did the two countries unveil?', 'what'],
  ])('%s → %s', (text, type) => {
    expect(typeOf(text)).toBe(type);
  });

  it('a "what NOUN" question asking for a sum or a count is typed by its noun', () => {
    expect(typeOf('What average annual income do children have?')).toBe('howmuch');
    expect(typeOf('What odds was the bookmaker offering?')).toBe('howmuch');
    expect(typeOf('To what world ranking did she rise?')).toBe('howmany');
    expect(typeOf('What was the average audience for the episode?')).toBe('howmany');
  });

  it('a possessor is what a "which" question asks for, not the name before it', () => {
    expect(typeOf("Which Manchester City goalkeeper's saves held Chelsea to a draw?")).toBe('who');
    expect(typeOf("In which US state's court was the lawsuit filed?")).toBe('where');
    expect(typeOf("Which Labour peer's bill would change the succession?")).toBe('who');
  });

  it('"number" before a numeral is a numbered label (a rank, a position), not a count', () => {
    expect(typeOf('Which world number 106 knocked out the fifth seed?')).not.toBe('howmany');
    expect(typeOf('Which Wales number eight will lead the side?')).not.toBe('howmany');
    expect(typeOf('What number of voters turned out?')).toBe('howmany');
  });

  it('a leading auxiliary makes a yes/no question even with a question word later on', () => {
    expect(typeOf('Did Bill Gates announce the deal when he opened the show?')).toBe('yesno');
  });

  it('"which NOUN" asks for a person when the noun is a people noun, else for a named thing', () => {
    const officials = question('Which officials met in Mexico City?');
    expect(officials.type).toBe('who');
    expect(officials.plural).toBe(true);
    const channel = question('Which TV channel showed the final?');
    expect(channel.whNoun).toBe('channel');
    expect(channel.plural).toBe(false);
  });

  it('"the name of the X" asks for the name of an X: the noun is X', () => {
    const framework = question('What is the full name of the new framework?');
    expect(framework.type).toBe('name');
    expect(framework.whNoun).toBe('framework');
  });

  it('"take place" only says that something happens: neither word is a term', () => {
    const keys = question('Where are the security talks taking place?').terms.map((t) => t.text);
    expect(keys).toEqual(['security', 'talks']);
    expect(question('Which place did the band visit?').terms.map((t) => t.text)).toContain('place');
  });

  it('"what kind of" asks for a description, not a place or a name', () => {
    expect(typeOf('What kind of city is Monterrey?')).toBe('what');
    expect(typeOf('What city hosted the talks?')).toBe('where');
  });

  it('the type is read from the opening alone (answerTypeOf over the Opening)', () => {
    expect(answerTypeOf({ wh: 'how', next: 'many', nouns: [] })).toBe('howmany');
    expect(answerTypeOf({ wh: 'what', next: 'drugs', nouns: ['drug'] })).toBe('name');
    expect(answerTypeOf({ wh: 'what', next: 'reason', nouns: ['reason'] })).toBe('why');
    expect(answerTypeOf({ wh: 'was', next: 'it', nouns: [] })).toBe('yesno');
  });
});

describe('question: "what did X say about Y"', () => {
  it('reads the speaker and the topic, and the topic noun is the focus', () => {
    const q = question('What did Antony Blinken say about fentanyl?');
    expect(q.type).toBe('what');
    expect(q.said).toEqual({ speaker: 'Antony Blinken', topic: 'about fentanyl' });
    expect(q.terms.filter((t) => t.focus).map((t) => t.text)).toEqual(['fentanyl']);
  });

  it('drops a title before the speaker, and has no said for other what-questions', () => {
    expect(question('What did Mr Ebrard tell reporters?').said?.speaker).toBe('Ebrard');
    expect(question('What did the two countries unveil?').said).toBeUndefined();
  });

  it('answering or reacting in words is saying too, in the "did" and the "has" form', () => {
    expect(question('How did Age Concern react to the retirement plan?').said).toEqual({
      speaker: 'Age Concern',
      topic: 'to the retirement plan',
    });
    expect(question('How did Lord Rennard explain the missed vote?').said?.speaker).toBe('Lord Rennard');
    expect(question('What has Ebrard said about guns?').said).toEqual({ speaker: 'Ebrard', topic: 'about guns' });
    expect(question('How did the firm respond?').said?.speaker).toBe('firm');
    expect(question('What did Blair say, in his speech, about Iraq?').said).toEqual({
      speaker: 'Blair',
      topic: 'in his speech, about Iraq',
    });
    expect(question('How did Newcastle beat Heerenveen?').said).toBeUndefined();
  });
});

describe('question: names', () => {
  it('joins capitalised words into one name and keeps a person name apart from places', () => {
    const q = question('Did Antony Blinken meet officials in Mexico City?');
    expect(q.names).toEqual(['Antony Blinken', 'Mexico City']);
    expect(q.personNames).toEqual(['Antony Blinken']);
  });

  it('keeps joining words inside a name ("Bank of England") and an institution is no person', () => {
    const q = question('How much did the Bank of England raise rates?');
    expect(q.names).toEqual(['Bank of England']);
    expect(q.personNames).toEqual([]);
  });

  it('a title or nationality before a name describes it and is not part of it', () => {
    expect(question('What did Iranian President Mohammad Khatami say?').names).toEqual(['Mohammad Khatami']);
  });

  it('a possessive ends a name, and a nationality plus role is a qualified role', () => {
    const q = question('Did Blinken meet Mexico’s president?');
    expect(q.names).toEqual(['Blinken', 'Mexico']);
    expect(q.roles).toEqual([{ qualifier: 'mexico', role: 'president' }]);
    expect(question('Who is the Canadian prime minister?').roles).toEqual([{ qualifier: 'canada', role: 'minister' }]);
  });

  it('marks capitalised words after the first as proper, the question word never', () => {
    const q = question('Where did Blinken meet Ebrard?');
    expect(q.terms.filter((t) => t.proper).map((t) => t.text)).toEqual(['Blinken', 'Ebrard']);
    expect(q.terms.find((t) => t.text === 'meet')?.proper).toBe(false);
    expect(q.terms.some((t) => t.key === 'where')).toBe(false);
  });

  it('a month, a weekday or a compound with a lower-case part dates or describes: it is not a name', () => {
    const q = question(
      'Which Murdoch-controlled firm did the ex-Free singer join in January, after the Oscar-winning film?',
    );
    expect(q.terms.filter((t) => t.proper).map((t) => t.text)).toEqual([]);
    expect(
      question('What did eBay report for October-December?')
        .terms.filter((t) => t.proper)
        .map((t) => t.text),
    ).toEqual(['eBay']);
    expect(question('Where did Blinken go on Friday?').terms.find((t) => t.text === 'Friday')?.proper).toBe(false);
  });

  it('the named terms leave out nationalities, which describe rather than name', () => {
    const q = question('Which Dutch club did Newcastle beat in the Uefa Cup?');
    expect(namedTerms(q).map((t) => t.text)).toEqual(['Newcastle', 'Uefa', 'Cup']);
  });

  it('a name weighs more than a common verb', () => {
    const q = question('Where did Blinken meet Ebrard?');
    expect(term('Where did Blinken meet Ebrard?', 'Blinken')!.weight).toBeGreaterThan(
      q.terms.find((t) => t.text === 'meet')!.weight,
    );
  });
});

describe('question: focus', () => {
  it('"how many NOUN" focuses the counted noun, past participles before it', () => {
    expect(
      question('How many aircraft did the airline order?')
        .terms.filter((t) => t.focus)
        .map((t) => t.text),
    ).toEqual(['aircraft']);
    expect(
      question('How many scheduled flights were cancelled?')
        .terms.filter((t) => t.focus)
        .map((t) => t.text),
    ).toEqual(['flights']);
  });

  it('"how much did …" has no counted thing, and the focus counts extra weight', () => {
    expect(question('How much did eBay pay for Skype?').terms.some((t) => t.focus)).toBe(false);
    const aircraft = term('How many aircraft did the airline order?', 'aircraft')!;
    const airline = term('How many aircraft did the airline order?', 'airline')!;
    expect(aircraft.pos).toBe(airline.pos);
    expect(aircraft.weight).toBeGreaterThan(airline.weight);
  });

  it('"about Y" focuses Y', () => {
    expect(term('What did the union say about guns?', 'guns')?.focus).toBe(true);
    expect(term('What did the union say about guns?', 'union')?.focus).toBe(false);
  });
});

describe('question: analysed once', () => {
  it('carries its term keys, tokens and opening, so later steps need not re-read the text', () => {
    const q = question('How many aircraft did the airline order?');
    expect(q.keys).toEqual(new Set(q.terms.map((t) => t.key)));
    expect(q.tokens.map((t) => t.text)).toEqual(['How', 'many', 'aircraft', 'did', 'the', 'airline', 'order']);
    expect(q.opening).toEqual({ wh: 'how', next: 'many', nouns: [] });
  });

  it('is plain data: a structured clone ranks a sentence exactly as the original does', () => {
    // A Question with hidden state (a lazy parse, a closure) would not survive the clone.
    const q = question('How many aircraft did the airline order?');
    const copy = structuredClone(q);
    const h = hit('The airline said it had ordered 36 planes from Boeing.', {
      headline: 'Airline orders new aircraft',
    });
    const a = featuresOf(h, featureContext(q, retrieval(q, [h])));
    const b = featuresOf(h, featureContext(copy, retrieval(copy, [h])));
    expect([...b.features]).toEqual([...a.features]);
    expect(b.spans).toEqual(a.spans);
    expect(a.spans[0]?.text).toBe('36 planes');
  });

  it('a question of stop words only is not a Question', () => {
    expect(analyzeQuestion('What is it?')).toEqual({ kind: 'empty', reason: 'stop-words' });
  });
});
