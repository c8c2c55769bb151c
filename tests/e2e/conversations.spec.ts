import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { resetNamespace, setBehaviors } from '../support/openai-control';
import { ChatPage } from './chat-page';
import { appUrl, E2E_SERVER_MODELS_NAMESPACE, openaiBaseUrl } from './environment';

const SHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots/conversations';

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target}`)).toEqual([]);
}

/** Screenshots of the page as it is, on a laptop and on a phone, light and dark, with `subject` scrolled into view. */
async function shoot(
  page: Page,
  name: string,
  sizes: ('desktop' | 'phone')[] = ['desktop', 'phone'],
  subject?: Locator,
) {
  const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
  for (const size of sizes) {
    await page.setViewportSize(viewports[size]);
    await subject?.scrollIntoViewIfNeeded();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `${SHOTS}/${name}-${size}-${colorScheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(viewports.desktop);
}

const sidebar = (page: Page) => page.getByTestId('conversation-sidebar');
const items = (page: Page) => sidebar(page).getByTestId('conversation-item');
const item = (page: Page, title: string) => items(page).filter({ hasText: title });

async function askAndWait(page: Page, question: string, runs = 1) {
  await new ChatPage(page).ask(question);
  await expect(page.getByTestId('run-summary')).toHaveCount(runs, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

async function rowAction(row: Locator, action: string) {
  await row.getByRole('button', { name: /^Actions for / }).click();
  await row.getByRole('button', { name: action }).click();
}

test.beforeEach(async ({ page }) => {
  await new ChatPage(page).remember();
});

test('keeps two conversations across a reload, and renames, searches, deletes and restores them', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'Why is the sky blue?');
  await page.getByTestId('new-chat').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await askAndWait(page, 'How do bees fly?');
  await expect(items(page)).toHaveCount(2);
  await expect(items(page).first()).toContainText('How do bees fly?');
  await expect(page).toHaveTitle('How do bees fly? · MoA Studio');

  await page.reload();
  await chat.ready();
  await expect(items(page)).toHaveCount(2);
  await expect(page.getByRole('main').getByText('How do bees fly?', { exact: true })).toBeVisible();
  await item(page, 'Why is the sky blue?').getByRole('button', { name: 'Why is the sky blue?', exact: true }).click();
  await expect(page.getByRole('main').getByText('Why is the sky blue?', { exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Why is the sky blue? · MoA Studio');
  await expectNoAxeViolations(page);
  await shoot(page, 'sidebar', ['desktop']);

  // Escape gives a rename up and puts focus back on the title.
  await rowAction(item(page, 'Why is the sky blue?'), 'Rename');
  const title = sidebar(page).getByLabel('Conversation title');
  await expect(title).toBeFocused();
  await title.fill('Discarded');
  await title.press('Escape');
  await expect(sidebar(page).getByRole('button', { name: 'Why is the sky blue?', exact: true })).toBeFocused();
  await expect(item(page, 'Discarded')).toHaveCount(0);

  await rowAction(item(page, 'Why is the sky blue?'), 'Rename');
  await expect(title).toBeFocused();
  await title.fill('Sky colour');
  await title.press('Enter');
  await expect(item(page, 'Sky colour')).toHaveCount(1);
  await expect(page).toHaveTitle('Sky colour · MoA Studio');

  // "sky blue" is no longer in any title: the conversation is found by its messages.
  const search = sidebar(page).getByLabel('Search chats');
  await search.fill('sky blue');
  await expect(items(page)).toHaveCount(1);
  await expect(items(page)).toContainText('Sky colour');
  await search.fill('bees');
  await expect(items(page)).toHaveCount(1);
  await search.fill('nothing like this');
  await expect(sidebar(page)).toContainText('No chat matches.');
  await search.fill('');
  await expect(items(page)).toHaveCount(2);

  await rowAction(item(page, 'How do bees fly?'), 'Delete');
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Deleted “How do bees fly?”');
  await expect(items(page)).toHaveCount(1);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(items(page)).toHaveCount(2);
  await expect(item(page, 'How do bees fly?')).toHaveCount(1);

  await rowAction(item(page, 'How do bees fly?'), 'Delete');
  await expect(items(page)).toHaveCount(1);
  await toast.hover();
  await expectNoAxeViolations(page);
  await shoot(page, 'undo-toast', ['desktop']);
  await page.reload();
  await chat.ready();
  await expect(items(page)).toHaveCount(1);
  await expect(items(page)).toContainText('Sky colour');
  await expect(page.getByRole('main').getByText('Why is the sky blue?', { exact: true })).toBeVisible();
});

test('moves the conversation an earlier version kept in localStorage into the list, once', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', 'yes');
    const messages = [
      { id: 'old-1', role: 'user', parts: [{ type: 'text', text: 'A question from before?' }] },
      { id: 'old-2', role: 'assistant', parts: [{ type: 'text', text: 'An answer from before.' }] },
    ];
    localStorage.setItem('moa-studio:conversation:v1', JSON.stringify({ messages }));
  });
  const chat = new ChatPage(page);
  await chat.open();
  await expect(page.getByRole('main').getByText('A question from before?', { exact: true })).toBeVisible();
  await expect(items(page)).toHaveCount(1);
  expect(await page.evaluate(() => localStorage.getItem('moa-studio:conversation:v1'))).toBeNull();
  await page.reload();
  await chat.ready();
  await expect(items(page)).toHaveCount(1);
  await expect(page.getByRole('main').getByText('A question from before?', { exact: true })).toBeVisible();
});

