import 'server-only';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { comparisonKey } from './secret';

/** Of a generated secret: 32 random bytes, as much as the HMAC's hash. */
const GENERATED_BYTES = 32;

/**
 * Makes sure `COMPARISON_SECRET` is set in `env`: when it is not, reads `<DATA_DIR>/comparison-secret`, or
 * generates one and writes it there first (readable by this user only), so the receipts of one deployment survive
 * a restart. Two processes starting together agree: the file is created exclusively and the loser reads the
 * winner's. Several instances on several machines must share one value: set `COMPARISON_SECRET` for them.
 */
export async function ensureComparisonSecret(env: Record<string, string | undefined> = process.env): Promise<string> {
  if (env.COMPARISON_SECRET) return env.COMPARISON_SECRET;
  // Chosen at run time: keep the bundler from tracing the whole project into the server output.
  const directory = path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || 'data');
  const file = path.join(directory, 'comparison-secret');
  let secret = await readSecret(file);
  if (!secret) {
    await mkdir(directory, { recursive: true });
    const generated = Buffer.from(crypto.getRandomValues(new Uint8Array(GENERATED_BYTES))).toString('base64url');
    try {
      await writeFile(file, generated, { flag: 'wx', mode: 0o600 });
      secret = generated;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      secret = await readSecret(file);
    }
  }
  if (!secret) throw new Error(`${file} is empty: delete it, or set COMPARISON_SECRET.`);
  env.COMPARISON_SECRET = secret;
  return secret;
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The receipt key in a Node route: the secret made sure of first, in case nothing set it at startup. */
export async function persistedComparisonKey(): Promise<CryptoKey> {
  await ensureComparisonSecret();
  return comparisonKey();
}
