import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { readChunks } from '../support/sse';
import { sharedMessageFromChunks } from '../support/shared-message';
import { ChatPage } from './chat-page';
import { appUrl } from './environment';

const STATIC_POLICY = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/** A simulated run over HTTP, shared through the API, as the share dialog does: the link's path. */
async function createShare(question: string): Promise<string> {
  const run = await fetch(appUrl('/api/moa'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: question }], preset: 'simulated' }),
  });
  expect(run.status).toBe(200);
  const { chunks } = await readChunks(run);
  const created = await fetch(appUrl('/api/shares'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', text: question }, sharedMessageFromChunks(chunks)] }),
  });
  expect(created.status).toBe(201);
  const { url } = (await created.json()) as { url: string };
  return url;
}

/** A policy's directives by name, each with its sources. */
function directivesOf(policy: string): Map<string, string[]> {
  const entries = policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name, ...sources]): [string, string[]] => [name!, sources]);
  return new Map(entries);
}

function expectStaticSecurityHeaders(response: Response, label: string) {
  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), label).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('x-frame-options'), label).toBe('DENY');
}

/** Loads a page as a browser would, checks its policy and that every script and style element carries the nonce. */
async function loadPage(pathname: string, status: number): Promise<{ nonce: string; policy: string }> {
  const response = await fetch(appUrl(pathname));
  expect(response.status, pathname).toBe(status);
  expectStaticSecurityHeaders(response, pathname);
  const policy = response.headers.get('content-security-policy') ?? '';
  const directives = directivesOf(policy);
  const scriptSources = directives.get('script-src') ?? [];
  const nonce = scriptSources.map((source) => /^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/.exec(source)?.[1]).find(Boolean);
  expect(nonce, `${pathname}: ${policy}`).toBeDefined();
  expect(scriptSources, pathname).toContain("'strict-dynamic'");
  expect(scriptSources, pathname).not.toContain("'unsafe-inline'");
  expect(scriptSources, pathname).not.toContain("'unsafe-eval'");
  expect(directives.get('style-src'), pathname).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(directives.get('default-src'), pathname).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors'), pathname).toEqual(["'none'"]);
  expect(directives.get('object-src'), pathname).toEqual(["'none'"]);
  expect(directives.get('base-uri'), pathname).toEqual(["'self'"]);

  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  // Next's bootstrap and chunk scripts and its inline payload scripts: a page without them would not hydrate.
  expect(scripts.length, pathname).toBeGreaterThan(2);
  for (const tag of [...scripts, ...(html.match(/<style\b[^>]*>/g) ?? [])]) {
    expect(tag, pathname).toContain(` nonce="${nonce}"`);
  }
  return { nonce: nonce!, policy };
}

test('every page sends a nonce-based policy, with a fresh nonce per load that each of its scripts carries', async () => {
  const share = await createShare('Why is the sky blue?');
  const pages: [string, number][] = [
    ['/', 200],
    [share, 200],
    ['/stats', 200],
    ['/no-such-page', 404],
    ['/s/AAAAAAAAAAAAAAAAAAAAAA', 404],
  ];
  for (const [pathname, status] of pages) {
    const first = await loadPage(pathname, status);
    const second = await loadPage(pathname, status);
    expect(second.nonce, pathname).not.toBe(first.nonce);
  }
});

test('API answers and static files keep the static headers, which forbid framing too', async () => {
  for (const pathname of ['/api/models', '/icon.svg']) {
    const response = await fetch(appUrl(pathname));
    expect(response.status, pathname).toBe(200);
    expectStaticSecurityHeaders(response, pathname);
    expect(response.headers.get('content-security-policy'), pathname).toBe(STATIC_POLICY);
  }
});

test('the browser is told to upgrade insecure requests only when it came over HTTPS', async () => {
  const plain = await fetch(appUrl('/'));
  expect(directivesOf(plain.headers.get('content-security-policy') ?? '').has('upgrade-insecure-requests')).toBe(false);
  const behindTls = await fetch(appUrl('/'), { headers: { 'x-forwarded-proto': 'https' } });
  expect(directivesOf(behindTls.headers.get('content-security-policy') ?? '').has('upgrade-insecure-requests')).toBe(true);
});

/**
 * Collects every Content-Security-Policy violation in the page's documents (reported by a listener that runs before
 * any page script) and every console message about one, across navigations.
 */
