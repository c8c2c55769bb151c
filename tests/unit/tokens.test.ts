import { describe, expect, it } from 'vitest';
import { estimateTokens, estimateTokensOfLength } from '@/lib/tokens';

describe('token estimates', () => {
  it('counts Latin text at four characters a token and any other script at one a character', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('你好')).toBe(2);
    expect(estimateTokens('ab你')).toBe(2);
  });

  it('counts a text known only by its length at the Latin rate, rounding up', () => {
    expect(estimateTokensOfLength(8)).toBe(estimateTokens('abcdefgh'));
    expect(estimateTokensOfLength(9)).toBe(3);
  });
});
