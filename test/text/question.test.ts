import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/text/answer/question.js';
import { searchVariants, stem, wordKey } from '../../src/text/answer/terms.js';

const ok = (q: string) => {
  const a = analyzeQuestion(q);
  if (a.kind !== 'ok') throw new Error(`not ok: ${a.kind}`);
  return a;
};

describe('question analysis', () => {
  it('recognises the answer type', () => {
    expect(ok('Who chairs the committee?').type).toBe('who');
    expect(ok('Which ministers attended the summit?').type).toBe('who');
    expect(ok('When did the talks start?').type).toBe('when');
    expect(ok('What day was the meeting?').type).toBe('when');
    expect(ok('Where was the treaty signed?').type).toBe('where');
    expect(ok('How many people were arrested?').type).toBe('howmany');
    expect(ok('How old is the senator?').type).toBe('howold');
    expect(ok('Why did the minister resign?').type).toBe('why');
    expect(ok('Did the talks succeed?').type).toBe('yesno');
    expect(ok('What did the bank announce?').type).toBe('what');
  });

  it('keeps content words, marks names, the counted thing and the topic', () => {
    const q = ok('How many soldiers did France send to Mali?');
    expect(q.terms.map((t) => t.key)).toEqual(['soldier', 'franc', 'send', 'mali']);
    expect(q.terms.find((t) => t.key === 'soldier')!.focus).toBe(true);
    expect(q.terms.filter((t) => t.proper).map((t) => t.text)).toEqual(['France', 'Mali']);
    expect(ok('What did the union say about pensions?').terms.find((t) => t.text === 'pensions')!.focus).toBe(true);
  });

  it('finds person names and plural who-questions', () => {
    expect(ok('What did Justin Trudeau say?').personNames).toEqual(['Justin Trudeau']);
    expect(ok('What happened in Mexico City?').personNames).toEqual([]);
    expect(ok('Which officials are in Paris?').plural).toBe(true);
  });

  it('matches word variants: stems, nationality and country, U.S. and US', () => {
    expect(stem('representing')).toBe(stem('represent'));
    expect(stem('provided')).toBe(stem('provide'));
    expect(stem('news')).toBe('news');
    expect(wordKey('Mexican')).toBe(wordKey('Mexico'));
    expect(wordKey('U.S.')).toBe(wordKey('US'));
    expect(wordKey('us')).not.toBe(wordKey('US'));
  });

  it('the names British and American news give one country meet: UK, Britain, British; US, America, American', () => {
    expect(new Set(['UK', 'U.K.', 'Britain', "Britain's", 'British'].map(wordKey)).size).toBe(1);
    expect(new Set(['US', 'U.S.', 'USA', 'America', 'American'].map(wordKey)).size).toBe(1);
    expect(wordKey('Britain')).not.toBe(wordKey('America'));
    expect(searchVariants('UK').map((w) => w.toLowerCase())).toEqual(['uk', 'british', 'britain']);
    expect(searchVariants('America').map((w) => w.toLowerCase())).toEqual(['america', 'us', 'usa', 'american']);
    expect(searchVariants('us')).toEqual(['us']);
  });

  it('rejects questions of only stop words, only punctuation, or in another language', () => {
    expect(analyzeQuestion('what is the')).toEqual({ kind: 'empty', reason: 'stop-words' });
    expect(analyzeQuestion('?!... ---')).toEqual({ kind: 'empty', reason: 'no-words' });
    expect(analyzeQuestion('¿Quién es el presidente de México?')).toEqual({ kind: 'foreign' });
    expect(analyzeQuestion('Qui est le président du Mexique ?')).toEqual({ kind: 'foreign' });
    expect(analyzeQuestion('Кто президент Мексики?')).toEqual({ kind: 'foreign' });
    expect(analyzeQuestion('墨西哥总统是谁？')).toEqual({ kind: 'foreign' });
  });
});
