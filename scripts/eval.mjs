// `npm run eval`: runs lib/eval/cli/main.ts under jiti, which compiles the TypeScript on the fly and resolves the
// app's `@/` imports. `server-only` resolves to its empty build: this process is the server side.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jiti = createJiti(import.meta.url, {
  alias: { '@': root, 'server-only': path.join(root, 'node_modules/server-only/empty.js') },
});
const { runEvalCli } = await jiti.import(path.join(root, 'lib/eval/cli/main.ts'));

const controller = new AbortController();
// The first Ctrl-C stops cleanly (finished records are kept, calls in flight dropped); a second one quits at once.
process.once('SIGINT', () => {
  process.stderr.write('\nStopping…\n');
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.exitCode = await runEvalCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
  signal: controller.signal,
});
