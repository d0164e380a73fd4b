import { describe, expect, it } from 'vitest';
import { answerTypeRow, typeFit } from '../../../src/text/answer/answer-types.js';
import { clauseSpans } from '../../../src/text/answer/extract/clauses.js';
import { nameSpans, personSpans } from '../../../src/text/answer/extract/names.js';
import { ageSpans, amountSpans, numberSpans } from '../../../src/text/answer/extract/numbers.js';
import { placeSpans } from '../../../src/text/answer/extract/places.js';
import { reasonSpans } from '../../../src/text/answer/extract/reasons.js';
import { timeSpans } from '../../../src/text/answer/extract/times.js';
import { person, place, question, sentence } from './builders.js';

const texts = (spans: { text: string }[]) => spans.map((s) => s.text);

describe('numberSpans (how many)', () => {
  it('finds "36 planes" for "how many aircraft": the counted thing reworded', () => {
    const q = question('How many aircraft did the airline order?');
    const s = sentence(
      'The airline said it had ordered 36 planes from Boeing, worth about $4bn, in a deal signed on Tuesday.',
    );
    expect(numberSpans(s, q)[0].text).toBe('36 planes');
  });

  it('a number followed by the asked-about noun reads best (quality 1)', () => {
    const q = question('How many troops did France send to Mali?');
    const spans = numberSpans(sentence('In 2013, after 12 days of talks, France sent 3,000 troops to Mali.'), q);
    expect(spans[0]).toEqual({ text: '3,000 troops', quality: 1 });
    expect(spans.slice(1).every((e) => e.quality < 1)).toBe(true);
  });

  it('"thousands of jobs" is half as good an answer as "45,000 jobs"', () => {
    const q = question('How many jobs could the steel firm shed?');
    expect(numberSpans(sentence('The firm will have to shed thousands of jobs.'), q)[0]).toEqual({
      text: 'thousands of jobs',
      quality: 0.5,
    });
    expect(numberSpans(sentence('The firm could shed 45,000 jobs.'), q)[0]).toEqual({
      text: '45,000 jobs',
      quality: 1,
    });
  });

  it('skips a number the question states itself and a bare year', () => {
    const q = question('How many of the 10,000 tickets were sold?');
    const spans = texts(
      numberSpans(sentence('All 10,000 tickets were sold in 2004, and 2,500 went to fans abroad.'), q),
    );
    expect(spans.some((t) => t.includes('10,000'))).toBe(false);
    expect(spans.some((t) => t.includes('2004'))).toBe(false);
    expect(spans[0]).toMatch(/^2,500/);
  });
});

describe('amountSpans and ageSpans (how much, how old)', () => {
  it('a paying question gets only sums of money and percentages', () => {
    const q = question('How much did eBay pay for Skype?');
    expect(texts(amountSpans(sentence('eBay paid $2.6bn for Skype in 2005 after 18 months of talks.'), q))).toEqual([
      '$2.6bn',
    ]);
  });

  it('other "how much" questions get measured quantities', () => {
    const q = question('How much did the winner weigh?');
    expect(amountSpans(sentence('The winner weighed in at 86.9kg on Friday.'), q)[0].text).toBe('86.9kg');
  });

  it('reads an age from a hyphenated number or from ", 62," after a name', () => {
    expect(texts(ageSpans(sentence('The champion, a 13-year-old schoolgirl from Leeds, beat 200 rivals.')))).toEqual([
      '13-year-old',
    ]);
    expect(texts(ageSpans(sentence('Ebrard, 62, has been foreign secretary since 2018.')))).toEqual(['62']);
    expect(ageSpans(sentence('The champion beat 200 rivals in 2018.'))).toEqual([]);
  });
});

