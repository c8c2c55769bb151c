import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfNeeded, repositoryRoot } from '@/tests/support/next-server.mjs';

const ROUTE = 'app/api/moa/route.ts';
const RUNTIME_LINE = "export const runtime = 'edge';\n";

/**
 * A copy of the app with `/api/moa` on the Node runtime (its one `runtime` line removed), built in its own
 * directory, so one benchmark can serve both runtimes. The copy holds the repository's files (tracked and new, as
 * they are in the working tree, timestamps kept) and hard links to its `node_modules`; it is kept between runs and
 * built again only when a source changed. Returns its root.
 */
export async function nodeRuntimeCopy(): Promise<string> {
  const root = path.join(tmpdir(), `moa-bench-node-runtime-${path.basename(repositoryRoot)}`);
  mkdirSync(root, { recursive: true });
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repositoryRoot })
    .toString('utf8')
    .split('\0')
    .filter((file) => file.length > 0 && existsSync(path.join(repositoryRoot, file)));
  for (const file of files) {
    const source = path.join(repositoryRoot, file);
    const target = path.join(root, file);
    if (existsSync(target) && statSync(target).mtimeMs === statSync(source).mtimeMs && file !== ROUTE) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(source, target, { preserveTimestamps: true });
  }
  const route = readFileSync(path.join(repositoryRoot, ROUTE), 'utf8');
  if (!route.includes(RUNTIME_LINE)) throw new Error(`${ROUTE} no longer declares ${RUNTIME_LINE.trim()}`);
  writeFileSync(path.join(root, ROUTE), route.replace(RUNTIME_LINE, ''));
  const { mtime } = statSync(path.join(repositoryRoot, ROUTE));
  utimesSync(path.join(root, ROUTE), mtime, mtime);
  // Hard links: Turbopack refuses a `node_modules` symlink that points outside the project.
  if (!existsSync(path.join(root, 'node_modules'))) {
    execFileSync('cp', ['-al', path.join(repositoryRoot, 'node_modules'), path.join(root, 'node_modules')]);
  }
  await buildIfNeeded(root);
  return root;
}
