import { expect, type Page } from '@playwright/test';
import { appUrl } from './environment';

/** What the settings panel saves when the simulated preset is chosen: runs that need no key and cost nothing. */
export const SIMULATED_PRESET = { mode: 'preset', presetId: 'simulated' } as const;

/** The chat page as a user drives it: what the browser remembers, opening it, asking a question. */
export class ChatPage {
  constructor(readonly page: Page) {}

  /**
   * Stores, before any page of this tab loads, the run settings and compare settings this browser would have saved
   * (the simulated preset unless told otherwise).
   */
  async remember({ settings = SIMULATED_PRESET, compare }: { settings?: unknown; compare?: unknown } = {}) {
    await this.page.addInitScript(
      (stored) => {
        localStorage.setItem('moa-studio:run-settings:v1', JSON.stringify(stored.settings));
        if (stored.compare !== null) localStorage.setItem('moa-studio:compare:v1', JSON.stringify(stored.compare));
      },
      { settings, compare: compare ?? null },
    );
  }

  /** Opens the chat and waits until it handles input. */
  async open() {
    await this.page.goto(appUrl('/'));
    await this.ready();
  }

  /** Waits until the page has hydrated and restored the conversation. */
  async ready() {
    await this.page.locator('[data-ready]').waitFor();
  }

  /** Opens the API keys dialog from the header's "More" menu. */
  async openKeys() {
    await this.page.getByTestId('open-menu').click();
    await this.page.getByTestId('open-keys').click();
  }

  /** Unfolds a finished run's diagram (the latest by default): a run that finished well folds it into its summary. */
  async showDiagram(which = this.page.getByTestId('toggle-diagram').last()) {
    await expect(which).toBeVisible();
    if ((await which.getAttribute('aria-expanded')) === 'false') await which.click();
    await expect(which).toHaveAttribute('aria-expanded', 'true');
  }

  /** Asks as a person would: once the last run has ended (Stop turned back into Send), not while it still closes. */
  async ask(question: string) {
    await expect(this.page.getByRole('button', { name: 'Send' })).toBeVisible();
    await this.page.getByLabel('Your question').fill(question);
    await this.page.getByLabel('Your question').press('Enter');
  }
}
