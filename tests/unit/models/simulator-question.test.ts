import { describe, expect, it } from 'vitest';

import { readQuestion } from '@/lib/models/simulator-question';

describe('readQuestion', () => {
  it.each([
    ['Compare Postgres and MySQL', 'table'],
    ['React vs Vue for a dashboard?', 'table'],
    ['Write a Python function that reverses a linked list', 'code'],
    ['How do I deploy a Next.js app to Vercel?', 'steps'],
    ['Give me five ideas for a birthday party', 'list'],
    ['How do tides work?', 'explanation'],
    ['Hello there', 'greeting'],
  ])('reads "%s" as asking for a %s answer', (question, kind) => {
    expect(readQuestion(question).kind).toBe(kind);
  });

  it('takes the asking words off the subject and keeps its article and capitals', () => {
    expect(readQuestion('What is a mixture of agents?').subject).toBe('a mixture of agents');
    expect(readQuestion('Can you explain how garbage collection works in Go?').subject).toBe('garbage collection');
    expect(readQuestion('What are the steps to set up a Rust project?').subject).toBe('a Rust project');
    expect(readQuestion('Explain, with a list, how tides work.').subject).toBe('tides');
    expect(readQuestion('Describe, briefly, what a hash map is.').subject).toBe('a hash map');
  });

  it('turns a why-question into a clause', () => {
    expect(readQuestion('Why is the sky blue?').subject).toBe('why the sky is blue');
  });

  it('reads the question after a colon when the sentence holds one', () => {
    expect(readQuestion('Blind question number 3: what makes a good answer?').subject).toBe('a good answer');
  });

  it('names the things compared, without articles or what follows them', () => {
    expect(readQuestion('How should a small team choose between a monolith and microservices?').items).toEqual([
      'monolith',
      'microservices',
    ]);
    expect(readQuestion('React vs Vue for a dashboard?').items).toEqual(['React', 'Vue']);
  });

  it('reads the action in its base form and function-name words from it', () => {
    const question = readQuestion('Write a bash script that backs up my home folder');

    expect(question.action).toBe('back up my home folder');
    expect(question.nameWords).toEqual(['back', 'up', 'home', 'folder']);
    expect(question.language).toBe('bash');
  });

  it('names a comparison’s code after the task, never after the things compared', () => {
    expect(readQuestion('Compare Python and Rust for parsing logs, with code').nameWords).toEqual(['parsing', 'logs']);
    expect(readQuestion('Should I use Go or Rust for a CLI? Show code.').nameWords).toEqual(['cli']);
    expect(readQuestion('Compare Python and Rust with a code example').nameWords).toEqual(['example']);
  });

  it('guesses Python when a code question names no language', () => {
    expect(readQuestion('Write a function that removes duplicates from a list').language).toBe('python');
  });

  it('reads how many points a question asks for', () => {
    expect(readQuestion('List three tips for sleeping better').count).toBe(3);
    expect(readQuestion('Give me 4 reasons to learn Rust').count).toBe(4);
    expect(readQuestion('Name three primary colours').count).toBe(3);
    expect(readQuestion('Give me some tips').count).toBeUndefined();
  });

  it('keeps the subject of a long question to a few words', () => {
    const subject = readQuestion(`Explain ${'the history of very long questions '.repeat(10)}in detail`).subject;

    expect(subject.split(' ').length).toBeLessThanOrEqual(6);
  });

  it('reads an empty message as a general explanation', () => {
    expect(readQuestion(undefined)).toMatchObject({ kind: 'explanation', subject: 'this question' });
  });
});
