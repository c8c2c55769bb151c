import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { getRequests, setBehaviors } from '../support/openai-control';
import { ChatPage } from './chat-page';
import { appUrl, openaiBaseUrl } from './environment';

const SHOTS = 'test-results/screenshots';
const agents = (page: Page) => page.locator('[data-testid^="agent-L"]');

/** Stores run settings before the page loads, as the settings panel would. */
async function useSettings(page: Page, settings: unknown) {
  await new ChatPage(page).remember({ settings });
}

async function ask(page: Page, question: string) {
  const chat = new ChatPage(page);
  await chat.ready();
  await chat.ask(question);
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target}`)).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  await useSettings(page, { mode: 'preset', presetId: 'simulated' });
});

test('runs a simulated MoA to the end: every node done, answer and summary shown', async ({ page }) => {
  await page.goto(appUrl('/'));
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.getByTestId('simulator-banner')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/empty.png` });

  // Every status a layer-1 node takes, recorded as it happens: on a busy machine layer 1 may stream for less time
  // than a poll takes to look.
  await page.evaluate(() => {
    const seen = new Set<string>();
    Object.assign(window, { layerOneStatuses: seen });
    new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target as Element;
        if (node.getAttribute('data-testid')?.startsWith('agent-L1.')) seen.add(node.getAttribute('data-status') ?? '');
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  });
  await ask(page, 'Why is the sky blue?');
  await expect(page.locator('[data-testid^="agent-L"][data-status]').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/running.png` });

  await expect(page.getByTestId('run-summary')).toContainText('13/13 agents answered', { timeout: 30_000 });
  // A run that finished well folds its diagram into the summary line, one click from open.
  await expect(page.getByTestId('toggle-diagram')).toHaveAttribute('aria-expanded', 'false');
  await expect(agents(page)).toHaveCount(0);
  await new ChatPage(page).showDiagram();
  const layerOneStatuses = await page.evaluate(() => [...(window as unknown as { layerOneStatuses: Set<string> }).layerOneStatuses]);
  expect(layerOneStatuses).toEqual(expect.arrayContaining(['streaming', 'done']));
  await expect(agents(page)).toHaveCount(13);
  await expect(page.locator('[data-testid^="agent-L"][data-status="done"]')).toHaveCount(13);
  await expect(page.getByTestId('answer')).toContainText(/why the sky is blue/i);
  await expect(page.getByTestId('run-timeline')).toContainText('Critical path');
  await expect(page.getByTestId('critical-path-segment')).toHaveCount(3);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/done.png`, fullPage: true });
});

test('opens a node’s full output with usage and timings, by click and by keyboard', async ({ page }) => {
  await page.goto(appUrl('/'));
  await ask(page, 'Name three primary colours.');
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await new ChatPage(page).showDiagram();

  await page.getByTestId('agent-L1.2').click();
  const inspector = page.getByTestId('agent-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText('Output tokens');
  await expect(inspector.getByTestId('inspector-output')).toContainText('three primary colours');
  await page.screenshot({ path: `${SHOTS}/inspector.png` });
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();

  await page.getByTestId('agent-L3.1').focus();
  await page.keyboard.press('Enter');
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText('aggregator');
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('agent-L3.1')).toBeFocused();
});

