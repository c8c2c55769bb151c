import { describe, expect, it } from 'vitest';
import { exportFileName } from '@/lib/eval/report/export-file-name';
import { CSV_COLUMNS, csvField, recordsToCsv } from '@/lib/eval/report/records-csv';
import { recordsToJsonl } from '@/lib/eval/report/records-jsonl';
import { evalRecordSchema } from '@/lib/eval/run/eval-records';
import { SHARE_HEADER, SHARE_QUESTIONS, shareRecords } from '@/tests/support/eval-share-fixtures';

describe('recordsToJsonl', () => {
  it('writes one record per line, header first, each line ended, and reads back to the same records', () => {
    const records = shareRecords();
    const text = recordsToJsonl([...records.slice(1), records[0]!]);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(records.length);
    const parsed = lines.map((line) => evalRecordSchema.parse(JSON.parse(line)));
    expect(parsed[0]).toEqual(SHARE_HEADER);
    expect(parsed.slice(1)).toEqual(records.slice(1));
  });
});

describe('csvField', () => {
  it('quotes a field holding a comma, a quote or a line break, and doubles the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes numbers as they are and a missing value as an empty field', () => {
    expect(csvField(0.0004)).toBe('0.0004');
    expect(csvField(undefined)).toBe('');
  });
});

describe('recordsToCsv', () => {
  const csv = recordsToCsv(shareRecords(), SHARE_QUESTIONS);
  const lines = csv.split('\r\n');

  it('starts with the header row and ends every line with CRLF', () => {
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes one row per contestant answer turn, in question then settings order', () => {
    // Three one-turn questions and one two-turn question, answered by both contestants.
    expect(lines.slice(1, -1)).toHaveLength(2 * (3 + 2));
    expect(lines[1]).toBe('q-math-1,math,1,moa-lite,done,1200,4500,360,240,0.0012,won,1,0.0002');
    expect(lines[2]).toBe('q-math-1,math,1,single,done,400,1500,120,80,0.0004,,,');
  });

  it('gives each turn its own verdict and numbers turns from 1', () => {
    expect(
      lines
        .filter((line) => line.startsWith('q-writing-2,writing,') && line.includes(',moa-lite,'))
        .map((line) => line.split(',').slice(2, 3).concat(line.split(',').slice(10, 12))),
    ).toEqual([
      ['1', 'won', '1'],
      ['2', 'lost', '0'],
    ]);
  });

  it('quotes a question id that holds a comma', () => {
    const question = { ...SHARE_QUESTIONS[0]!, id: 'a,"b"' };
    const records = shareRecords().map((record) =>
      record.type !== 'run' && record.questionId === 'q-math-1' ? { ...record, questionId: question.id } : record,
    );
    expect(recordsToCsv(records, [question]).split('\r\n')[1]).toMatch(/^"a,""b""",math,1,moa-lite,/);
  });

  it('leaves the judgment columns empty for a turn not judged yet', () => {
    const early = recordsToCsv(shareRecords().slice(0, 3), SHARE_QUESTIONS).split('\r\n');
    expect(early[1]).toMatch(/,done,1200,4500,360,240,0\.0012,,,$/);
  });
});

describe('exportFileName', () => {
  it('names the file after the suite and the day the run started', () => {
    expect(exportFileName(SHARE_HEADER, 'csv')).toBe('quick-2026-12-02.csv');
    expect(exportFileName(SHARE_HEADER, 'jsonl')).toBe('quick-2026-12-02.jsonl');
  });
});
