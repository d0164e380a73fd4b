import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/util/bounded-memo.js';

describe('BoundedMemo', () => {
  it('computes a key once, including falsy results, and starts over when full', () => {
    const calls: string[] = [];
    const memo = new BoundedMemo<string, boolean>(2);
    const isA = (k: string) => (calls.push(k), k === 'a');
    expect([memo.get('a', isA), memo.get('b', isA), memo.get('a', isA), memo.get('b', isA)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(calls).toEqual(['a', 'b']);
    memo.get('c', isA); // full: forgets a and b
    memo.get('a', isA);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
