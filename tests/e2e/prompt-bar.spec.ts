import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './chat-page';

/** Around the prompt: the setup it will run on, the simulator banner a first visitor sees, checking a key, `/`. */

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
  await new ChatPage(page).openKeys();
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

test('the setup chip says what the next question runs on, learns its time from the runs, and opens the presets', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  const chip = page.getByTestId('setup-chip');
  await expect(chip).toHaveText('Simulated MoA · 13 agents · simulated, free');
  await chat.ask('Name a colour.');
  await expect(page.locator('[data-testid="answer"]:not([aria-busy])')).toHaveCount(1, { timeout: 30_000 });
  await expect(chip).toHaveText(/^Simulated MoA · 13 agents · ~\d+ s · simulated, free$/);
  await chip.click();
  await expect(page.getByTestId('preset-option-simulated')).toBeChecked();
  await expect(page.getByTestId('preset-locked-moa-gpt-4o')).toContainText('needs a key');
});

test('the prompt has focus on arrival and / brings it back from anywhere but a field', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  const prompt = page.getByLabel('Your question');
  await expect(prompt).toBeFocused();
  await page.getByTestId('open-settings').focus();
  await page.keyboard.press('/');
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue('');
  await prompt.fill('a/b');
  await expect(prompt).toHaveValue('a/b');
});
