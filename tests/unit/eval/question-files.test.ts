import { describe, expect, it } from 'vitest';
import { attachReferenceAnswers } from '@/lib/eval/questions/attach-references';
import { parseCsvQuestions } from '@/lib/eval/questions/parse-csv-questions';
import { parseJsonlQuestions } from '@/lib/eval/questions/parse-jsonl-questions';
import { QUESTION_LIMITS } from '@/lib/eval/questions/question';
import { QuestionFileError } from '@/lib/eval/questions/question-file-error';
import { readQuestionFile } from '@/lib/eval/questions/read-question-file';

const jsonl = (...lines: unknown[]) => lines.map((line) => JSON.stringify(line)).join('\n');

function failure(read: () => unknown): QuestionFileError {
  try {
    read();
  } catch (error) {
    if (error instanceof QuestionFileError) return error;
    throw error;
  }
  throw new Error('expected a QuestionFileError');
}

describe('JSONL question files', () => {
  it('reads FastChat MT-Bench questions with numeric ids, categories and two turns', () => {
    const questions = parseJsonlQuestions(
      jsonl(
        { question_id: 81, category: 'writing', turns: ['Write a poem.', 'Now shorter.'] },
        { question_id: 111, category: 'math', turns: ['What is 2+2?', 'And 3+3?'], reference: ['4', '6'] },
      ),
    );
    expect(questions).toEqual([
      { id: '81', category: 'writing', turns: ['Write a poem.', 'Now shorter.'] },
      { id: '111', category: 'math', turns: ['What is 2+2?', 'And 3+3?'], reference: ['4', '6'] },
    ]);
  });

  it('reads AlpacaEval instructions and Arena-Hard prompts, ignoring their other fields', () => {
    const questions = parseJsonlQuestions(
      jsonl(
        { instruction: 'Name three rivers.', dataset: 'helpful_base', output: 'x', generator: 'gpt4' },
        { uid: 'ab12', category: 'hard_prompt', prompt: 'Prove it.' },
        { question_id: 'c3', cluster: 'y', turns: [{ content: 'Explain monads.' }] },
      ),
    );
    expect(questions.map(({ id, category, turns }) => ({ id, category, turns }))).toEqual([
      { id: 'line-1', category: 'general', turns: ['Name three rivers.'] },
      { id: 'ab12', category: 'hard_prompt', turns: ['Prove it.'] },
      { id: 'c3', category: 'general', turns: ['Explain monads.'] },
    ]);
  });

  it('skips blank lines but keeps the real line numbers', () => {
    const questions = parseJsonlQuestions(`\n${JSON.stringify({ prompt: 'A?' })}\n\n${JSON.stringify({ prompt: 'B?' })}\n`);
    expect(questions.map((question) => question.id)).toEqual(['line-2', 'line-4']);
  });

  it('names the line of a line that is not JSON', () => {
    const error = failure(() => parseJsonlQuestions(`${JSON.stringify({ prompt: 'ok' })}\n{"prompt": "broken"`));
    expect(error).toMatchObject({ code: 'invalid_json', line: 2 });
    expect(error.message).toBe('line 2: is not valid JSON');
  });

  it('names the line and the field of a question without turns', () => {
    const error = failure(() => parseJsonlQuestions(jsonl({ id: 'a', prompt: 'ok' }, { id: 'b', category: 'math' })));
    expect(error).toMatchObject({ code: 'invalid_field', line: 2, field: 'turns' });
    expect(error.message).toContain('line 2, field "turns"');
  });

  it('names the field the user wrote when a prompt is empty', () => {
    const error = failure(() => parseJsonlQuestions(jsonl({ prompt: '   ' })));
    expect(error).toMatchObject({ code: 'invalid_field', line: 1, field: 'prompt' });
  });

  it('refuses a line giving both turns and a prompt', () => {
    const error = failure(() => parseJsonlQuestions(jsonl({ turns: ['a'], prompt: 'b' })));
    expect(error).toMatchObject({ code: 'invalid_field', line: 1, field: 'prompt' });
  });

  it('refuses more turns than the limit and names the field', () => {
    const turns = Array.from({ length: QUESTION_LIMITS.turns + 1 }, (_, index) => `turn ${index}`);
    expect(failure(() => parseJsonlQuestions(jsonl({ id: 'a', turns })))).toMatchObject({ field: 'turns', line: 1 });
  });

  it('refuses a repeated id, naming both lines', () => {
    const error = failure(() => parseJsonlQuestions(jsonl({ id: 'x', prompt: 'a' }, { id: 'y', prompt: 'b' }, { id: 'x', prompt: 'c' })));
    expect(error).toMatchObject({ code: 'duplicate_id', line: 3, field: 'id' });
    expect(error.message).toContain('of line 1');
  });

  it('refuses an empty file, a file over the size limit and one over the count limit', () => {
    expect(failure(() => parseJsonlQuestions('\n \n')).code).toBe('empty_file');
    const big = 'x'.repeat(QUESTION_LIMITS.fileBytes + 1);
    expect(failure(() => parseJsonlQuestions(big)).code).toBe('file_too_large');
    const many = Array.from({ length: QUESTION_LIMITS.questions + 1 }, () => JSON.stringify({ prompt: 'q' })).join('\n');
    expect(failure(() => parseJsonlQuestions(many))).toMatchObject({ code: 'too_many_questions' });
  });
});

