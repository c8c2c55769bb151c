import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { evalRecordSchema } from '@/lib/eval/run/eval-records';
import { SHARE_QUESTIONS, shareRecords } from '../support/eval-share-fixtures';
import { appUrl } from './environment';

const SHOTS = '/tmp/eval-share-shots';

/** Shares the simulated run of the fixtures, as the evaluation page would, and returns the report's path and token. */
async function shareReport(): Promise<{ url: string; deleteToken: string }> {
  const response = await fetch(appUrl('/api/eval-shares'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(appUrl()).origin },
    body: JSON.stringify({ records: shareRecords(), questions: SHARE_QUESTIONS }),
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function freshPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

async function downloaded(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('a shared report shows its headline, charts with tables, one question’s evidence and its downloads', async ({
  browser,
}) => {
  const { url } = await shareReport();
  const page = await freshPage(browser);
  expect((await page.goto(appUrl(url)))?.status()).toBe(200);

  await expect(page.getByTestId('eval-headline')).toHaveText(
    /^moa-lite beats single on 70% of Quick \(95%: \d+–\d+%\), LC \d+%, at 3\.0× the cost\.$/,
  );
  await expect(page.getByTestId('simulated-notice')).toContainText('built-in simulator');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Simulated');

  for (const chart of ['category-chart', 'cost-quality-chart', 'time-chart']) {
    const figure = page.getByTestId(chart);
    await expect(figure.locator('figcaption')).not.toBeEmpty();
    await expect(figure.locator('svg[role="img"]')).toHaveAttribute('aria-label', /\S/);
    await figure.locator('summary').click();
    await expect(figure.locator('table')).toBeVisible();
  }
  await expect(page.getByTestId('category-chart').locator('table')).toContainText('math');
  await expect(page.getByTestId('cost-quality-chart').locator('table')).toContainText('single (reference)');
  await expect(page.getByTestId('time-chart').locator('table')).toContainText('first token');

  await page.getByTestId('open-question-q-writing-2').click();
  const detail = page.getByTestId('question-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('answer-moa-lite').first()).toContainText('answers turn 1 of q-writing-2');
  await expect(detail.getByTestId('answer-single').first()).toContainText('answers turn 1 of q-writing-2');
  await expect(detail.getByTestId('judge-reading')).toHaveCount(4);
  await expect(detail.getByTestId('judge-reading').nth(0)).toContainText('moa-lite as A');
  await expect(detail.getByTestId('judge-reading').nth(1)).toContainText('Second reading of q-writing-2');
  await expect(detail.getByTestId('judgment-moa-lite').nth(1)).toContainText('lost');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/question-detail.png` });
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  const csv = await downloaded(page, 'download-csv');
  expect(csv.name).toBe('quick-2026-12-02.csv');
  const rows = csv.text.split('\r\n');
  expect(rows[0]).toBe(
    'question_id,category,turn,contestant,status,time_to_first_token_ms,total_ms,input_tokens,output_tokens,cost_usd,verdict,score,judge_cost_usd',
  );
  expect(rows.slice(1, -1)).toHaveLength(10);

  const jsonl = await downloaded(page, 'download-jsonl');
  expect(jsonl.name).toBe('quick-2026-12-02.jsonl');
  const records = jsonl.text
    .trimEnd()
    .split('\n')
    .map((line) => evalRecordSchema.parse(JSON.parse(line)));
  expect(records).toEqual(shareRecords());
});

test('a shared report passes axe in light and dark and fits a phone', async ({ browser }) => {
  const { url } = await shareReport();
  mkdirSync(SHOTS, { recursive: true });
  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const page = await freshPage(browser, viewport);
    await page.goto(appUrl(url));
    for (const summary of await page.locator('summary').all()) await summary.click();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(axe.violations, `${name} ${colorScheme}`).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/${name}-${colorScheme}.png`, fullPage: true });
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.context().close();
  }
});

test('a shared report previews with its headline and is gone once deleted', async ({ browser }) => {
  const { url, deleteToken } = await shareReport();
  const page = await freshPage(browser);
  await page.goto(appUrl(url));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Quick: moa-lite against single');
  await expect(page.locator('meta[property="og:description"]')).toHaveAttribute(
    'content',
    /^Simulated evaluation\. moa-lite beats single/,
  );
  const image = await fetch(appUrl(`${url}/opengraph-image`));
  expect(image.status).toBe(200);
  expect(image.headers.get('content-type')).toBe('image/png');
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}/opengraph-image.png`, Buffer.from(await image.arrayBuffer()));

  const id = url.split('/').at(-1) ?? '';
  const deleted = await fetch(appUrl(`/api/eval-shares/${id}`), {
    method: 'DELETE',
    headers: { authorization: `Bearer ${deleteToken}` },
  });
  expect(deleted.status).toBe(204);
  expect((await page.goto(appUrl(url)))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This report is not here' })).toBeVisible();
});
