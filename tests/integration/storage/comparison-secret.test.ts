import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureComparisonSecret } from '@/lib/comparison/persisted-secret';

const directories: string[] = [];
async function dataDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'moa-secret-'));
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('the comparison secret when COMPARISON_SECRET is unset', () => {
  it('is generated on first use, kept in DATA_DIR for this user only, and set in the environment', async () => {
    const directory = await dataDir();
    const env: Record<string, string | undefined> = { DATA_DIR: directory };
    const secret = await ensureComparisonSecret(env);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(env.COMPARISON_SECRET).toBe(secret);
    const file = path.join(directory, 'comparison-secret');
    expect(await readFile(file, 'utf8')).toBe(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('is the same after a restart: the next process reads the file', async () => {
    const directory = await dataDir();
    const first = await ensureComparisonSecret({ DATA_DIR: directory });
    expect(await ensureComparisonSecret({ DATA_DIR: directory })).toBe(first);
  });

  it('is one secret when several processes start at once', async () => {
    const directory = await dataDir();
    const secrets = await Promise.all(Array.from({ length: 8 }, () => ensureComparisonSecret({ DATA_DIR: directory })));
    expect(new Set(secrets).size).toBe(1);
    expect(await readFile(path.join(directory, 'comparison-secret'), 'utf8')).toBe(secrets[0]);
  });

  it('gives way to COMPARISON_SECRET when it is set, writing nothing', async () => {
    const directory = await dataDir();
    expect(await ensureComparisonSecret({ DATA_DIR: directory, COMPARISON_SECRET: 'set-by-the-operator' })).toBe('set-by-the-operator');
    await expect(stat(path.join(directory, 'comparison-secret'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses an empty secret file rather than signing with nothing', async () => {
    const directory = await dataDir();
    await writeFile(path.join(directory, 'comparison-secret'), '\n');
    await expect(ensureComparisonSecret({ DATA_DIR: directory })).rejects.toThrow('is empty');
  });
});
