import { expect, test } from '@playwright/test';
import { appUrl } from './environment';

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  test(`screenshots ${name}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.addInitScript(() => {
      localStorage.setItem('moa-studio:run-settings:v1', JSON.stringify({ mode: 'preset', presetId: 'simulated' }));
      localStorage.setItem('moa-studio:compare:v1', JSON.stringify({ enabled: true }));
    });
    await page.goto(appUrl('/'));
    await page.locator('[data-ready]').waitFor();
    await page.getByLabel('Your question').fill('How do I pick a database for a small web app?');
    await page.getByLabel('Your question').press('Enter');
    await expect(page.getByTestId('comparison-progress')).toContainText(/[1-9]\d* of 14 calls done/, { timeout: 30_000 });
    await page.screenshot({ path: `/tmp/shots/${name}-1-mid-run.png` });
    await expect(page.getByTestId('vote-bar')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: `/tmp/shots/${name}-2-before-vote.png` });
    await page.screenshot({ path: `/tmp/shots/${name}-2-before-vote-full.png`, fullPage: true });
    await page.getByRole('button', { name: 'B is better' }).click();
    await expect(page.getByTestId('vote-recorded')).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/${name}-3-after-vote.png` });
    await page.screenshot({ path: `/tmp/shots/${name}-3-after-vote-full.png`, fullPage: true });
    await page.goto(appUrl('/stats'));
    await page.screenshot({ path: `/tmp/shots/${name}-4-stats.png`, fullPage: true });
    await context.close();
  });
}
