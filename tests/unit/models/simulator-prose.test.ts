import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';

import { buildInstructions } from '@/lib/moa/prompt';
import { createSimulatedModel } from '@/lib/models/simulator';
import { simulatedAuthorOf } from '@/lib/models/simulator-judge';
import type { Clock } from '@/lib/moa/clock';

const instantClock: Clock = { now: () => 0, wallTime: () => 0, sleep: () => Promise.resolve() };

const QUESTIONS = {
  table: 'Compare Postgres and MySQL for a small startup',
  code: 'Write a function that removes duplicates from a list',
  steps: 'What are the steps to set up a Rust project?',
  list: 'Give me five ideas for a birthday party',
  explanation: 'How do tides work?',
  greeting: 'Hello there',
};

async function answer({
  user,
  modelId = 'qwen-72b',
  seed = 1,
  system,
}: {
  user: string;
  modelId?: string;
  seed?: number;
  system?: string;
}): Promise<string> {
  const prompt: LanguageModelV4CallOptions['prompt'] = [];
  if (system !== undefined) prompt.push({ role: 'system', content: system });
  prompt.push({ role: 'user', content: [{ type: 'text', text: user }] });
  const result = await createSimulatedModel({ modelId, clock: instantClock }).doGenerate({ prompt, seed });
  const [content] = result.content;
  if (content?.type !== 'text') throw new Error('Expected text content.');
  return content.text;
}

