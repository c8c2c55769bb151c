import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EvalReportView } from '@/components/eval/eval-report-view';
import type { Question } from '@/lib/eval/questions/question';
import { buildReport } from '@/lib/eval/report/build-report';
import type { EvalRecord, GradeRecord } from '@/lib/eval/run/eval-records';
import { SHARE_HEADER, SHARE_QUESTIONS, shareRecords } from '@/tests/support/eval-share-fixtures';

// The include pattern only takes .test.ts, hence createElement rather than JSX.
const render = (records: EvalRecord[], questions: Question[] = SHARE_QUESTIONS) =>
  renderToStaticMarkup(createElement(EvalReportView, { report: buildReport(records, questions), records, questions }));

describe('EvalReportView', () => {
  it('draws a finished pairwise report with its headline, the simulated notice and three charts with tables', () => {
    const html = render(shareRecords());
    expect(html).toContain('moa-lite beats single on 70% of Quick');
    expect(html).toContain('data-testid="simulated-notice"');
    expect(html.match(/<figure/g)).toHaveLength(3);
    expect(html.match(/<svg role="img" aria-label="[^"]+"/g)).toHaveLength(3);
    expect(html.match(/<details>/g)).toHaveLength(3);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('says "not yet" for what a run that has only begun does not know, and never NaN', () => {
    const html = render(shareRecords().slice(0, 1));
    expect(html).toContain('moa-lite against single on Quick: not yet judged.');
    expect(html).toContain('not yet');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('draws an MT-Bench report as mean grades per category, with every contestant’s grade per question', () => {
    const settings = { ...SHARE_HEADER.settings, protocol: 'mt-bench' as const, referenceId: undefined };
    const grade = (questionId: string, contestantId: string, score: number | undefined): GradeRecord => ({
      type: 'grade',
      questionId,
      turn: 0,
      contestantId,
      score,
      referenceGuided: false,
      reason: 'fine',
      costUsd: 0.0001,
    });
    const records: EvalRecord[] = [
      { ...SHARE_HEADER, settings },
      ...shareRecords().filter((record) => record.type === 'answer'),
      grade('q-math-1', 'moa-lite', 8),
      grade('q-math-1', 'single', 6),
      grade('q-math-2', 'single', undefined),
    ];
    const html = render(records);
    expect(html).toContain('Mean grade per category');
    expect(html).toMatch(/moa-lite scores 8\.0 of 10 on Quick/);
    expect(html).toContain('unreadable');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });
});