describe('FastChat reference answers', () => {
  const questions = parseJsonlQuestions(
    jsonl({ question_id: 101, category: 'reasoning', turns: ['Who is tallest?', 'And shortest?'] }, { question_id: 81, category: 'writing', turns: ['Poem.'] }),
  );

  it('attaches the first choice’s turns to the question they answer', () => {
    const withReferences = attachReferenceAnswers(
      questions,
      jsonl({ question_id: 101, answer_id: 'r1', model_id: 'gpt-4', choices: [{ index: 0, turns: ['Ann.', 'Bo.'] }], tstamp: 1 }),
    );
    expect(withReferences[0]?.reference).toEqual(['Ann.', 'Bo.']);
    expect(withReferences[1]?.reference).toBeUndefined();
  });

  it('refuses an answer to a question the file does not have', () => {
    const error = failure(() =>
      attachReferenceAnswers(questions, jsonl({ question_id: 999, choices: [{ index: 0, turns: ['x'] }] })),
    );
    expect(error).toMatchObject({ code: 'unknown_reference', line: 1, field: 'question_id' });
  });

  it('names the field of a reference line without choices', () => {
    expect(failure(() => attachReferenceAnswers(questions, jsonl({ question_id: 101, choices: [] })))).toMatchObject({
      code: 'invalid_field',
      field: 'choices',
    });
  });
});

describe('CSV question files', () => {
  it('reads a prompt column with quoted commas, quotes and line breaks, and optional id and category', () => {
    const questions = parseCsvQuestions(
      'id,category,prompt\r\nq1,math,"What is 1,000 + 1?"\nq2,,"Say ""hi""\nin two lines"\n',
    );
    expect(questions).toEqual([
      { id: 'q1', category: 'math', turns: ['What is 1,000 + 1?'] },
      { id: 'q2', category: 'general', turns: ['Say "hi"\nin two lines'] },
    ]);
  });

  it('numbers rows by the line they start on', () => {
    const questions = parseCsvQuestions('prompt\n"one\ntwo"\nthree\n');
    expect(questions.map((question) => question.id)).toEqual(['line-2', 'line-4']);
  });

  it('refuses a header without a prompt column', () => {
    expect(failure(() => parseCsvQuestions('question\nWhat?'))).toMatchObject({ code: 'invalid_csv', line: 1, field: 'prompt' });
  });

  it('names the line of a row with the wrong number of fields', () => {
    expect(failure(() => parseCsvQuestions('id,prompt\na,Fine\nb,Too,many'))).toMatchObject({ code: 'invalid_csv', line: 3 });
  });

  it('names the line and the prompt column of an empty prompt', () => {
    const error = failure(() => parseCsvQuestions('id,prompt\na,Fine\nb,  '));
    expect(error).toMatchObject({ code: 'invalid_field', line: 3, field: 'prompt' });
  });

  it('refuses a quoted field that never closes', () => {
    expect(failure(() => parseCsvQuestions('prompt\n"open'))).toMatchObject({ code: 'invalid_csv', line: 2 });
  });
});

describe('readQuestionFile', () => {
  it('picks the reader by extension and names the set after the file', () => {
    const set = readQuestionFile({ fileName: 'data/mine.csv', text: 'prompt\nHello?' });
    expect(set).toMatchObject({ id: 'custom', name: 'mine.csv', questions: [{ id: 'line-2', turns: ['Hello?'] }] });
  });

  it('refuses a file that is neither JSONL nor CSV', () => {
    expect(failure(() => readQuestionFile({ fileName: 'notes.txt', text: 'x' })).code).toBe('unknown_format');
  });
});