async function watchPolicyViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportPolicyViolation', (violation: string) => violations.push(violation));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation: (violation: string) => void }).reportPolicyViolation;
      void report(`${event.effectiveDirective} refused ${event.blockedURI || 'inline'} on ${location.pathname} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
    });
  });
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) violations.push(`console ${message.type()}: ${message.text()}`);
  });
  return violations;
}

async function useSimulatedPreset(page: Page) {
  await new ChatPage(page).remember();
}

test('a whole run, its shared page, stats and a missing page work in Chromium without a single policy violation', async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  await useSimulatedPreset(page);

  await page.goto(appUrl('/'));
  await page.locator('[data-ready]').waitFor();
  await page.getByLabel('Your question').fill('Why is the sky blue?');
  await page.getByLabel('Your question').press('Enter');
  await expect(page.getByTestId('run-summary')).toContainText('13/13 agents answered', { timeout: 30_000 });
  await expect(page.getByTestId('answer')).toContainText(/why the sky is blue/i);
  // The inspector renders the output as markdown, whose code is loaded on demand.
  await new ChatPage(page).showDiagram();
  await page.getByTestId('agent-L1.1').click();
  await expect(page.getByTestId('inspector-output')).toContainText(/why the sky is blue/i);
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'test-results/screenshots/csp-home.png', fullPage: true });
  await page.getByTestId('open-share').click();
  await page.getByTestId('share-publish').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  const shareUrl = await link.inputValue();

  await page.goto(shareUrl);
  await expect(page.locator('[data-testid^="agent-L"][data-status="done"]')).toHaveCount(13);
  await page.getByTestId('agent-L2.1').click();
  await expect(page.getByTestId('agent-inspector')).toContainText('Output tokens');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'test-results/screenshots/csp-shared-page.png', fullPage: true });

  await page.goto(appUrl('/stats'));
  await expect(page.getByRole('heading', { name: 'MoA against a single model' })).toBeVisible();
  // A client-side navigation: the next page's code is loaded by scripts already trusted.
  await page.getByRole('link', { name: 'Ask a question' }).click();
  await expect(page).toHaveURL(appUrl('/'));
  await page.locator('[data-ready]').waitFor();

  await page.goto(appUrl('/no-such-page'));
  await expect(page.getByRole('heading', { name: 'This page is not here' })).toBeVisible();

  expect(violations).toEqual([]);
});

test('markup injected into a page cannot run script: without the nonce, with an old one, or as a handler; nor eval', async ({ page }) => {
  const violations = await watchPolicyViolations(page);
  const share = appUrl(await createShare('Name three primary colours.'));
  const earlier = await fetch(share);
  const staleNonce = /'nonce-([^']+)'/.exec(earlier.headers.get('content-security-policy') ?? '')?.[1];
  expect(staleNonce).toBeDefined();
  // Stands in for an HTML injection: the server's page and headers, with attacker markup added to the body. The
  // one script given this response's own nonce shows that nonces work, and tries eval.
  await page.route(share, async (route) => {
    const response = await route.fetch();
    const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1];
    const injected = [
      '<script>window.inlineRan = true</script>',
      `<script nonce="${staleNonce}">window.staleRan = true</script>`,
      '<img src="/icon.svg" alt="" onload="window.handlerRan = true">',
      `<script nonce="${nonce}">window.noncedRan = true; try { eval('1'); window.evalRan = true } catch {}</script>`,
    ].join('');
    await route.fulfill({ response, body: (await response.text()).replace('<body>', `<body>${injected}`) });
  });

  await page.goto(share);
  await page.getByTestId('agent-L1.1').click();
  await expect(page.getByTestId('agent-inspector')).toContainText('Output tokens');
  const ran = await page.evaluate(() => {
    const flags = window as unknown as Record<string, boolean | undefined>;
    return { inline: flags.inlineRan, stale: flags.staleRan, handler: flags.handlerRan, nonced: flags.noncedRan, eval: flags.evalRan };
  });

  expect(ran).toEqual({ inline: undefined, stale: undefined, handler: undefined, nonced: true, eval: undefined });
  await expect
    .poll(() => violations.filter((violation) => !violation.startsWith('console')).map((violation) => violation.split(' (')[0]).sort())
    .toEqual([
      `script-src refused eval on ${new URL(share).pathname}`,
      `script-src-attr refused inline on ${new URL(share).pathname}`,
      `script-src-elem refused inline on ${new URL(share).pathname}`,
      `script-src-elem refused inline on ${new URL(share).pathname}`,
    ]);
});

/** Serves a page on a loopback origin other than the app's, framing `target` beside a page that allows it. */
async function startEmbedder(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const { port } = server.address() as AddressInfo;
    response.setHeader('content-type', 'text/html');
    if (request.url === '/frameable') response.end('<p id="framed">framed fine</p>');
    else response.end(`<iframe name="control" src="http://127.0.0.1:${port}/frameable"></iframe><iframe name="target" src="${target}"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // `localhost`, not 127.0.0.1: another origin than the app's and than the control frame's, on the same machine
  // (Chromium refuses loopback frames inside pages from public origins before any header is read).
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // The browser keeps its connections alive; without this, close waits for them.
      server.closeAllConnections();
    });
  return { url: `http://localhost:${port}/`, close };
}

test('another site cannot show a shared page in a frame', async ({ page }) => {
  const share = appUrl(await createShare('Can this be framed?'));
  const embedder = await startEmbedder(share);
  try {
    const refusal = page.waitForEvent('console', (message) => message.text().includes("frame-ancestors 'none'"));
    const blocked = page.waitForEvent('requestfailed', (request) => request.url() === share);
    await page.goto(embedder.url);

    await expect(page.frameLocator('iframe[name="control"]').locator('#framed')).toHaveText('framed fine');
    expect((await blocked).failure()?.errorText).toBe('net::ERR_BLOCKED_BY_RESPONSE');
    expect((await refusal).text()).toContain(new URL(share).origin);
    await expect(page.frameLocator('iframe[name="target"]').getByTestId('answer')).toHaveCount(0);
  } finally {
    await embedder.close();
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
