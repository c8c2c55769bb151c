import { describe, expect, it } from 'vitest';
import { buildReport } from '@/lib/eval/report/build-report';
import { describeContestant, describeReport } from '@/lib/eval/report/describe-report';
import { SHARE_HEADER, SHARE_QUESTIONS, shareRecords } from '@/tests/support/eval-share-fixtures';

describe('describeReport', () => {
  it('names the suite and who was measured against the reference, and marks a simulated run', () => {
    const { title, description } = describeReport(buildReport(shareRecords(), SHARE_QUESTIONS));
    expect(title).toBe('Quick: moa-lite against single');
    expect(description).toMatch(/^Simulated evaluation\. moa-lite beats single on 70% of Quick/);
  });
});

describe('describeContestant', () => {
  it('gives a model its id and a MoA its shape', () => {
    const [moa, single] = SHARE_HEADER.settings.contestants;
    expect(describeContestant(single!)).toBe('simulator:single');
    expect(describeContestant(moa!)).toBe('MoA, 1 proposer layer (2 agents) and an aggregator');
  });
});