describe('timeSpans (when)', () => {
  it('gives a resolved date in the article’s words', () => {
    const s = sentence('Blinken met Ebrard in Mexico City on Oct. 8, 2021, for talks.', {
      dates: [{ text: 'Oct. 8, 2021', date: '2021-10-08', inferred: false }],
    });
    expect(timeSpans(s)[0]).toEqual({ text: 'Oct. 8, 2021', quality: 1 });
  });

  it('adds the calendar date to a weekday, and trusts an inferred date less', () => {
    const s = sentence('Blinken met Ebrard on Friday.', {
      dates: [{ text: 'Friday', date: '2021-10-08', inferred: true }],
    });
    expect(timeSpans(s)).toEqual([{ text: 'Friday (2021-10-08)', quality: 0.8 }]);
  });

  it('reads looser time phrases, but not "may" the verb', () => {
    expect(texts(timeSpans(sentence('The strike started in March 2020 and ended last year.')))).toEqual([
      'March 2020',
      'last year',
    ]);
    expect(timeSpans(sentence('Officials said talks May resume soon.'))).toEqual([]);
  });

  it('"on what date" is half answered by a phrase that names no day; "which year" by one without a year', () => {
    const date = question('On what date are the festivals taking place?');
    expect(timeSpans(sentence('The festivals run on 26-28 August.'), date)).toEqual([
      { text: '26-28 August', quality: 0.7 },
    ]);
    expect(timeSpans(sentence('The bands will headline this summer.'), date)).toEqual([
      { text: 'this summer', quality: 0.35 },
    ]);
    const year = question('In which year did the film come out?');
    expect(timeSpans(sentence('It came out in 2004, in March.'), year)).toEqual([
      { text: 'in 2004', quality: 0.7 },
      { text: 'March', quality: 0.35 },
    ]);
  });
});

describe('placeSpans (where)', () => {
  it('finds "Mexico City" after "in"', () => {
    const q = question('Where did Blinken meet Ebrard?');
    const s = sentence('Blinken met Ebrard in Mexico City, where the two discussed security.', {
      entities: [place('Mexico City')],
    });
    expect(placeSpans(s, q)[0]).toEqual({ text: 'Mexico City', quality: 0.9 });
  });

  it('skips a place the question names itself and prefers the phrase after the question’s words', () => {
    const q = question('Where were the talks in Mexico held?');
    const s = sentence('The talks in Mexico were held at the National Palace in the capital.', {
      entities: [place('Mexico'), place('National Palace')],
    });
    const spans = texts(placeSpans(s, q));
    expect(spans).not.toContain('Mexico');
    expect(spans[0]).toBe('the National Palace');
  });

  // A joiner ("on", "of") joins a name only when a name follows, not a weekday or month.
  it('does not end a place with the "on" of a following weekday ("in Mexico City on Friday")', () => {
    const q = question('Where did Blinken meet Ebrard?');
    const s = sentence('Blinken met Ebrard in Mexico City on Friday for talks on security.', {
      entities: [place('Mexico City')],
    });
    expect(placeSpans(s, q)[0].text).toBe('Mexico City');
  });

  it('a description ("the Austrian capital") is a weak answer; a named place beats it', () => {
    const q = question('In which city is the musical staged?');
    const described = placeSpans(sentence('The musical is staged for the first time in the Austrian capital.'), q);
    expect(described).toEqual([{ text: 'the Austrian capital', quality: 0.3 }]);
    const named = placeSpans(sentence('The production makes its debut in Vienna on Saturday.'), q);
    expect(named[0]).toEqual({ text: 'Vienna', quality: 0.9 });
  });

  it('reads the name out of "the port city of Visakhapatnam", not the description before it', () => {
    const q = question('In which port city would the plant be built?');
    const s = sentence("The plant would be set up in the port city of Visakhapatnam on India's eastern coast.");
    expect(placeSpans(s, q)[0]).toEqual({ text: 'Visakhapatnam', quality: 0.9 });
  });
});

