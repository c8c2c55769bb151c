import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from '@/lib/eval/cli/parse-args';
import { settingsFromArgs } from '@/lib/eval/cli/settings-from-args';
import { QuestionFileError } from '@/lib/eval/questions/question-file-error';

const base = ['--suite', 'quick', '--moa', 'moa-lite', '--baseline', 'together:Qwen/Qwen2.5-72B-Instruct-Turbo', '--out', 'r.jsonl'];
const files: Record<string, string> = {
  'mine.csv': 'id,prompt\na,What is up?\nb,"Two, words"\n',
  'broken.jsonl': '{"prompt": "fine"}\n{"id": "x"}\n',
  'refs.jsonl': '{"question_id": "quick-04", "choices": [{"turns": ["90 km/h"]}]}\n',
  'tiny.json': JSON.stringify({ layers: [{ agents: [{ model: 'simulator:dbrx' }] }], aggregator: { model: 'simulator:qwen-72b' } }),
};
const readText = (file: string) => {
  const text = files[file];
  if (text === undefined) throw new Error(`no ${file}`);
  return text;
};
const settingsOf = (argv: string[]) => settingsFromArgs(parseEvalArgs(argv), { readText, defaultJudge: 'simulator:judge' });

describe('the eval command line', () => {
  it('makes the first --baseline the reference and the best available judge the default', () => {
    const { settings, questionSet } = settingsOf([...base, '--concurrency', '8', '--limit', '20', '--spend-cap', '2.5']);
    expect(settings).toMatchObject({
      suite: 'quick',
      protocol: 'pairwise',
      referenceId: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo',
      judgeModel: 'simulator:judge',
      concurrency: 8,
      limit: 20,
      spendCapUsd: 2.5,
      contestants: [
        { kind: 'moa', id: 'moa-lite', preset: 'moa-lite' },
        { kind: 'model', id: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo', model: 'together:Qwen/Qwen2.5-72B-Instruct-Turbo' },
      ],
    });
    expect(questionSet.id).toBe('quick');
  });

  it('reads a MoA config file, a CSV suite and reference answers for a built-in set', () => {
    expect(settingsOf(['--suite', 'mine.csv', '--moa', 'tiny.json', '--baseline', 'simulator:gpt-4o', '--out', 'o']).settings.contestants[0]).toMatchObject({ kind: 'moa', id: 'tiny' });
    expect(settingsOf(['--suite', 'mine.csv', '--moa', 'tiny.json', '--baseline', 'simulator:gpt-4o', '--out', 'o']).questionSet.questions).toHaveLength(2);
    const withReferences = settingsOf([...base, '--references', 'refs.jsonl']).questionSet;
    expect(withReferences.questions.find((question) => question.id === 'quick-04')?.reference).toEqual(['90 km/h']);
  });

  it.each([
    [['--suite', 'quick', '--moa', 'moa-lite', '--baseline', 'x:y'], '--out'],
    [['--suite', 'quick', '--out', 'o'], '--moa'],
    [[...base, '--concurrency', 'many'], '--concurrency'],
    [[...base, '--concurrency', '99'], '--concurrency'],
    [[...base, '--protocol', 'elo'], '--protocol'],
    [[...base, '--spend-cap', 'lots'], '--spend-cap'],
    [[...base, '--reference', 'nobody'], '--reference'],
    [['--suite', 'quick', '--moa', 'moa-lite', '--out', 'o'], '--reference'],
  ])('refuses %j, naming %s', (argv, option) => {
    expect(() => settingsOf(argv)).toThrow(expect.objectContaining({ code: 'invalid_settings', field: option }) as unknown as Error);
  });

  it('refuses a suite that is neither a built-in set nor a JSONL or CSV file', () => {
    expect(() => settingsOf(['--suite', 'mt-bench', '--moa', 'moa-lite', '--baseline', 'x:y', '--out', 'o'])).toThrow(
      expect.objectContaining({ code: 'unknown_suite', field: '--suite' }) as unknown as Error,
    );
  });

  it('refuses an unknown option', () => {
    expect(() => parseEvalArgs([...base, '--turbo'])).toThrow(expect.objectContaining({ code: 'invalid_settings' }) as unknown as Error);
  });

  it('passes on a bad question file’s line and field', () => {
    const read = () => settingsOf(['--suite', 'broken.jsonl', '--moa', 'moa-lite', '--baseline', 'x:y', '--out', 'o']);
    expect(read).toThrow(QuestionFileError);
    expect(read).toThrow('line 2, field "turns"');
  });
});
