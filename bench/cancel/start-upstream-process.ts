import { spawn } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from '@/tests/support/next-server.mjs';

export type UpstreamProcess = { url: string; baseURL: string; pid: number; stop(): Promise<void> };

/** Starts `upstream-process.ts` (through jiti, which runs TypeScript) and resolves once it listens. */
export function startUpstreamProcess(): Promise<UpstreamProcess> {
  const child = spawn(
    process.execPath,
    [path.join(repositoryRoot, 'node_modules/jiti/lib/jiti-cli.mjs'), path.join(repositoryRoot, 'bench/cancel/upstream-process.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The upstream server exited (${code}) before listening`)));
    child.stdout?.on('data', (data: Buffer) => {
      const url = /listening (\S+)/.exec(data.toString())?.[1];
      if (url) resolve({ url, baseURL: `${url}/v1`, pid: child.pid ?? -1, stop });
    });
  });
}