describe('personSpans and nameSpans (who, which NOUN)', () => {
  const breakfast =
    'Blinken met with Mexican President Andrés Manuel López Obrador and Mexican Foreign Secretary Marcelo Ebrard at a working breakfast.';
  const people = { entities: [person('Blinken'), person('Andrés Manuel López Obrador'), person('Marcelo Ebrard')] };

  it('names a person the question does not name', () => {
    const spans = texts(personSpans(sentence(breakfast, people), question('Who did Blinken meet?')));
    expect(spans).not.toContain('Blinken');
    expect(spans[0]).toBe('Andrés Manuel López Obrador');
  });

  it('does not answer with the person the question names by surname alone', () => {
    const withFull = sentence('Antony Blinken met with Mexican Foreign Secretary Marcelo Ebrard.', {
      entities: [person('Antony Blinken'), person('Marcelo Ebrard')],
    });
    const spans = texts(personSpans(withFull, question('Who did Blinken meet?')));
    expect(spans).not.toContain('Antony Blinken');
    expect(spans[0]).toBe('Marcelo Ebrard');
  });

  it('puts first the person whose stated role the question asks about', () => {
    const spans = personSpans(
      sentence(breakfast, people),
      question('Which Mexican foreign secretary did Blinken meet?'),
    );
    expect(spans[0]).toEqual({ text: 'Marcelo Ebrard', quality: 1 });
    expect(spans[1].quality).toBeLessThan(1);
  });

  it('a plural question gets the list of people first', () => {
    const spans = personSpans(sentence(breakfast, people), question('Which officials did Blinken meet?'));
    expect(spans[0].text).toBe('Andrés Manuel López Obrador and Marcelo Ebrard');
  });

  it('a "which NOUN" role is matched by its own words, not by any question word ("Mexican" is not "Mexico City")', () => {
    const cabinet = sentence(
      'Blinken met Mexican President Andrés Manuel López Obrador and U.S. Attorney General Merrick Garland in Mexico City.',
      { entities: [person('Blinken'), person('Andrés Manuel López Obrador'), person('Merrick Garland')] },
    );
    const spans = personSpans(cabinet, question('Which U.S. official is in Mexico City?'));
    expect(spans[0]).toEqual({ text: 'Merrick Garland', quality: 1 });
  });

  it('a question that names no role prefers no one by a stated role ("Mexican" is not a role)', () => {
    const spans = personSpans(sentence(breakfast, people), question('Who is leading the Mexican side?'));
    expect(spans.every((e) => e.quality < 1)).toBe(true);
  });

  it('a name the analysis did not type is cut at its possessive and never a figure', () => {
    const s = sentence(
      "Fuller sold the firm for $156m to Robert Sillerman's Sports Entertainment Enterprises, which also owns CFX.",
    );
    const spans = texts(personSpans(s, question('To which entrepreneur did Fuller sell the firm?')));
    expect(spans).toContain('Robert Sillerman');
    expect(spans.some((t) => /^\d/.test(t) || t.includes('Sports Entertainment'))).toBe(false);
  });

  it('a numeral in a name makes it another name: "BBC Two" answers a question that names BBC One', () => {
    const spans = nameSpans(
      sentence('The programme is to move from BBC One on Fridays to Sundays on BBC Two.'),
      question('To which channel is the programme moving after 40 years on BBC One?'),
    );
    expect(texts(spans)).toContain('BBC Two');
    expect(texts(spans)).not.toContain('BBC One');
  });

  it('"the name of the framework": the name holding "Framework", or given after "called", is the answer', () => {
    const s = sentence(
      'The new U.S.-Mexico bilateral framework replaces a plan, called the U.S.-Mexico Bicentennial Framework for Security.',
    );
    const spans = nameSpans(s, question('What is the full name of the new framework?'));
    const best = spans.reduce((a, b) => (b.quality > a.quality ? b : a));
    expect(best).toEqual({ text: 'U.S.-Mexico Bicentennial Framework for Security', quality: 1 });
    // "U.S.-Mexico" before "bilateral framework" only says whose framework it is.
    expect(spans.find((e) => e.text === 'U.S.-Mexico')?.quality).toBe(0.4);
  });

  it('words in quotation marks are a title only when they start with a capital', () => {
    const q = question('What film was he shooting?');
    expect(texts(nameSpans(sentence('He was shooting the film "Retirement" in Miami.'), q))).toContain('Retirement');
    const quoted = sentence('The film will “learn from each other” and “set priorities together,” he said.');
    expect(texts(nameSpans(quoted, q))).toEqual([]);
  });

  it('a person is a weak answer to "which NOUN" that asks for a thing', () => {
    const s = sentence('Some information came from Reuters, Ebrard said.', { entities: [person('Ebrard')] });
    const spans = answerTypeRow('name').extract(s, question('Which news agency contributed to the report?'));
    const quality = (t: string) => spans.find((e) => e.text === t)?.quality ?? 0;
    expect(quality('Reuters')).toBeGreaterThan(quality('Ebrard'));
    // A nationality names no thing.
    const side = sentence('Representing the Mexican side will be Ebrard.', { entities: [person('Ebrard')] });
    expect(texts(nameSpans(side, question('Which news agency contributed to the report?')))).not.toContain('Mexican');
  });

  it('"which channel" gets the name nearest the word channel', () => {
    const spans = nameSpans(
      sentence('The final was shown live on the channel BBC One to 9 million viewers in Britain.'),
      question('Which TV channel showed the final?'),
    );
    expect(spans[0]).toEqual({ text: 'BBC One', quality: 0.9 });
  });
});

