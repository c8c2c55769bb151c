import type { JudgeVerdict } from '@/lib/protocol/judge';

/**
 * A pairwise verdict said from the contestant's side. The judge's vocabulary names the sides "moa" and "baseline"
 * (it was written for MoA against one model); in an evaluation they are the contestant and the reference.
 */
export function verdictWord(verdict: JudgeVerdict): 'won' | 'lost' | 'tie' | 'inconsistent' {
  if (verdict === 'moa') return 'won';
  if (verdict === 'baseline') return 'lost';
  return verdict;
}
