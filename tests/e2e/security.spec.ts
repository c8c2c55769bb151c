import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { appUrl } from './environment';

test('every page and API answer carries the security headers; no page can be framed', async () => {
  for (const pathname of ['/', '/stats', '/s/AAAAAAAAAAAAAAAAAAAAAA', '/api/models']) {
    const response = await fetch(appUrl(pathname));
    expect(response.headers.get('x-content-type-options'), pathname).toBe('nosniff');
    expect(response.headers.get('referrer-policy'), pathname).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options'), pathname).toBe('DENY');
    expect(response.headers.get('content-security-policy'), pathname).toContain("frame-ancestors 'none'");
  }
});

/** Every file the browser can download from the build. */
function staticFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory() ? staticFiles(file) : [file];
  });
}

test('the client bundle holds no configured key and nothing shaped like one', async () => {
  // `npm test` builds with fake keys set, as a server with real keys would, and names them here; any key set in
  // this environment is looked for too.
  const keyVariables = ['TOGETHER_API_KEY', 'OPENROUTER_API_KEY', 'GROQ_API_KEY', 'FIREWORKS_API_KEY', 'DEEPINFRA_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'LIBSQL_AUTH_TOKEN'];
  const configured = [
    ...(process.env.BUILD_SECRET_VALUES ?? '').split(','),
    ...keyVariables.map((name) => process.env[name] ?? ''),
  ].filter((value) => value.length >= 8);
  const keyShapes = [/sk-[A-Za-z0-9_-]{20,}/, /sk-ant-[A-Za-z0-9_-]{20,}/, /gsk_[A-Za-z0-9]{20,}/, /tgp_v1_[A-Za-z0-9_-]{20,}/];
  const files = staticFiles(path.resolve('.next/static'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const value of configured) expect(text.includes(value), `${file} holds a configured key`).toBe(false);
    for (const shape of keyShapes) expect(shape.test(text), `${file} holds something shaped like a key`).toBe(false);
  }
});