test('continuing a shared conversation adds a new conversation and keeps the others', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'A question kept here?');
  await page.getByTestId('new-chat').click();
  await askAndWait(page, 'A question to share?');
  await page.getByTestId('open-share').click();
  await page.getByTestId('share-publish').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  const url = await link.inputValue();

  await page.goto(url);
  await page.getByTestId('continue-conversation').click();
  await expect(page).toHaveURL(appUrl('/'));
  await chat.ready();
  await expect(items(page)).toHaveCount(3);
  await expect(item(page, 'A question kept here?')).toHaveCount(1);
  await expect(item(page, 'A question to share?')).toHaveCount(2);
  await expect(items(page).first()).toHaveAttribute('data-active', 'true');
  await expect(page.getByRole('main').getByText('A question to share?', { exact: true })).toBeVisible();
});

test('a reload mid-run keeps the question and the agents’ text so far, marked interrupted, and Retry completes it', async ({
  page,
}) => {
  const namespace = E2E_SERVER_MODELS_NAMESPACE;
  const baseURL = openaiBaseUrl();
  await resetNamespace(baseURL, namespace);
  // The second proposer streams for seconds and the aggregator never answers: the run is surely going at the reload.
  await setBehaviors(baseURL, {
    [`${namespace}/p1`]: { text: 'Proposer one answered in full.' },
    [`${namespace}/p2`]: { text: 'Proposer two writes slowly, word after word, '.repeat(6), tokensPerSecond: 8 },
    [`${namespace}/agg`]: { hang: true },
  });
  const chat = new ChatPage(page);
  await chat.remember({
    settings: {
      mode: 'custom',
      config: {
        layers: [{ agents: [{ model: `together:${namespace}/p1` }, { model: `together:${namespace}/p2` }] }],
        aggregator: { model: `together:${namespace}/agg` },
      },
    },
  });
  await chat.open();
  await chat.ask('Will this survive a reload?');
  await expect(page.getByTestId('agent-L1.2')).toHaveAttribute('data-status', 'streaming');
  // What IndexedDB holds for the second proposer: its text so far is saved while the run goes on.
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const request = indexedDB.open('moa-studio');
              request.onsuccess = () => {
                const read = request.result.transaction('conversations').objectStore('conversations').getAll();
                read.onsuccess = () => {
                  const parts = read.result.flatMap((conversation: { nodes: { message: { parts: unknown[] } }[] }) =>
                    conversation.nodes.flatMap((node) => node.message.parts),
                  ) as { type: string; data?: { id?: string; text?: string } }[];
                  const agent = parts.find((part) => part.type === 'data-agent' && part.data?.id === 'L1.2');
                  resolve(agent?.data?.text ?? '');
                };
              };
            }),
        ),
      { timeout: 15_000 },
    )
    .toContain('Proposer two');
  await expect(page.getByTestId('run-summary')).toHaveCount(0);

  await page.reload();
  await chat.ready();
  await expect(page.getByRole('main').getByText('Will this survive a reload?', { exact: true })).toBeVisible();
  const notice = page.getByTestId('interrupted-notice');
  await expect(notice).toContainText('interrupted');
  await expect(page.getByTestId('agent-L1.1')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('agent-L1.2')).toHaveAttribute('data-status', 'stopped');
  await expect(page.getByTestId('agent-L2.1')).toHaveAttribute('data-status', 'stopped');
  await expectNoAxeViolations(page);
  await shoot(page, 'interrupted');
  await page.getByTestId('agent-L1.2').click();
  await expect(page.getByTestId('inspector-output')).toContainText('Proposer two');
  await page.keyboard.press('Escape');

  // Answered at once this time.
  await setBehaviors(baseURL, {
    [`${namespace}/p2`]: { text: 'Proposer two, in full.' },
    [`${namespace}/agg`]: { text: 'The aggregated answer.' },
  });
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('answer')).toContainText('The aggregated answer.');
  await expect(notice).toHaveCount(0);
});

