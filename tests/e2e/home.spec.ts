import { expect, test } from '@playwright/test';
import { appUrl } from './environment';

test('answers a question with the simulated preset, every agent reaching done', async ({ page }) => {
  await page.goto(appUrl('/'));
  await page.getByLabel('Preset').selectOption('simulated');
  await expect(page.getByTestId('simulator-banner')).toBeVisible();

  await page.getByLabel('Your question').fill('Why is the sky blue?');
  await page.getByLabel('Your question').press('Enter');
  await expect(page.locator('[data-testid^="agent-L1."][data-status="running"]').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/run-in-progress.png', fullPage: true });

  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-testid^="agent-"][data-status="done"]')).toHaveCount(13);
  await expect(page.getByTestId('answer')).toContainText('Why is the sky blue?');
  await page.screenshot({ path: 'test-results/screenshots/run-done.png', fullPage: true });
});

test('answers through a real provider when one is configured, without the simulator banner', async ({ page }) => {
  await page.goto(appUrl('/'));
  await expect(page.getByLabel('Preset')).toHaveValue('moa');
  await expect(page.getByTestId('simulator-banner')).toHaveCount(0);
  await page.getByLabel('Your question').fill('Name a colour.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  // The local OpenAI-compatible server answers "Answer from <model> to: <question>".
  await expect(page.getByTestId('answer')).toContainText('Answer from Qwen/Qwen2.5-72B-Instruct-Turbo to: Name a colour.');
});