/** The instructions an agent gets when it is shown other answers, built the way the engine builds them. */
function quoting(answers: string[]): string {
  return buildInstructions({ references: answers }) ?? '';
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Every answer kind, from several models and seeds, with and without quoted answers. */
async function manyAnswers(): Promise<string[]> {
  const texts: string[] = [];
  for (const user of Object.values(QUESTIONS)) {
    for (const modelId of ['qwen-72b', 'llama-3-70b', 'dbrx']) {
      for (const seed of [0, 1, 2, 3]) {
        const direct = await answer({ user, modelId, seed });
        texts.push(direct, await answer({ user, modelId: 'qwen-110b', seed, system: quoting([direct, direct]) }));
      }
    }
  }
  return texts;
}

describe('simulated answers', () => {
  it('answer a table question with a GitHub-flavoured table of the things compared', async () => {
    const text = await answer({ user: 'Compare Postgres and MySQL in a table' });
    const rows = text.split('\n').filter((line) => line.startsWith('|'));

    expect(rows[0]).toBe('| Aspect | Postgres | MySQL |');
    expect(rows[1]).toBe('| --- | --- | --- |');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row.split('|')).toHaveLength(5);
  });

  it('answer a question asking for a table and code with both, the table first', async () => {
    const text = await answer({ user: 'Compare Python and Rust for a CLI tool, with a table and a code example.' });

    expect(text).toContain('| Aspect | Python | Rust |');
    expect(text).toMatch(/```rust\n/);
    expect(text.indexOf('| Aspect')).toBeLessThan(text.indexOf('```'));
  });

  it('answer a table question that names nothing to compare with a table of aspects', async () => {
    const text = await answer({ user: 'Give me a table about sourdough baking' });

    expect(text).toContain('| Aspect | What to know | Rule of thumb |');
    expect(text).toMatch(/sourdough baking/);
  });

  it.each([
    ['Write a function that removes duplicates from a list', 'python'],
    ['Write a Rust function that sorts a vector', 'rust'],
    ['Write a SQL query to find the top customers by revenue', 'sql'],
    ['Give me a TypeScript function that retries a fetch', 'typescript'],
    ['Write a JavaScript snippet that filters an array', 'javascript'],
    ['Write a bash script that backs up my home folder', 'bash'],
    ['Write a Go program that reads lines from a file', 'go'],
  ])('answer "%s" with a fenced %s code block', async (user, language) => {
    const text = await answer({ user });

    expect(text).toMatch(new RegExp(`\`\`\`${language}\\n[\\s\\S]+\\n\`\`\``));
    expect(text.match(/```/g)).toHaveLength(2);
  });

  it('name the function after what the question asks for', async () => {
    const text = await answer({ user: 'Write a Python function that reverses a linked list' });

    expect(text).toContain('def reverse_linked_list(');
  });

  it('give each thing compared one consistent profile down the table, the first the quick start the verdict names', async () => {
    let checked = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const text = await answer({ user: QUESTIONS.table, seed });
      const cells = (aspect: string) =>
        text
          .split('\n')
          .find((line) => line.startsWith(`| ${aspect} |`))
          ?.split('|')
          .slice(2, -1)
          .map((cell) => cell.trim());
      const learning = cells('Learning curve');
      const bestFor = cells('Best for');
      if (learning) expect(learning[0]).toBe('Gentle');
      if (bestFor) expect(bestFor[0]).toBe('Small teams, quick starts');
      if (learning && bestFor) {
        expect(learning.indexOf('Steeper') === 1).toBe(bestFor.indexOf('Larger teams, clear boundaries') === 1);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('introduce a comparison’s code as showing the difference, named after the task', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const text = await answer({ user: 'Compare Python and Rust for parsing logs, with code', seed });

      expect(text).toContain('parsing_logs(');
      expect(text).toContain('the difference');
      expect(text).not.toContain('approach Python and Rust');
    }
  });

  it('answer a steps question with a numbered list in order', async () => {
    const text = await answer({ user: QUESTIONS.steps });
    const numbers = [...text.matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1]));

    expect(numbers.length).toBeGreaterThanOrEqual(3);
    expect(numbers).toEqual(numbers.map((_number, index) => index + 1));
    expect(text).toContain('set up a Rust project');
  });

  it('answer a request for five ideas with five bullets', async () => {
    const text = await answer({ user: QUESTIONS.list });

    expect(text.match(/^- /gm)).toHaveLength(5);
    expect(text).toContain('birthday party');
  });

  it.each(Object.values(QUESTIONS).filter((user) => user !== QUESTIONS.greeting))(
    'pick up the subject of "%s" in every answer',
    async (user) => {
      const subjects: Record<string, RegExp> = {
        [QUESTIONS.table]: /Postgres/,
        [QUESTIONS.code]: /removes? duplicates/,
        [QUESTIONS.steps]: /Rust project/,
        [QUESTIONS.list]: /birthday party/,
        [QUESTIONS.explanation]: /tides/,
      };
      for (const seed of [0, 1, 2, 3, 4, 5]) expect(await answer({ user, seed })).toMatch(subjects[user] ?? /$^/);
    },
  );

  it('differ between two models, two questions, and with or without quoted answers', async () => {
    const user = QUESTIONS.explanation;
    const direct = await answer({ user });

    expect(await answer({ user, modelId: 'dbrx' })).not.toBe(direct);
    expect(await answer({ user: 'How do volcanoes form?' })).not.toBe(direct);
    expect(await answer({ user, system: quoting([direct]) })).not.toBe(direct);
  });

  it('are the same for the same model, seed and prompt', async () => {
    for (const user of Object.values(QUESTIONS)) {
      expect(await answer({ user, seed: 5 })).toBe(await answer({ user, seed: 5 }));
    }
  });

  it('build on the points that the quoted answers share', async () => {
    const user = QUESTIONS.list;
    const drafts = await Promise.all(['qwen-72b', 'llama-3-70b', 'dbrx'].map((modelId) => answer({ user, modelId })));
    const labelsOf = (text: string) => [...text.matchAll(/^- \*\*([^*]+)\*\*/gm)].map((match) => match[1]);
    const counts = new Map<string, number>();
    for (const label of drafts.flatMap(labelsOf)) counts.set(label ?? '', (counts.get(label ?? '') ?? 0) + 1);
    const mostShared = Math.max(...counts.values());
    const final = await answer({ user, modelId: 'qwen-110b', system: quoting(drafts) });
    const finalLabels = labelsOf(final);

    expect(finalLabels.every((label) => counts.has(label ?? ''))).toBe(true);
    expect(finalLabels[0] && counts.get(finalLabels[0])).toBe(mostShared);
  });

  it('say exactly once, in lower case, that they are simulated', async () => {
    for (const text of await manyAnswers()) {
      expect(text.match(/simulat/gi), text).toHaveLength(1);
      expect(text).toContain('simulated');
    }
  });

  it('never name their role nor give figures a blind voter could use', async () => {
    const sideWords =
      /proposer|aggregat|baseline|layer|synthesi[sz]|earlier responses|single model|MoA|Mixture|×|\$\s?\d|\d\s?ms\b|\d(\.\d+)?\s?s\b|tokens?\b/i;
    for (const text of await manyAnswers()) expect(text).not.toMatch(sideWords);
  });

  it('stay between 60 and 160 words, whatever the kind of question', async () => {
    for (const text of await manyAnswers()) {
      expect(wordCount(text)).toBeGreaterThanOrEqual(60);
      expect(wordCount(text)).toBeLessThanOrEqual(160);
    }
  });

  it('are recognised by the simulated judge as the work of the model that wrote them', async () => {
    const first = await answer({ user: QUESTIONS.code, modelId: 'judge-test-first' });
    const second = await answer({ user: QUESTIONS.code, modelId: 'judge-test-second' });

    expect(simulatedAuthorOf(first)).toBe('judge-test-first');
    expect(simulatedAuthorOf(second)).toBe('judge-test-second');
  });
});