test('opening another chat mid-run stops the run and leaves both conversations as they were', async ({ page }) => {
  const namespace = E2E_SERVER_MODELS_NAMESPACE;
  const baseURL = openaiBaseUrl();
  await resetNamespace(baseURL, namespace);
  await setBehaviors(baseURL, {
    [`${namespace}/p1`]: { text: 'Proposer one.' },
    [`${namespace}/agg`]: { text: 'A finished answer.' },
  });
  const chat = new ChatPage(page);
  await chat.remember({
    settings: {
      mode: 'custom',
      config: {
        layers: [{ agents: [{ model: `together:${namespace}/p1` }] }],
        aggregator: { model: `together:${namespace}/agg` },
      },
    },
  });
  await chat.open();
  await askAndWait(page, 'A finished chat?');
  await page.getByTestId('new-chat').click();
  await setBehaviors(baseURL, { [`${namespace}/agg`]: { hang: true } });
  await chat.ask('A chat left mid-run?');
  await expect(page.getByTestId('agent-L2.1')).toHaveAttribute('data-status', 'thinking');

  await item(page, 'A finished chat?').getByRole('button', { name: 'A finished chat?', exact: true }).click();
  await expect(page.getByRole('main').getByText('A finished chat?', { exact: true })).toBeVisible();
  await expect(page.getByTestId('answer')).toContainText('A finished answer.');
  await expect(page.getByTestId('run-summary')).toHaveCount(1);
  await expect(page.getByRole('main').getByText('A chat left mid-run?', { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('interrupted-notice')).toHaveCount(0);

  await item(page, 'A chat left mid-run?').getByRole('button', { name: 'A chat left mid-run?', exact: true }).click();
  await expect(page.getByRole('main').getByText('A chat left mid-run?', { exact: true })).toBeVisible();
  await expect(page.getByTestId('interrupted-notice')).toBeVisible();
  await expect(page.getByRole('main').getByText('A finished chat?', { exact: true })).toHaveCount(0);
});

test('keeps an unsent question per conversation across a reload', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'Where does the draft live?');
  const prompt = page.getByLabel('Your question');
  await prompt.fill('Half a thought');
  await page.reload();
  await chat.ready();
  await expect(prompt).toHaveValue('Half a thought');

  await page.getByTestId('new-chat').click();
  await expect(prompt).toHaveValue('');
  await prompt.fill('A new chat’s draft');
  await page.reload();
  await chat.ready();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(prompt).toHaveValue('A new chat’s draft');

  await item(page, 'Where does the draft live?')
    .getByRole('button', { name: 'Where does the draft live?', exact: true })
    .click();
  await expect(prompt).toHaveValue('Half a thought');
});

test('regenerates the last answer and keeps the earlier one a click away', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'Regenerate me?');
  const answerVersions = page.locator('[data-role="assistant"]').getByTestId('branch-switcher');
  await expect(answerVersions).toHaveCount(0);
  await page.getByTestId('regenerate').click();
  await expect(answerVersions.getByTestId('branch-position')).toHaveText('2/2', { timeout: 30_000 });
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await answerVersions.getByRole('button', { name: 'Previous version of this answer' }).click();
  await expect(answerVersions.getByTestId('branch-position')).toHaveText('1/2');
  await expect(page.getByTestId('run-summary')).toBeVisible();
});