describe('reasonSpans (why)', () => {
  it('finds a "because …" clause', () => {
    const spans = reasonSpans(
      sentence('The minister resigned on Monday because of a row over expenses claims.'),
      question('Why did the minister resign?'),
    );
    expect(spans[0]).toEqual({ text: 'because of a row over expenses claims', quality: 1 });
  });

  it('a purpose phrase that only repeats the question is no reason', () => {
    const q = question('Why did residents want to vote?');
    expect(texts(reasonSpans(sentence('Residents wanted to vote.'), q))).toEqual([]);
  });
});

describe('clauseSpans (what)', () => {
  const initiative =
    'The two countries unveiled a new initiative, called the U.S.-Mexico Bicentennial Framework for Security, Public Health and Safe Communities, to look for ways to cooperate.';

  it('gives the name an initiative is called by, not a restatement of the question', () => {
    const spans = texts(
      clauseSpans(sentence(initiative), question('What new initiative did the two countries unveil?')),
    );
    expect(spans[0]).toBe('the U.S.-Mexico Bicentennial Framework for Security, Public Health and Safe Communities');
    expect(spans).not.toContain('a new initiative');
  });

  it('"what drugs" gets the instances listed after the noun', () => {
    const s = sentence(
      'The U.S. side is expected to seek efforts to combat the trafficking of illicit drugs such as fentanyl.',
    );
    expect(clauseSpans(s, question('What drugs does the U.S. want to combat?'))[0]).toEqual({
      text: 'fentanyl',
      quality: 0.9,
    });
  });

  it('"what did X say" gets the quoted words', () => {
    const s = sentence(
      '“The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity,” Price said.',
    );
    expect(clauseSpans(s, question('What did Price say about the Merida Initiative?'))[0].text).toBe(
      'The Merida Initiative helped Mexico strengthen rule of law and counternarcotics capacity',
    );
  });

  it('a sentence without any question word gives nothing', () => {
    expect(clauseSpans(sentence('Talks resumed on Friday.'), question('What did the two countries unveil?'))).toEqual(
      [],
    );
  });
});

describe('typeFit', () => {
  it('is the best span quality for a closed type and 1 for an open one', () => {
    expect(
      typeFit(answerTypeRow('howmany'), [
        { text: 'a', quality: 0.4 },
        { text: 'b', quality: 0.7 },
      ]),
    ).toBe(0.7);
    expect(typeFit(answerTypeRow('howmany'), [])).toBe(0);
    expect(typeFit(answerTypeRow('what'), [])).toBe(1);
    expect(typeFit(answerTypeRow('yesno'), [])).toBe(1);
  });
});
