import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { evalRecordSchema, type EvalRecord } from '@/lib/eval/run/eval-records';
import { workKeys } from '../support/eval-fixtures';
import { appUrl } from './environment';

/**
 * An evaluation in the browser, on simulated models: set up, started, stopped, reloaded, resumed and finished, its
 * report read, exported and shared. What a reload or a stop must never do is lose a finished answer or ask a
 * question twice: the JSONL export holds every record, and each piece of work appears once.
 */
const SHOTS = '/tmp/eval-shots';

async function axeClean(page: Page, label: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations, `${label} ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Sets up the Quick set, pairwise, the simulated preset against its aggregator model alone, on `questions` questions. */
async function setUp(page: Page, questions: number) {
  await page.goto(appUrl('/eval'));
  const estimate = page.getByTestId('eval-estimate');
  await expect(estimate).toContainText('Simulated');
  await page.getByLabel('Calls at once').fill('2');
  await page.getByLabel('Only the first N questions').fill(String(questions));
  await expect(estimate).toContainText(`${questions} questions × 2 contestants`);
}

const doneCount = async (page: Page) => Number(/^(\d+) of/.exec((await page.getByTestId('eval-counts').textContent()) ?? '')?.[1] ?? 0);

async function exportedRecords(page: Page): Promise<EvalRecord[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jsonl').click()]);
  return readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => evalRecordSchema.parse(JSON.parse(line)));
}

test('a simulated evaluation stops, survives a reload, resumes, and finishes with every question asked once', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await setUp(page, 6);
  await page.getByTestId('eval-start').click();
  await expect(page).toHaveURL(/\/eval\?id=/);
  await expect(page.getByTestId('eval-status')).toHaveText('Running');
  await expect(page.getByTestId('eval-in-flight')).toBeVisible();
  await expect.poll(() => doneCount(page)).toBeGreaterThanOrEqual(3);

  await page.getByTestId('eval-stop').click();
  await expect(page.getByTestId('eval-status')).toHaveText('Stopped');
  const doneAtStop = await doneCount(page);

  await page.reload();
  await expect(page.getByTestId('eval-status')).toHaveText('Stopped');
  expect(await doneCount(page)).toBe(doneAtStop);
  await page.getByTestId('eval-resume').click();
  await expect(page.getByTestId('eval-status')).toHaveText('Running');
  // Reloaded mid-run this time: the calls in flight are lost, nothing recorded is.
  await expect.poll(() => doneCount(page)).toBeGreaterThan(doneAtStop);
  await page.reload();
  await expect(page.getByTestId('eval-status')).toContainText('Interrupted');
  await page.getByTestId('eval-resume').click();
  await expect(page.getByTestId('eval-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('eval-counts')).toContainText('18 of 18');

  const records = await exportedRecords(page);
  expect(records[0]?.type).toBe('run');
  expect(workKeys(records)).toHaveLength(18);
  expect(new Set(workKeys(records)).size).toBe(18);

  await expect(page.getByTestId('eval-headline')).toContainText(/simulated beats simulator:qwen-110b on \d+% of Quick/);
  for (const chart of ['category-chart', 'cost-quality-chart', 'time-chart']) {
    await expect(page.getByTestId(chart).locator('svg[role="img"]')).toHaveAttribute('aria-label', /\S/);
  }
  const firstQuestion = records.find((record) => record.type === 'answer')?.questionId ?? '';
  await page.getByTestId(`open-question-${firstQuestion}`).click();
  const detail = page.getByTestId('question-detail');
  await expect(detail.getByTestId('answer-simulated').first()).toContainText('simulated');
  await expect(detail.getByTestId('judge-reading')).toHaveCount(2);
  await page.keyboard.press('Escape');

  await page.getByTestId('eval-share').click();
  await page.getByTestId('eval-share-confirm').click();
  const link = await page.getByTestId('eval-share-link').locator('a').getAttribute('href');
  expect(link).toMatch(/\/e\/[\w-]+$/);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/finished.png`, fullPage: true });
  await axeClean(page, 'finished');

  const stranger = await (await browser.newContext()).newPage();
  expect((await stranger.goto(link ?? ''))?.status()).toBe(200);
  await expect(stranger.getByTestId('eval-headline')).toContainText('simulated beats');
  await expect(stranger.getByRole('heading', { level: 1 })).toContainText('Simulated');
  await stranger.context().close();

  await page.goto(appUrl('/eval'));
  await expect(page.getByTestId('eval-history')).toContainText('finished');
});

test('a bad question file is refused with the line and field at fault, and nothing starts', async ({ page }) => {
  await page.goto(appUrl('/eval'));
  await page.getByLabel('Your own or a standard benchmark').check();
  await page.getByTestId('eval-question-file').setInputFiles({
    name: 'mine.jsonl',
    mimeType: 'application/jsonl',
    buffer: Buffer.from('{"prompt": "Name three rivers."}\n{"turns": []}\n'),
  });
  await expect(page.getByTestId('eval-import-error')).toContainText('line 2');
  await expect(page.getByTestId('eval-start')).toBeDisabled();

  await page.getByTestId('eval-question-file').setInputFiles({
    name: 'mine.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('prompt\nName three rivers.\nWrite a limerick about a cat.\n'),
  });
  await expect(page.getByTestId('eval-imported')).toContainText('2 questions from mine.csv');
  await expect(page.getByTestId('eval-start')).toBeEnabled();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/setup.png`, fullPage: true });
  await axeClean(page, 'setup');
});

test('a setup that would spend the server’s own keys says so before anything runs', async ({ page }) => {
  await page.goto(appUrl('/eval'));
  await page.getByLabel('Contestant 1: preset').selectOption('moa-lite');
  await page.getByLabel('Contestant 2: model').selectOption('together:Qwen/Qwen2.5-72B-Instruct-Turbo');
  await page.getByLabel('Judge model').selectOption('together:Qwen/Qwen2.5-72B-Instruct-Turbo');
  await expect(page.getByTestId('eval-estimate')).toContainText('server\'s own key');
  await expect(page.getByTestId('eval-start')).toBeDisabled();
});
