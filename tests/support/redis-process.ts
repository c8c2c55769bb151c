/**
 * Runs a throwaway `redis-server` for tests: loopback only, no persistence, on a free port, and
 * ready (it answered PING) before the promise resolves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { RespConnection } from './resp-client';

const READY_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 20;
const STOP_TIMEOUT_MS = 5_000;
/** Another process can take the free port between our probe and Redis binding it; then we try another. */
const PORT_ATTEMPTS = 3;
const MAX_OUTPUT_CHARS = 4_000;

/** A running `redis-server` child process. */
export type RedisProcess = {
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
};

/** Thrown when the `redis-server` executable cannot be started. */
export class RedisServerMissingError extends Error {
  override name = 'RedisServerMissingError';
  constructor(executable: string, cause: unknown) {
    super(
      `Could not start "${executable}": the Upstash stand-in for tests needs Redis 7. ` +
        'Install the Debian/Ubuntu package redis-server (sudo apt-get install redis-server).',
      { cause },
    );
  }
}

type ExitOutcome = { code: number | null; signal: NodeJS.Signals | null } | { spawnError: Error };

/** Starts `redis-server` (or the given executable) and waits until it answers PING. */
export async function startRedisServer(executable = 'redis-server'): Promise<RedisProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const child = spawn(executable, redisArguments(port), { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collectOutput(child);
    const exited = new Promise<ExitOutcome>((resolve) => {
      // 'close' rather than 'exit': it comes after stdout and stderr have been read to the end.
      child.once('close', (code, signal) => resolve({ code, signal }));
      child.once('error', (spawnError) => resolve({ spawnError }));
    });
    // If this process ends without calling stop() (a crash, a forced exit), take Redis with it.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const stop = async () => {
      await stopChild(child, exited);
      process.off('exit', killOnExit);
    };

    const outcome = await waitUntilReady(port, exited);
    if (outcome === 'ready') return { port, stop };
    await stop();
    if (typeof outcome === 'object' && 'spawnError' in outcome) {
      const missing = (outcome.spawnError as NodeJS.ErrnoException).code === 'ENOENT';
      throw missing ? new RedisServerMissingError(executable, outcome.spawnError) : outcome.spawnError;
    }
    if (output().includes('Address already in use') && attempt < PORT_ATTEMPTS) continue;
    const why = outcome === 'timeout' ? `did not answer PING within ${READY_TIMEOUT_MS} ms` : 'exited during startup';
    throw new Error(`redis-server ${why} (port ${port}). Its output:\n${output()}`);
  }
}

function redisArguments(port: number): string[] {
  return [
    ...['--port', String(port), '--bind', '127.0.0.1'],
    // Nothing is written to disk: no RDB snapshots, no append-only file, and any dump lands in the temp dir.
    ...['--save', '', '--appendonly', 'no', '--dir', os.tmpdir()],
    ...['--loglevel', 'warning'],
  ];
}

/** Polls PING until Redis answers, the process exits, or the deadline passes. */
async function waitUntilReady(port: number, exited: Promise<ExitOutcome>): Promise<'ready' | 'timeout' | ExitOutcome> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const outcome = await Promise.race([answersPing(port), exited]);
    if (outcome === true) return 'ready';
    if (outcome !== false) return outcome;
    await Promise.race([delay(PING_INTERVAL_MS), exited]);
  }
  return 'timeout';
}

async function answersPing(port: number): Promise<boolean> {
  let connection: RespConnection | undefined;
  try {
    connection = await RespConnection.connect(port);
    const [reply] = await connection.send([['PING']]);
    return reply?.type === 'simple' && reply.value === 'PONG';
  } catch {
    return false;
  } finally {
    connection?.close();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<ExitOutcome>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
    child.kill('SIGTERM');
    const escalation = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(escalation);
  }
  await exited;
}

/** Keeps the last few thousand characters of stdout and stderr, for error messages. */
function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('Could not find a free port.'))));
    });
  });
}
