import { describe, expect, it } from 'vitest';
import { combineOrders, parseVerdict, preferenceOf } from '@/lib/judge/verdict';
import type { JudgeOrder, JudgeRawVerdict } from '@/lib/protocol/judge';

describe('parseVerdict', () => {
  it('reads the final verdict line and keeps the sentences before it as the reason', () => {
    expect(parseVerdict('Output A explains scattering correctly; B does not.\nVerdict: A')).toEqual({
      verdict: 'A',
      reason: 'Output A explains scattering correctly; B does not.',
    });
  });

  it('reads B and tie, in any case', () => {
    expect(parseVerdict('Both fine.\nverdict: b').verdict).toBe('B');
    expect(parseVerdict('Equally good.\nVERDICT: TIE').verdict).toBe('tie');
    expect(parseVerdict('Equally good.\nVerdict: Tie.').verdict).toBe('tie');
  });

  it('lets the last verdict line win when the judge changes its mind', () => {
    expect(parseVerdict('Verdict: A\nOn reflection B is more accurate.\nVerdict: B')).toMatchObject({
      verdict: 'B',
      reason: 'Verdict: A On reflection B is more accurate.',
    });
  });

  it('reads verdict lines decorated with markdown, brackets or the word “output”', () => {
    expect(parseVerdict('Reason.\n**Verdict:** A').verdict).toBe('A');
    expect(parseVerdict('Reason.\n**Verdict: B**').verdict).toBe('B');
    expect(parseVerdict('Reason.\nVerdict: [[A]]').verdict).toBe('A');
    expect(parseVerdict('Reason.\nFinal verdict: Output B').verdict).toBe('B');
    expect(parseVerdict('Reason.\n> Verdict: tie').verdict).toBe('tie');
    expect(parseVerdict('Reason.\r\nVerdict: A\r\n').verdict).toBe('A');
  });

  it('ignores a verdict mentioned inside a sentence rather than on its own line', () => {
    expect(parseVerdict('I would write Verdict: A here, but I will not.').verdict).toBe('unparsable');
  });

  it('calls a reply without a verdict line unparsable and quotes it in the reason', () => {
    const parsed = parseVerdict('Both answers have merit and I cannot choose.');
    expect(parsed.verdict).toBe('unparsable');
    expect(parsed.reason).toContain('Both answers have merit');
  });

  it('calls a last verdict line with another value unparsable', () => {
    expect(parseVerdict('Hmm.\nVerdict: both').verdict).toBe('unparsable');
    expect(parseVerdict('Hmm.\nVerdict: A or B').verdict).toBe('unparsable');
  });

  it('calls an empty reply unparsable', () => {
    expect(parseVerdict('')).toEqual({ verdict: 'unparsable', reason: 'The judge wrote nothing.' });
  });

  it('shortens a long reason', () => {
    const parsed = parseVerdict(`${'word '.repeat(500)}\nVerdict: A`);
    expect(parsed.reason.length).toBeLessThanOrEqual(600);
    expect(parsed.reason.endsWith('…')).toBe(true);
  });
});

describe('preferenceOf', () => {
  it('maps a positional verdict to a side given where the MoA answer stood', () => {
    expect(preferenceOf('A', 'A')).toBe('moa');
    expect(preferenceOf('B', 'A')).toBe('baseline');
    expect(preferenceOf('A', 'B')).toBe('baseline');
    expect(preferenceOf('B', 'B')).toBe('moa');
    expect(preferenceOf('tie', 'B')).toBe('tie');
    expect(preferenceOf('unparsable', 'A')).toBeUndefined();
  });
});

/** The two readings for raw verdicts given with the MoA answer as A, then as B. */
function readings(moaAsA: JudgeRawVerdict, moaAsB: JudgeRawVerdict): [JudgeOrder, JudgeOrder] {
  const order = (moaPosition: 'A' | 'B', verdict: JudgeRawVerdict): JudgeOrder => ({
    moaPosition,
    verdict,
    preferred: preferenceOf(verdict, moaPosition),
    reason: 'r',
  });
  return [order('A', moaAsA), order('B', moaAsB)];
}

describe('combineOrders', () => {
  it.each([
    // MoA as A, MoA as B → verdict, MoA score
    ['A', 'B', 'moa', 1],
    ['B', 'A', 'baseline', 0],
    ['tie', 'tie', 'tie', 0.5],
    ['A', 'tie', 'moa', 0.75],
    ['tie', 'B', 'moa', 0.75],
    ['B', 'tie', 'baseline', 0.25],
    ['tie', 'A', 'baseline', 0.25],
    ['A', 'A', 'inconsistent', 0.5],
    ['B', 'B', 'inconsistent', 0.5],
  ] as const)('combines %s (MoA as A) and %s (MoA as B) into %s with a MoA score of %s', (first, second, verdict, score) => {
    const combined = combineOrders(readings(first, second));
    expect(combined.verdict).toBe(verdict);
    expect(combined.moaScore).toBe(score);
    expect(combined.reason.length).toBeGreaterThan(0);
  });

  it('says position bias when the judge preferred whichever answer came first', () => {
    expect(combineOrders(readings('A', 'A')).reason).toMatch(/came first.*position bias/);
    expect(combineOrders(readings('B', 'B')).reason).toMatch(/came second.*position bias/);
  });

  it('counts a tie as half a win, so one win and one tie make a win', () => {
    expect(combineOrders(readings('A', 'tie')).reason).toMatch(/tie as half a win/);
  });

  it('makes the verdict inconsistent, without a score, when a reading is unparsable', () => {
    for (const [first, second] of [
      ['unparsable', 'B'],
      ['A', 'unparsable'],
      ['unparsable', 'unparsable'],
    ] as const) {
      const combined = combineOrders(readings(first, second));
      expect(combined.verdict).toBe('inconsistent');
      expect(combined.moaScore).toBeUndefined();
      expect(combined.reason).toMatch(/no readable “Verdict: A\/B\/tie” line/);
    }
    expect(combineOrders(readings('unparsable', 'B')).reason).toContain('with the MoA answer first');
    expect(combineOrders(readings('A', 'unparsable')).reason).toContain('with the MoA answer second');
  });
});
