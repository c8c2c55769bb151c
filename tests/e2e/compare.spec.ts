import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { appUrl } from './environment';

const SHOTS = 'test-results/screenshots';

async function setUp(
  page: Page,
  compare: { enabled: boolean; model?: string; judgeModel?: string },
  settings: unknown = { mode: 'preset', presetId: 'simulated' },
) {
  await page.addInitScript(
    ({ compare, settings }) => {
      localStorage.setItem('moa-studio:run-settings:v1', JSON.stringify(settings));
      localStorage.setItem('moa-studio:compare:v1', JSON.stringify(compare));
    },
    { compare, settings },
  );
  await page.goto(appUrl('/'));
  await page.locator('[data-ready]').waitFor();
}

async function ask(page: Page, question: string) {
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('Your question').press('Enter');
}

test('compares a single model with MoA side by side, blind until the vote', async ({ page }) => {
  await setUp(page, { enabled: false });
  await page.getByTestId('compare-toggle').check();
  await expect(page.getByTestId('compare-model')).toBeVisible();
  await ask(page, 'Why is the sky blue?');

  const comparison = page.getByTestId('comparison');
  await expect(comparison.getByRole('heading', { name: 'Answer A' })).toBeVisible();
  await expect(comparison.getByRole('heading', { name: 'Answer B' })).toBeVisible();
  await expect(page.getByTestId('comparison-ratio')).toContainText(/MoA took [\d.]+× the time/, { timeout: 30_000 });
  await expect(comparison.locator('[data-side]')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/compare-blind.png`, fullPage: true });

  await page.getByRole('button', { name: 'A is better' }).click();
  await expect(page.getByTestId('vote-recorded')).toContainText('A is better');
  await expect(comparison.locator('[data-side="moa"]')).toHaveCount(1);
  await expect(comparison.locator('[data-side="baseline"]')).toContainText('Single model: Qwen1.5-110B');
  await page.screenshot({ path: `${SHOTS}/compare-revealed.png`, fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('vote-recorded')).toBeVisible();
});

test('a failing single model never fails the MoA run', async ({ page }) => {
  await setUp(page, { enabled: true, model: 'simulator:fails-early' });
  await ask(page, 'Does the MoA still answer?');
  await expect(page.getByTestId('run-summary')).toContainText('13/13 agents answered', { timeout: 30_000 });
  await expect(page.getByTestId('comparison')).toContainText('The single model failed');
  await expect(page.getByTestId('comparison')).toContainText('simulat');
});

test('asks a judge, which reads both orders and gives a verdict', async ({ page }) => {
  await setUp(page, { enabled: true, judgeModel: 'simulator:judge' });
  await ask(page, 'Which is better?');
  await page.getByTestId('ask-judge').click({ timeout: 30_000 });
  const verdict = page.getByTestId('judge-verdict');
  await expect(verdict).toContainText(/The judge (prefers|calls it a tie|gave no consistent verdict)/);
  await expect(verdict).toContainText('(simulated judge)');
  await expect(verdict).toContainText('both orders read');
});

test('stopping a comparison stops both sides', async ({ page }) => {
  // A layer-1 agent and the single model never answer, so both sides are surely still running when stopped.
  await setUp(page, { enabled: true, model: 'simulator:hangs' }, {
    mode: 'custom',
    config: {
      layers: [{ agents: [{ model: 'simulator:qwen-72b' }, { model: 'simulator:hangs' }] }],
      aggregator: { model: 'simulator:qwen-110b' },
    },
  });
  const aborted = page.waitForEvent('requestfailed', (request) => request.url().endsWith('/api/moa'));
  await ask(page, 'Stop us both.');
  await expect(page.locator('[data-testid^="agent-L1."][data-status="streaming"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  await aborted;
  await expect(page.getByText('Stopped before the run finished.')).toBeVisible();
  await expect(page.getByTestId('vote-bar')).toHaveCount(0);
});

test('the stats page shows the win rate and interval from votes, and hides it below ten', async ({ page }) => {
  const vote = (choice: string, preset: string) =>
    fetch(appUrl('/api/votes'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        comparisonId: crypto.randomUUID(),
        browserId: `e2e-${crypto.randomUUID()}`,
        vote: choice,
        preset,
        moaModels: ['together:Qwen/Qwen2.5-72B-Instruct-Turbo'],
        baselineModel: 'together:meta-llama/Llama-3.3-70B-Instruct-Turbo',
        questionLength: 12,
        moa: { timeMs: 9000, cost: 0.006 },
        baseline: { timeMs: 3000, cost: 0.001 },
      }),
    });
  // MoA-Lite: 8 wins, 2 losses (80%); Self-MoA: 3 votes, too few to show a rate.
  const choices = [...Array(8).fill('moa'), 'baseline', 'baseline'];
  for (const choice of choices) expect((await vote(choice, 'moa-lite')).status).toBe(201);
  for (const choice of ['moa', 'tie', 'baseline']) expect((await vote(choice, 'self-moa')).status).toBe(201);

  await page.goto(appUrl('/stats'));
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /MoA-Lite|moa-lite/ })).toContainText('80');
  await expect(table.getByRole('row', { name: /MoA-Lite|moa-lite/ })).toContainText('3.0×');
  await expect(table.getByRole('row', { name: /Self-MoA|self-moa/ })).toContainText(/too few\s*3 votes/);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/stats.png`, fullPage: true });
});

test('a shared comparison keeps the sharer’s reveal state and vote', async ({ page, browser }) => {
  await setUp(page, { enabled: true });
  await ask(page, 'Share the comparison.');
  await expect(page.getByTestId('comparison-ratio')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('open-share').click();
  const blindLink = await page.getByTestId('share-link').inputValue();
  await page.getByRole('button', { name: 'Close' }).click();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(blindLink);
  await expect(visitor.getByRole('heading', { name: 'Answer A' })).toBeVisible();
  await expect(visitor.locator('[data-side]')).toHaveCount(0);
  await expect(visitor.getByTestId('vote-bar')).toHaveCount(0);
  await visitor.getByRole('button', { name: 'Reveal which is which' }).click();
  await expect(visitor.locator('[data-side="baseline"]')).toContainText('Single model');

  await page.getByRole('button', { name: 'Tie' }).click();
  await expect(page.getByTestId('vote-recorded')).toBeVisible();
  await page.getByTestId('open-share').click();
  const votedLink = await page.getByTestId('share-link').inputValue();
  await visitor.goto(votedLink);
  await expect(visitor.locator('[data-side="moa"]')).toBeVisible();
  await expect(visitor.getByTestId('shared-comparison')).toContainText('The person who shared this voted: a tie.');
});
