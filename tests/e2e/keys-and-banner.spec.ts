import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './chat-page';

/** The simulator banner a first visitor sees, and checking a key before relying on it. */

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target}`)).toEqual([]);
}

test('the simulator banner can be dismissed to a badge that stays, and brought back', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  await page.getByTestId('simulator-banner-dismiss').click();
  await expect(page.getByTestId('simulator-banner')).toBeHidden();
  await expect(page.getByTestId('simulator-badge')).toHaveText('Simulated');
  await axeClean(page);

  await page.reload();
  await chat.ready();
  await expect(page.getByTestId('simulator-badge')).toBeVisible();
  await page.getByTestId('simulator-badge').getByRole('button').click();
  await expect(page.getByTestId('simulator-banner')).toBeVisible();
});

test('a saved key can be tested: the page says what the provider answered', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  await page.getByTestId('open-keys').click();
  const dialog = page.getByTestId('keys-dialog');

  await dialog.getByTestId('key-input-together').fill('sk-rejected-by-the-test-server-0001');
  await dialog.getByTestId('key-save-together').click();
  await dialog.getByTestId('key-test-together').click();
  await expect(dialog.getByTestId('key-check-together')).toHaveText(/^Together AI rejected the key \(401\)/);

  await dialog.getByTestId('key-input-together').fill('sk-accepted-by-the-test-server-0002');
  await dialog.getByTestId('key-save-together').click();
  // A new key is a new question: the old answer goes.
  await expect(dialog.getByTestId('key-check-together')).toBeHidden();
  await dialog.getByTestId('key-test-together').click();
  await expect(dialog.getByTestId('key-check-together')).toHaveText('Together AI accepted the key.');
  await axeClean(page);
});
