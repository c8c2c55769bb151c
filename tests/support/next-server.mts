/**
 * Starting the production build (`next start`) for the end-to-end suite and the benchmarks: build it when it is out
 * of date, pick a free port, start it, wait until it answers, stop it.
 *
 * Plain TypeScript with erasable types only, so `bench/ui.mjs` can import it under Node 22 as well as Vitest and
 * Playwright (an `.mts` file is always an ES module, so Node does not warn about the module format).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/**
 * Every caller runs from the repository root (npm scripts do). Not `import.meta.dirname`: Playwright loads this file
 * as CommonJS, where `import.meta` does not exist.
 */
export const repositoryRoot = process.cwd();

/** Sources whose change makes `.next` out of date (a build older than any of them would not be what is measured). */
const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'proxy.ts',
  'next.config.js',
  'postcss.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

const READY_TIMEOUT_MS = 60_000;

/**
 * The options `npm start` gives Node (the `--` words before Next's own script in package.json's `start`), so every
 * server the tests and benchmarks start runs the way a deployment does.
 */
export function startScriptNodeOptions(root = repositoryRoot): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (scripts.start ?? '').split(/\s+/);
  if (words[0] !== 'node') return [];
  const nextIndex = words.findIndex((word) => word.endsWith('next/dist/bin/next'));
  return words.slice(1, nextIndex === -1 ? 1 : nextIndex).filter((word) => word.startsWith('--'));
}
const STOP_GRACE_MS = 5_000;

/** A running `next start`. */
export type NextServer = {
  /** Origin, e.g. `http://127.0.0.1:54321`. */
  baseUrl: string;
  /** Process id of the server (the leader of its own process group). */
  pid: number;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Stops its process group: SIGTERM, then SIGKILL if it is still there after 5 s. Safe to call more than once. */
  stop(): Promise<void>;
};

export type StartNextServerOptions = {
  /** The app to serve (built in its own `.next`); the repository by default. */
  root?: string;
  /** Options for Node itself, e.g. `--cpu-prof` (which `NODE_OPTIONS` refuses), after those of `npm start`. */
  nodeArgs?: string[];
  /** Added to the environment, over `process.env` and the defaults (production, no telemetry, `LOCAL_MODELS=off`). */
  env?: Record<string, string>;
  /** Called with each piece of output as it arrives. */
  onOutput?: (text: string) => void;
};

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** A free loopback port, so parallel runs on one machine do not collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function newestFileUnder(target: string): { file: string; modifiedAt: number } | undefined {
  if (!existsSync(target)) return undefined;
  const status = statSync(target);
  if (!status.isDirectory()) return { file: target, modifiedAt: status.mtimeMs };
  let newest: { file: string; modifiedAt: number } | undefined;
  for (const entry of readdirSync(target)) {
    const candidate = newestFileUnder(path.join(target, entry));
    if (candidate && (!newest || candidate.modifiedAt > newest.modifiedAt)) newest = candidate;
  }
  return newest;
}

/** Why the app in `root` must be built first, or undefined when `.next` is there and newer than every source. */
export function reasonToBuild(root = repositoryRoot): string | undefined {
  const buildIdFile = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildIdFile)) return '.next/BUILD_ID is missing';
  const builtAt = statSync(buildIdFile).mtimeMs;
  for (const input of BUILD_INPUTS) {
    const newest = newestFileUnder(path.join(root, input));
    if (newest && newest.modifiedAt > builtAt) {
      return `${path.relative(root, newest.file)} is newer than the build in .next`;
    }
  }
  return undefined;
}

/** Runs `npx next build` in `root` (output shown) when `reasonToBuild` gives a reason. */
export async function buildIfNeeded(root = repositoryRoot): Promise<void> {
  const reason = reasonToBuild(root);
  if (!reason) return;
  console.log(`Building ${root} first (${reason}): npx next build`);
  await new Promise<void>((resolve, reject) => {
    const build = spawn('npx', ['next', 'build'], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'inherit',
    });
    build.once('error', reject);
    build.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`npx next build failed (${signal ?? `exit ${code}`})`)),
    );
  });
  console.log('');
}

/**
 * Starts `next start` (which must have been built) on a free loopback port, in its own process group so that
 * stopping it also stops anything it forked, and resolves once `GET /api/models` answers.
 */
export async function startNextServer(options: StartNextServerOptions = {}): Promise<NextServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const root = options.root ?? repositoryRoot;
  const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
  const nodeArgs = [...startScriptNodeOptions(root), ...(options.nodeArgs ?? [])];
  const args = [...nodeArgs, nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOCAL_MODELS: 'off', ...options.env },
  });
  let output = '';
  const append = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    options.onOutput?.(text);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const server: NextServer = {
    baseUrl,
    pid: child.pid ?? -1,
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
  try {
    await waitUntilReady(`${baseUrl}/api/models`, child, server.output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited early:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`next start did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (!stopped) {
    signalGroup('SIGKILL');
    await exited;
  }
}
