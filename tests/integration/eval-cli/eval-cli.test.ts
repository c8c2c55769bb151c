import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runEvalCli } from '@/lib/eval/cli/main';
import { evalRecordSchema } from '@/lib/eval/run/eval-records';
import { workKeys } from '@/tests/support/eval-fixtures';

const script = path.resolve(import.meta.dirname, '../../../scripts/eval.mjs');
const environment: Record<string, string | undefined> = { LOCAL_MODELS: 'off', SIMULATOR_SPEED: '40', PATH: process.env.PATH };

function temporaryFile(name: string): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'eval-cli-')), name);
}

function readRecords(file: string) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => evalRecordSchema.parse(JSON.parse(line)));
}

/** Runs the CLI in-process with captured output. */
async function runInProcess(argv: string[], env: Record<string, string | undefined> = environment) {
  let stdout = '';
  let stderr = '';
  const code = await runEvalCli({
    argv,
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    interactive: false,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** Starts `node scripts/eval.mjs`, resolving once it exits. */
function start(argv: string[]) {
  const child = spawn(process.execPath, [script, ...argv], { env: environment as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

/** Resolves once the file holds at least `lines` complete lines, checking each time the process writes to stderr. */
async function linesWritten(file: string, lines: number, child: ReturnType<typeof start>['child']): Promise<void> {
  const count = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
  if (count() >= lines) return;
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (count() < lines) return;
      child.stderr?.off('data', check);
      resolve();
    };
    child.stderr?.on('data', check);
    child.once('exit', () => (count() >= lines ? resolve() : reject(new Error(`the run ended with fewer than ${lines} lines`))));
  });
}

describe('npm run eval', () => {
  it('runs a simulated pairwise evaluation to a results table and a results file', async () => {
    const out = temporaryFile('results.jsonl');
    const result = await runInProcess(['--suite', 'quick', '--moa', 'simulated', '--baseline', 'simulator:gpt-4o', '--limit', '2', '--out', out]);
    expect(result.code).toBe(EXIT.done);
    expect(result.stdout).toContain('SIMULATED');
    expect(result.stdout).toMatch(/simulated beats simulator:gpt-4o on \d+% of Quick/);
    expect(result.stderr).toContain('[########################] 6/6');
    expect(workKeys(readRecords(out))).toHaveLength(6);
  });

  it('grades with the mt-bench protocol and shows means per category', async () => {
    const out = temporaryFile('grades.jsonl');
    const result = await runInProcess(['--suite', 'studio-80', '--protocol', 'mt-bench', '--moa', 'simulated', '--baseline', 'simulator:gpt-4o', '--limit', '1', '--out', out]);
    expect(result.code).toBe(EXIT.done);
    expect(result.stdout).toContain('mean (1–10)');
    expect(result.stdout).toContain('writing');
    expect(readRecords(out).filter((record) => record.type === 'grade')).toHaveLength(4);
  });

  it('exits 2 on a setup error without creating the results file', async () => {
    const out = temporaryFile('never.jsonl');
    const result = await runInProcess(['--suite', 'quick', '--moa', 'simulated', '--baseline', 'simulator:gpt-4o', '--judge', 'nowhere:judge', '--out', out]);
    expect(result.code).toBe(EXIT.setup);
    expect(result.stderr).toContain('judgeModel');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for a bad question file, naming its line and field', async () => {
    const questions = temporaryFile('questions.jsonl');
    writeFileSync(questions, '{"prompt": "fine"}\n{"id": "x", "turns": []}\n');
    const out = temporaryFile('never.jsonl');
    const result = await runInProcess(['--suite', questions, '--moa', 'simulated', '--baseline', 'simulator:gpt-4o', '--out', out]);
    expect(result.code).toBe(EXIT.setup);
    expect(result.stderr).toContain('line 2, field "turns"');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses models on the server’s keys unless EVAL_ON_SERVER_KEYS allows them', async () => {
    const out = temporaryFile('never.jsonl');
    const argv = ['--suite', 'quick', '--moa', 'moa-lite', '--baseline', 'together:Qwen/Qwen2.5-72B-Instruct-Turbo', '--judge', 'together:Qwen/Qwen2.5-72B-Instruct-Turbo', '--out', out];
    const result = await runInProcess(argv, { ...environment, TOGETHER_API_KEY: 'server-key' });
    expect(result.code).toBe(EXIT.setup);
    expect(result.stderr).toContain('EVAL_ON_SERVER_KEYS');
    expect(existsSync(out)).toBe(false);
  });

  it('resumes after being killed mid-run: nothing asked twice, nothing finished lost', async () => {
    const out = temporaryFile('killed.jsonl');
    const argv = ['--suite', 'quick', '--moa', 'simulated', '--baseline', 'simulator:gpt-4o', '--limit', '6', '--concurrency', '2', '--out', out];
    const first = start(argv);
    await linesWritten(out, 5, first.child);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const beforeResume = readFileSync(out, 'utf8');
    const keptRecords = workKeys(readRecords(out));
    expect(keptRecords.length).toBeGreaterThanOrEqual(4);
    expect(keptRecords.length).toBeLessThan(18);

    const second = start(argv);
    expect((await second.exited).code).toBe(EXIT.done);
    expect(second.output()).toContain(`resuming from ${keptRecords.length} records`);
    const after = readFileSync(out, 'utf8');
    expect(after.startsWith(beforeResume)).toBe(true);
    const all = workKeys(readRecords(out));
    expect(all).toHaveLength(18);
    expect(new Set(all).size).toBe(18);
  }, 120_000);

  it('stops on Ctrl-C with exit 3, keeping what finished, and the same command finishes the run', async () => {
    const out = temporaryFile('interrupted.jsonl');
    const argv = ['--suite', 'quick', '--moa', 'simulated', '--baseline', 'simulator:gpt-4o', '--limit', '6', '--concurrency', '2', '--out', out];
    const first = start(argv);
    await linesWritten(out, 3, first.child);
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(EXIT.stopped);
    expect(first.output()).toContain('Run the same command to go on');
    const second = start(argv);
    expect((await second.exited).code).toBe(EXIT.done);
    const all = workKeys(readRecords(out));
    expect(new Set(all).size).toBe(18);
    expect(all).toHaveLength(18);
  }, 120_000);
});
