import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ChatPage, SIMULATED_PRESET } from './chat-page';
import { appUrl, E2E_SERVER_MODELS_NAMESPACE } from './environment';

const SHOTS = 'test-results/screenshots';

async function setUp(
  page: Page,
  compare: { enabled: boolean; model?: string; judgeModel?: string; mode?: 'blind' | 'open' },
  settings: unknown = SIMULATED_PRESET,
) {
  const chat = new ChatPage(page);
  await chat.remember({ settings, compare });
  await chat.open();
}

async function ask(page: Page, question: string) {
  await new ChatPage(page).ask(question);
}

test('compares a single model with MoA blind: one progress line, both answers at once, everything on the vote', async ({ page }) => {
  await setUp(page, { enabled: false });
  await page.getByTestId('compare-toggle').check();
  await expect(page.getByTestId('compare-model')).toBeVisible();
  await expect(page.getByTestId('compare-mode')).toHaveValue('blind');
  await ask(page, 'Why is the sky blue?');

  await expect(page.getByTestId('comparison-progress')).toContainText(/Both answers are being written… \d+ of 14 calls done/);
  await expect(page.getByTestId('run-panel')).toHaveCount(0);
  const comparison = page.getByTestId('comparison');
  await expect(comparison.getByRole('heading', { name: 'Answer A' })).toBeVisible({ timeout: 30_000 });
  await expect(comparison.getByRole('heading', { name: 'Answer B' })).toBeVisible();
  await expect(page.getByTestId('vote-bar')).toBeVisible();
  await expect(page.getByTestId('comparison-ratio')).toHaveCount(0);
  await expect(page.getByTestId('run-panel')).toHaveCount(0);
  await expect(comparison.locator('[data-side]')).toHaveCount(0);
  await expect(comparison).not.toContainText(/first token|tokens\s?[\d,]+|cost\s?\$|MoA|single model|×/);
  await page.screenshot({ path: `${SHOTS}/compare-blind.png`, fullPage: true });

  await page.getByRole('button', { name: 'A is better' }).click();
  await expect(page.getByTestId('vote-recorded')).toContainText('A is better');
  await expect(page.getByTestId('comparison-ratio')).toContainText(/MoA took [\d.]+× the time/);
  await expect(page.getByTestId('comparison').locator('[data-side="moa"]')).toHaveCount(1);
  await expect(page.getByTestId('comparison').locator('[data-side="baseline"]')).toContainText('Single model: Qwen1.5-110B');
  await expect(page.getByTestId('comparison').locator('[data-side="baseline"]')).toContainText('first token');
  // The diagram is there, collapsed, one click away.
  await expect(page.getByTestId('toggle-diagram')).toHaveAttribute('aria-expanded', 'false');
  await page.getByTestId('toggle-diagram').click();
  await expect(page.locator('[data-testid^="agent-L1."]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/compare-revealed.png`, fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('vote-recorded')).toBeVisible();
});

test('revealing shows everything and ends the blind vote', async ({ page }) => {
  await setUp(page, { enabled: true });
  await ask(page, 'Reveal, do not vote.');
  await page.getByRole('button', { name: 'Reveal which is which' }).click({ timeout: 30_000 });
  await expect(page.getByTestId('comparison').locator('[data-side="moa"]')).toHaveCount(1);
  await expect(page.getByTestId('comparison-ratio')).toBeVisible();
  await expect(page.getByTestId('vote-bar')).toHaveCount(0);
  await expect(page.getByTestId('comparison')).toContainText('can no longer be voted on blind');
});

test('an open comparison keeps the live view, and its vote is stored as open', async ({ page }) => {
  await setUp(page, { enabled: true, mode: 'open' });
  await ask(page, 'Watch both live.');
  await expect(page.locator('[data-testid^="agent-L1."]').first()).toBeVisible();
  await expect(page.getByTestId('comparison').locator('[data-side="baseline"]')).toBeVisible();
  await expect(page.getByTestId('comparison-ratio')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Tie' }).click();
  await expect(page.getByTestId('vote-recorded')).toContainText('a tie');
  await page.goto(appUrl('/stats'));
  await expect(page.getByTestId('your-votes')).toContainText('a tie');
  // Simulated, and open: the first reason that applies is given.
  await expect(page.getByTestId('your-votes')).toContainText('not counted: the comparison ran on simulated models');
});

test('a failing single model never fails the MoA run', async ({ page }) => {
  await setUp(page, { enabled: true, model: 'simulator:fails-early', mode: 'open' });
  await ask(page, 'Does the MoA still answer?');
  await expect(page.getByTestId('run-summary')).toContainText('13/13 agents answered', { timeout: 30_000 });
  await expect(page.getByTestId('comparison')).toContainText('The single model failed');
  await expect(page.getByTestId('comparison')).toContainText('simulat');
  await expect(page.getByTestId('vote-bar')).toHaveCount(0);
});

test('a blind comparison with a failed side says there is nothing to vote on, and shows what happened on request', async ({ page }) => {
  await setUp(page, { enabled: true, model: 'simulator:fails-early' });
  await ask(page, 'Is there anything to vote on?');
  await expect(page.getByTestId('comparison')).toContainText('nothing to vote on', { timeout: 30_000 });
  await expect(page.getByTestId('vote-bar')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show what happened' }).click();
  await expect(page.getByTestId('comparison')).toContainText('The single model failed');
});

test('asks a judge, which reads both orders and gives a verdict', async ({ page }) => {
  await setUp(page, { enabled: true, judgeModel: 'simulator:judge', mode: 'open' });
  await ask(page, 'Which is better?');
  await page.getByTestId('ask-judge').click({ timeout: 30_000 });
  const verdict = page.getByTestId('judge-verdict');
  await expect(verdict).toContainText(/The judge (prefers|calls it a tie|gave no consistent verdict)/);
  await expect(verdict).toContainText('(simulated judge)');
  await expect(verdict).toContainText('both orders read');
});

test('stopping a comparison stops both sides', async ({ page }) => {
  // A layer-1 agent and the single model never answer, so both sides are surely still running when stopped.
  await setUp(page, { enabled: true, model: 'simulator:hangs', mode: 'open' }, {
    mode: 'custom',
    config: {
      layers: [{ agents: [{ model: 'simulator:qwen-72b' }, { model: 'simulator:hangs' }] }],
      aggregator: { model: 'simulator:qwen-110b' },
    },
  });
  const aborted = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/api/moa'));
  await ask(page, 'Stop us both.');
  await expect(page.locator('[data-testid^="agent-L1."][data-status="streaming"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await aborted;
  await expect(page.getByText('Stopped before the run finished')).toBeVisible();
  await expect(page.getByTestId('vote-bar')).toHaveCount(0);
});

/**
 * Runs a comparison on the local OpenAI-compatible server (as Together, on the server's key: global setup prices
 * these models in SERVER_MODELS) through the API, and returns its receipt.
 */
async function realComparison(namespace: string, index: number): Promise<{ comparisonId: string; receipt: string }> {
  const model = (name: string) => ({ model: `together:${namespace}/${name}` });
  const response = await fetch(appUrl('/api/moa'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [{ role: 'user', content: `Real question ${index}?` }],
      config: { layers: [{ agents: [model('p1'), model('p2')] }], aggregator: model('agg') },
      compare: { model: `together:${namespace}/single` },
    }),
  });
  const text = await response.text();
  const chunks = text
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)));
  const run = chunks.find((chunk) => chunk.type === 'data-run');
  const receipt = chunks.find((chunk) => chunk.type === 'data-receipt');
  return { comparisonId: run.data.runId, receipt: receipt.data.token };
}

test('the stats page counts votes on comparisons the server ran, with the rate and interval from ten on', async ({ page }) => {
  const vote = (body: object) =>
    fetch(appUrl('/api/votes'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // Made-up votes, as a script could send them, are refused and change nothing.
  const madeUp = await vote({
    comparisonId: crypto.randomUUID(),
    browserId: `e2e-${crypto.randomUUID()}`,
    vote: 'moa',
    moaModels: ['together:Qwen/Qwen2.5-72B-Instruct-Turbo'],
    baselineModel: 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
    questionLength: 12,
    moa: { timeMs: 9000, cost: 0.006 },
    baseline: { timeMs: 3000, cost: 0.001 },
  });
  expect(madeUp.status).toBe(400);

  // Ten real comparisons with custom settings: 8 MoA wins and 2 losses (80%), on the models the server prices.
  const namespace = E2E_SERVER_MODELS_NAMESPACE;
  const choices = [...Array(8).fill('moa'), 'baseline', 'baseline'];
  for (const [index, choice] of choices.entries()) {
    const { comparisonId, receipt } = await realComparison(namespace, index);
    expect((await vote({ comparisonId, receipt, vote: choice })).status).toBe(201);
  }

  await page.goto(appUrl('/stats'));
  const row = page.getByRole('table').getByRole('row', { name: /Custom settings/ });
  await expect(row).toContainText('80');
  await expect(row).toContainText(/\d(\.\d)?×/);
  await expect(page.getByRole('region', { name: 'How this is computed' })).toContainText('Only comparisons this server ran count');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/stats.png`, fullPage: true });
});

test('a blind share stays blind for each visitor until that visitor votes or reveals', async ({ page, browser }) => {
  await setUp(page, { enabled: true });
  await ask(page, 'Share the comparison.');
  await expect(page.getByTestId('vote-bar')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('open-share').click();
  await page.getByTestId('share-publish').click();
  const blindLink = await page.getByTestId('share-link').inputValue();
  await page.getByRole('button', { name: 'Close' }).click();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(blindLink);
  await expect(visitor.getByRole('heading', { name: 'Answer A' })).toBeVisible();
  await expect(visitor.locator('[data-side]')).toHaveCount(0);
  await expect(visitor.getByTestId('run-panel')).toHaveCount(0);
  await visitor.getByRole('button', { name: 'Reveal which is which' }).click();
  await expect(visitor.locator('[data-side="baseline"]')).toContainText('Single model');
  await visitor.reload();
  await expect(visitor.locator('[data-side="baseline"]')).toContainText('Single model');

  // Another visitor still sees it blind, and votes: the comparison's one vote.
  const second = await (await browser.newContext()).newPage();
  await second.goto(blindLink);
  await expect(second.locator('[data-side]')).toHaveCount(0);
  await second.getByRole('button', { name: 'Tie' }).click();
  await expect(second.getByTestId('vote-recorded')).toContainText('Thank you');
  await expect(second.locator('[data-side="moa"]')).toHaveCount(1);

  // The sharer votes after: the first vote stands, and the page says so.
  await page.getByRole('button', { name: 'A is better' }).click();
  await expect(page.getByTestId('vote-recorded')).toContainText('already had a vote');
  await page.getByTestId('open-share').click();
  await page.getByTestId('share-publish').click();
  const votedLink = await page.getByTestId('share-link').inputValue();
  await visitor.goto(votedLink);
  await expect(visitor.locator('[data-side="moa"]')).toBeVisible();
  await expect(visitor.getByTestId('shared-comparison')).toContainText('The person who shared this voted: A is better.');
});
