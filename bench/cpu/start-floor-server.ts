import { spawn } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot } from '@/tests/support/next-server.mjs';

export type FloorServer = { baseUrl: string; pid: number; stop(): Promise<void> };

/** Starts `floor-server.mjs` in its own Node process against `upstreamBaseUrl`; resolves once it listens. */
export function startFloorServer(upstreamBaseUrl: string): Promise<FloorServer> {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'bench/cpu/floor-server.mjs')], {
    env: { ...process.env, FLOOR_UPSTREAM_BASE_URL: upstreamBaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The floor server exited (${code}) before listening`)));
    child.stdout?.on('data', (data: Buffer) => {
      const port = /listening (\d+)/.exec(data.toString())?.[1];
      if (port) resolve({ baseUrl: `http://127.0.0.1:${port}`, pid: child.pid ?? -1, stop });
    });
  });
}