test('stops a run: the request is aborted and unfinished nodes show stopped', async ({ page }) => {
  // Layer 2 holds an agent that never answers, so the run is surely mid-layer-2 when it is stopped.
  await useSettings(page, {
    mode: 'custom',
    config: {
      layers: [
        { agents: [{ model: 'simulator:qwen-72b' }, { model: 'simulator:llama-3-70b' }, { model: 'simulator:dbrx' }] },
        { agents: [{ model: 'simulator:qwen-72b' }, { model: 'simulator:hangs' }] },
      ],
      aggregator: { model: 'simulator:qwen-110b' },
    },
  });
  await page.goto(appUrl('/'));
  const aborted = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/api/moa'));
  await ask(page, 'Tell me a long story.');
  // Stop while layer 2 reads layer 1: all 3 × 2 edges between them carry answers forward.
  await expect(page.getByTestId('agent-L2.1')).toHaveAttribute('data-status', /streaming|done/);
  await expect(page.locator('[data-edges="flowing"]')).toHaveAttribute('data-count', '6');
  await page.getByRole('button', { name: 'Stop' }).click();
  await aborted;

  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(page.getByTestId('agent-L2.2')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('agent-L3.1')).toHaveAttribute('data-status', 'stopped');
  await expect(page.locator('[data-testid^="agent-L"][data-status="streaming"]')).toHaveCount(0);
  await expect(page.getByText('Stopped before the run finished')).toBeVisible();
  await expect(page.getByTestId('interrupted-notice')).toContainText('You stopped this run');
  await expect(page.getByTestId('error-notice')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/stopped.png` });
});

test('shows a failing agent as failed, with its reason, and still answers', async ({ page }) => {
  await useSettings(page, {
    mode: 'custom',
    config: {
      layers: [{ agents: [{ model: 'simulator:fails-early' }, { model: 'simulator:qwen-72b' }, { model: 'simulator:llama-3-70b' }] }],
      aggregator: { model: 'simulator:qwen-110b' },
      maxRetries: 0,
    },
  });
  await page.goto(appUrl('/'));
  await ask(page, 'Is this robust?');
  await expect(page.getByTestId('run-summary')).toContainText('1 failed', { timeout: 30_000 });
  await new ChatPage(page).showDiagram();
  const failed = page.getByTestId('agent-L1.1');
  await expect(failed).toHaveAttribute('data-status', 'failed');
  // After a click (the one that opened the diagram) focus rings and tooltips follow the pointer: hover the node.
  await failed.hover();
  await expect(page.getByRole('tooltip')).toContainText('simulated 503');
  // The aggregator still answers, from the two proposers that did.
  await expect(page.getByTestId('agent-L2.1')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('answer')).toContainText('simulated');
  await page.screenshot({ path: `${SHOTS}/failed-agent.png` });
});

test('shows an API error from the server with its message', async ({ page }) => {
  await page.route('**/api/moa', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'internal', message: 'Something went wrong on our side. Please try again.' }),
    }),
  );
  await page.goto(appUrl('/'));
  await ask(page, 'Hello?');
  await expect(page.getByTestId('error-notice')).toContainText('Something went wrong on our side.');
  await expect(page.getByTestId('error-notice').getByRole('button', { name: 'Retry' })).toBeEnabled();
});

test('tells the user when they can retry after using their budget of model calls', async ({ page }) => {
  // The test server gives own-key runs 4 model calls an hour (see global-setup): two 2-call runs use them up.
  const namespace = crypto.randomUUID();
  await setBehaviors(openaiBaseUrl(), { [`${namespace}/a`]: { text: 'Proposal.' }, [`${namespace}/z`]: { text: 'Aggregated.' } });
  await page.setExtraHTTPHeaders({ 'x-e2e-client': `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
  await useSettings(page, {
    mode: 'custom',
    config: { layers: [{ agents: [{ model: `openrouter:${namespace}/a` }] }], aggregator: { model: `openrouter:${namespace}/z` } },
  });
  await page.goto(appUrl('/'));
  await expect(page.getByText('Fix the settings before sending.')).toBeVisible();
  await new ChatPage(page).openKeys();
  await page.getByTestId('key-input-openrouter').fill('sk-or-budget-key-5678');
  await page.getByTestId('key-save-openrouter').click();
  await page.keyboard.press('Escape');
  // The settings are valid once the catalog, fetched again with the key, lists OpenRouter: only then does Enter send.
  await expect(page.getByText('Fix the settings before sending.')).toBeHidden();

  for (const question of ['First?', 'Second?']) {
    await ask(page, question);
    await expect(page.getByTestId('answer').last()).toContainText('Aggregated.', { timeout: 30_000 });
  }
  await ask(page, 'Third?');
  const notice = page.getByTestId('error-notice');
  await expect(notice).toContainText('You have used the 4 model calls allowed on your own keys per hour.');
  await expect(notice).toContainText(/try again in (59|60) min/);
  await expect(notice.getByRole('button', { name: 'Retry' })).toBeDisabled();
  expect(await getRequests(openaiBaseUrl(), namespace)).toHaveLength(4);
  await page.screenshot({ path: `${SHOTS}/rate-limited.png` });
});

test('keeps partial results when the connection drops mid-run, and retries', async ({ page }) => {
  let calls = 0;
  await page.route('**/api/moa', async (route) => {
    calls += 1;
    if (calls > 1) return route.continue();
    // Forward the real run but cut it off after its first agents finished.
    const response = await route.fetch();
    const lines = (await response.text()).split('\n\n');
    const cut = lines.findIndex((line) => line.includes('"status":"done"'));
    await route.fulfill({ response, body: `${lines.slice(0, cut + 1).join('\n\n')}\n\n` });
  });
  await page.goto(appUrl('/'));
  await ask(page, 'Will this arrive?');
  const notice = page.getByTestId('error-notice');
  await expect(notice).toContainText('connection dropped');
  await expect(page.locator('[data-testid^="agent-L"][data-status="done"]')).toHaveCount(1);
  await expect(page.locator('[data-testid^="agent-L"][data-status="stopped"]')).toHaveCount(12);
  await page.screenshot({ path: `${SHOTS}/connection-dropped.png` });

  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('run-summary')).toContainText('13/13 agents answered', { timeout: 30_000 });
  await expect(page.getByTestId('error-notice')).toHaveCount(0);
});