test('an edited question branches the conversation, and the earlier branch is reachable after a reload', async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'First question?');
  await askAndWait(page, 'Second question?', 2);
  const second = page.locator('[data-role="user"]').nth(1);
  await second.getByTestId('edit-question').click();
  const editor = page.getByLabel('Edit your question');
  await expect(editor).toBeFocused();
  await editor.fill('Second question, edited?');
  await editor.press('Enter');
  await expect(page.getByRole('main').getByText('Second question, edited?', { exact: true })).toBeVisible();
  await expect(page.getByTestId('run-summary')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(second.getByTestId('branch-position')).toHaveText('2/2');
  await shoot(page, 'branch-switcher', ['desktop', 'phone'], second);

  await page.reload();
  await chat.ready();
  await expect(page.getByRole('main').getByText('Second question, edited?', { exact: true })).toBeVisible();
  await second.getByRole('button', { name: 'Previous version of this question' }).click();
  await expect(page.getByRole('main').getByText('Second question?', { exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByText('Second question, edited?', { exact: true })).toHaveCount(0);
  await expect(second.getByTestId('branch-position')).toHaveText('1/2');
  await expect(page.getByTestId('answer')).toHaveCount(2);
  await expect(page.getByRole('main').getByText('First question?', { exact: true })).toBeVisible();
});

test('exports a conversation as Markdown and as JSON', async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'Export this?');
  const row = item(page, 'Export this?');

  const markdownDownload = page.waitForEvent('download');
  await rowAction(row, 'Export Markdown');
  const markdown = await markdownDownload;
  expect(markdown.suggestedFilename()).toBe('export-this.md');
  const text = await readFile(await markdown.path(), 'utf8');
  expect(text.startsWith('# Export this?\n\n## You\n\nExport this?\n\n## MoA\n\n')).toBe(true);

  const jsonDownload = page.waitForEvent('download');
  await rowAction(row, 'Export JSON');
  const json = JSON.parse(await readFile(await (await jsonDownload).path(), 'utf8'));
  // The answer as markdown, in both files, and the page shows its words.
  const answer: string = json.messages[1].parts.find((part: { type: string }) => part.type === 'text').text;
  expect(text).toContain(answer.trim());
  await expect(page.locator('main').getByTestId('answer')).toContainText(answer.split('\n').find((line) => /^[A-Z]/.test(line))?.slice(0, 30) ?? '');
  expect(json.format).toBe('moa-studio.conversation.v1');
  expect(json.title).toBe('Export this?');
  expect(json.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
  expect(json.messages[1].parts.some((part: { type: string }) => part.type === 'data-summary')).toBe(true);
});

test('copies a question and an agent’s output', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'Copy me?');
  await page.getByRole('button', { name: 'Copy question' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Copy me?');
  await chat.showDiagram();
  await page.getByTestId('agent-L1.1').click();
  await page.getByTestId('copy-agent-output').click();
  const output = await page.getByTestId('inspector-output').textContent();
  // The clipboard holds the markdown, the inspector shows it rendered: compared without markup and spaces.
  const bare = (text: string) => text.replace(/[#*`_>|-]|\s/g, '');
  expect(bare(await page.evaluate(() => navigator.clipboard.readText())).slice(0, 40)).toBe(bare(output ?? '').slice(0, 40));
});

test('on a phone the chats open in a drawer that Escape and the overlay close, focus going back', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const chat = new ChatPage(page);
  await chat.open();
  await askAndWait(page, 'Phone question?');
  await expect(sidebar(page)).toBeHidden();
  const opener = page.getByTestId('open-conversations');
  await opener.click();
  const drawer = page.getByTestId('conversation-drawer');
  await expect(drawer.getByTestId('conversation-item')).toContainText('Phone question?');
  await expectNoAxeViolations(page);
  await shoot(page, 'drawer', ['phone']);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await expect(drawer.getByTestId('conversation-item')).toBeVisible();
  // The overlay: right of the panel, which is at most 85% of the screen wide.
  await page.mouse.click(380, 420);
  await expect(drawer).toBeHidden();

  await opener.click();
  await drawer.getByRole('button', { name: 'Phone question?', exact: true }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('main').getByText('Phone question?', { exact: true })).toBeVisible();
});
