import type {
  JudgeOrder,
  JudgePreference,
  JudgeRawVerdict,
  JudgeVerdict,
} from '@/lib/protocol/judge';

/** How much of the judge's reasoning a judgment keeps. */
export const REASON_CHARS = 600;

/**
 * A line that states the verdict: `Verdict: A`, also as `**Verdict:** B`, `Final verdict - tie`, `> verdict: [[A]]`.
 * Decorations (markdown emphasis, quotes, list marks, brackets) around the word and the value are allowed.
 */
const VERDICT_LINE = /^[\s>*_#`~-]*(?:final\s+)?verdict[\s*_`]*[:：-]\s*(.*)$/i;

/** Reads one verdict value: `A`, `B` or `tie`, possibly as `Output A`, `**B**`, `[[A]]`, `Tie.`. */
function readValue(raw: string): Exclude<JudgeRawVerdict, 'unparsable'> | undefined {
  const value = raw
    .replace(/[*_`"'“”‘’[\]().!]/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^(?:output|answer|response|assistant)\s+/, '')
    .trim();
  if (value === 'a') return 'A';
  if (value === 'b') return 'B';
  if (value === 'tie' || value === 'a tie' || value === 'draw') return 'tie';
  return undefined;
}

function shorten(text: string): string {
  const flattened = text.replace(/\s+/g, ' ').trim();
  return flattened.length <= REASON_CHARS ? flattened : `${flattened.slice(0, REASON_CHARS - 1).trimEnd()}…`;
}

/**
 * Reads a judge's reply: the last line that starts with `Verdict:` (case-insensitive) decides, and the text before
 * it is the reason. No such line, or one whose value is not A, B or tie, makes the reading `unparsable`; its reason
 * then quotes the start of what the judge wrote.
 */
export function parseVerdict(text: string): { verdict: JudgeRawVerdict; reason: string } {
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = VERDICT_LINE.exec(lines[index] ?? '');
    if (!match) continue;
    const verdict = readValue(match[1] ?? '');
    if (!verdict) break;
    return { verdict, reason: shorten(lines.slice(0, index).join('\n')) };
  }
  const said = shorten(text);
  return {
    verdict: 'unparsable',
    reason: said.length > 0 ? `No readable verdict line in: “${said}”` : 'The judge wrote nothing.',
  };
}

/** A reading's verdict by side, given where the MoA answer stood. */
export function preferenceOf(verdict: JudgeRawVerdict, moaPosition: 'A' | 'B'): JudgePreference | undefined {
  if (verdict === 'unparsable') return undefined;
  if (verdict === 'tie') return 'tie';
  return verdict === moaPosition ? 'moa' : 'baseline';
}

const SCORE: Record<JudgePreference, number> = { moa: 1, tie: 0.5, baseline: 0 };

const SIDE_NAME: Record<JudgePreference, string> = {
  moa: 'the MoA answer',
  baseline: 'the single model’s answer',
  tie: 'a tie',
};

function orderName(order: JudgeOrder): string {
  return order.moaPosition === 'A' ? 'with the MoA answer first' : 'with the MoA answer second';
}

/**
 * Combines the two readings (MoA as A, MoA as B) into one verdict, AlpacaEval-style: each reading scores the MoA
 * answer 1 (preferred), 0.5 (tie) or 0 (the single model preferred), and the verdict follows the average:
 *
 * | readings                      | average   | verdict        |
 * |-------------------------------|-----------|----------------|
 * | MoA, MoA                      | 1         | `moa`          |
 * | MoA, tie                      | 0.75      | `moa`          |
 * | tie, tie                      | 0.5       | `tie`          |
 * | baseline, tie                 | 0.25      | `baseline`     |
 * | baseline, baseline            | 0         | `baseline`     |
 * | MoA, baseline (either order)  | 0.5       | `inconsistent` |
 * | any reading unparsable        | —         | `inconsistent` |
 *
 * Opposite winners average to 0.5 like two ties, but they say the judge followed the position rather than the
 * content, so they are reported as `inconsistent` rather than as a tie (their `moaScore` is still 0.5).
 */
export function combineOrders(orders: readonly [JudgeOrder, JudgeOrder]): {
  verdict: JudgeVerdict;
  reason: string;
  moaScore?: number;
} {
  const unreadable = orders.filter((order) => order.preferred === undefined);
  if (unreadable.length > 0) {
    const which = unreadable.map(orderName).join(' and ');
    return {
      verdict: 'inconsistent',
      reason: `The judge’s reply ${which} had no readable “Verdict: A/B/tie” line, so there is no verdict.`,
    };
  }
  const [first, second] = orders.map((order) => order.preferred as JudgePreference) as [JudgePreference, JudgePreference];
  const moaScore = (SCORE[first] + SCORE[second]) / 2;
  if (first === second) {
    return {
      verdict: first,
      moaScore,
      reason:
        first === 'tie'
          ? 'The judge called it a tie in both orders.'
          : `The judge preferred ${SIDE_NAME[first]} in both orders.`,
    };
  }
  if (first !== 'tie' && second !== 'tie') {
    return {
      verdict: 'inconsistent',
      moaScore,
      reason: `The judge preferred whichever answer came ${first === 'moa' ? 'first' : 'second'}: ${SIDE_NAME[first]} ${orderName(orders[0])}, ${SIDE_NAME[second]} ${orderName(orders[1])}. That is position bias, not a preference.`,
    };
  }
  const winner = first === 'tie' ? second : first;
  return {
    verdict: winner,
    moaScore,
    reason: `The judge preferred ${SIDE_NAME[winner]} in one order and called it a tie in the other; counting a tie as half a win, ${SIDE_NAME[winner]} comes out ahead.`,
  };
}