test('keeps the conversation across a reload, collapses earlier runs, and starts a new chat', async ({ page }) => {
  await page.goto(appUrl('/'));
  await ask(page, 'First question?');
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });

  const second = page.waitForRequest((request) => request.url().endsWith('/api/moa'));
  await ask(page, 'Second question?');
  const body = (await second).postDataJSON();
  expect(body.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant', 'user']);
  await expect(page.getByTestId('run-summary')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('toggle-diagram').first()).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('toggle-diagram').first()).toHaveAccessibleName(/agents answered .* Show diagram$/);

  await page.reload();
  await expect(page.getByRole('main').getByText('First question?', { exact: true })).toBeVisible();
  await expect(page.getByTestId('answer')).toHaveCount(2);
  await page.getByTestId('toggle-diagram').first().click();
  await expect(page.getByTestId('run-panel').first().locator('[data-testid^="agent-L"]')).toHaveCount(13);

  await page.getByTestId('new-chat').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('empty-state')).toBeVisible();
});

test('fits a phone: the page does not scroll sideways, the diagram does', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(appUrl('/'));
  await ask(page, 'Why is the sky blue?');
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await new ChatPage(page).showDiagram();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const diagram = page.getByRole('group', { name: 'Mixture-of-Agents diagram' });
  expect(await diagram.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/phone.png`, fullPage: true });
});

test('passes axe in the dark theme during and after a run', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(appUrl('/'));
  await expectNoAxeViolations(page);
  await ask(page, 'Why is the sky blue?');
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SHOTS}/dark.png`, fullPage: true });
});

test('sends a key added in the browser with the user’s own requests only', async ({ page }) => {
  const namespace = crypto.randomUUID();
  const baseURL = openaiBaseUrl();
  await setBehaviors(baseURL, { [`${namespace}/a`]: { text: 'From OpenRouter.' }, [`${namespace}/z`]: { text: 'Aggregated.' } });
  await useSettings(page, {
    mode: 'custom',
    config: {
      layers: [{ agents: [{ model: `openrouter:${namespace}/a` }] }],
      aggregator: { model: `openrouter:${namespace}/z` },
    },
  });
  await page.goto(appUrl('/'));
  await expect(page.getByText('Fix the settings before sending.')).toBeVisible();

  await new ChatPage(page).openKeys();
  await page.getByTestId('key-input-openrouter').fill('sk-or-browser-key-1234');
  await page.getByTestId('key-save-openrouter').click();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Fix the settings before sending.')).toBeHidden();

  await ask(page, 'Who answers?');
  await expect(page.getByTestId('answer')).toContainText('Aggregated.', { timeout: 30_000 });
  const requests = await getRequests(baseURL, namespace);
  expect(requests.map((request) => request.authorization)).toEqual(['Bearer sk-or-browser-key-1234', 'Bearer sk-or-browser-key-1234']);
});
