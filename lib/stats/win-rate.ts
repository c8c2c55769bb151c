import { wilsonInterval } from './wilson';

/** Below this many counted comparisons a rate is not shown: it would say more about chance than about MoA. */
export const MIN_SAMPLE = 10;

/** Outcomes of pairwise comparisons from MoA's side. */
export type WinTally = { wins: number; losses: number; ties: number };

/**
 * MoA's win rate, or only how many comparisons there are while too few to show one.
 * `n` counts wins, losses and ties; `rate` and its 95% Wilson interval count a tie as half a win.
 */
export type WinRate =
  | { shown: false; n: number }
  | { shown: true; n: number; rate: number; lower: number; upper: number };

/**
 * The win rate of a tally, AlpacaEval-style: (wins + ties / 2) / (wins + losses + ties). Hidden below `MIN_SAMPLE`.
 */
export function winRate({ wins, losses, ties }: WinTally): WinRate {
  const n = wins + losses + ties;
  if (n < MIN_SAMPLE) return { shown: false, n };
  const points = wins + ties / 2;
  return { shown: true, n, rate: points / n, ...wilsonInterval(points, n) };
}
