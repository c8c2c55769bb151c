import { expect, test, type Browser, type Page } from '@playwright/test';
import { sharedMessageFromChunks } from '../support/shared-message';
import { readChunks } from '../support/sse';
import { ChatPage } from './chat-page';
import { appUrl } from './environment';

async function runAndShare(page: Page, question: string): Promise<string> {
  const chat = new ChatPage(page);
  await chat.remember();
  await chat.open();
  await chat.ask(question);
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('open-share').click();
  await expect(page.getByTestId('share-confirm')).toContainText('1 question and 1 answer');
  await page.getByTestId('share-publish').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  return link.inputValue();
}

async function freshPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  return context.newPage();
}

test('a shared link shows the same answer and diagram in a fresh browser, and can be continued', async ({ page, browser }) => {
  const link = await runAndShare(page, 'Why is the sky blue?');
  const answer = await page.getByTestId('answer').textContent();
  await page.screenshot({ path: 'test-results/screenshots/share-dialog.png' });

  const visitor = await freshPage(browser);
  const response = await visitor.goto(link);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByTestId('answer')).toHaveText(answer ?? '');
  await expect(visitor.locator('[data-testid^="agent-L"][data-status="done"]')).toHaveCount(13);
  await expect(visitor.getByTestId('run-summary')).toContainText('13/13 agents answered');
  await expect(visitor.getByTestId('delete-shared')).toHaveCount(0);
  await visitor.getByTestId('agent-L2.4').click();
  await expect(visitor.getByTestId('agent-inspector')).toContainText('Output tokens');
  await visitor.keyboard.press('Escape');
  await visitor.screenshot({ path: 'test-results/screenshots/shared-page.png', fullPage: true });

  await visitor.getByTestId('continue-conversation').click();
  await expect(visitor).toHaveURL(appUrl('/'));
  await expect(visitor.getByRole('main').getByText('Why is the sky blue?', { exact: true })).toBeVisible();
  const next = visitor.waitForRequest((request) => request.url().endsWith('/api/moa'));
  await visitor.locator('[data-ready]').waitFor();
  await visitor.getByLabel('Your question').fill('And at sunset?');
  await visitor.getByLabel('Your question').press('Enter');
  const body = (await next).postDataJSON();
  expect(body.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant', 'user']);
});

test('a shared page reads without JavaScript and previews well', async ({ page, browser }) => {
  const link = await runAndShare(page, 'Name three primary colours.');
  const reader = await freshPage(browser, { javaScriptEnabled: false });
  await reader.goto(link);
  await expect(reader.locator('body')).toContainText('Name three primary colours.');
  await expect(reader.getByTestId('answer')).toContainText(/simulat/i);
  await expect(reader.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Name three primary colours.');
  await expect(reader.locator('meta[property="og:description"]')).toHaveAttribute('content', /Simulated MoA · 3 layers, 13 agents/);
  const image = await fetch(`${link}/opengraph-image`);
  expect(image.status).toBe(200);
  expect(image.headers.get('content-type')).toBe('image/png');
});

test('deleting a link with its token makes it answer 404', async ({ page, browser }) => {
  const link = await runAndShare(page, 'Short-lived?');
  await page.getByTestId('delete-share').click();
  await expect(page.getByTestId('share-dialog')).toContainText('The link is deleted');

  const visitor = await freshPage(browser);
  const response = await visitor.goto(link);
  expect(response?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { name: 'This conversation is not here' })).toBeVisible();
});

test('a delete the server refuses says so and keeps the link', async ({ page }) => {
  const link = await runAndShare(page, 'Refuse to delete me.');
  await page.route('**/api/shares/*', (route) =>
    route.request().method() === 'DELETE'
      ? route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ code: 'forbidden', message: 'Wrong token.' }) })
      : route.continue(),
  );
  await page.getByTestId('delete-share').click();
  await expect(page.getByTestId('share-dialog').getByRole('alert')).toContainText('did not delete the link');
  await expect(page.getByTestId('share-link')).toHaveValue(link);
  await page.keyboard.press('Escape');
  await page.getByTestId('open-menu').click();
  await page.getByTestId('open-shared-links').click();
  await expect(page.getByTestId('your-shared-links').getByRole('listitem')).toHaveCount(1);
});

test('the creator can delete from the shared page itself', async ({ page }) => {
  const link = await runAndShare(page, 'Delete me from the page.');
  await page.keyboard.press('Escape');
  await page.goto(link);
  await page.getByTestId('delete-shared').click();
  await expect(page.getByRole('heading', { name: 'This conversation was deleted' })).toBeVisible();
  expect((await fetch(link)).status).toBe(404);
});

test('unknown and malformed ids answer 404 with a friendly page', async ({ page }) => {
  for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-an-id', '..%2F..%2Fetc%2Fpasswd']) {
    const response = await page.goto(appUrl(`/s/${id}`));
    expect(response?.status(), id).toBe(404);
    await expect(page.getByRole('heading', { name: 'This conversation is not here' })).toBeVisible();
  }
});

test('a snapshot carrying script, event-handler and javascript: payloads renders inert', async ({ page }) => {
  const xss = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> [click me](javascript:window.__pwned=3)';
  const created = await fetch(appUrl('/api/shares'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      messages: [
        { role: 'user', text: xss },
        {
          role: 'assistant',
          parts: [
            {
              type: 'data-run',
              id: 'run',
              data: {
                runId: 'r',
                simulated: true,
                startedAt: 0,
                layers: [
                  { layer: 1, agents: [{ id: 'L1.1', layer: 1, role: 'proposer', model: 'simulator:a', displayName: '<img src=x onerror=alert(1)>', provider: 'Simulator', simulated: true }] },
                  { layer: 2, agents: [{ id: 'L2.1', layer: 2, role: 'aggregator', model: 'simulator:b', displayName: 'B', provider: 'Simulator', simulated: true }] },
                ],
              },
            },
            { type: 'data-agent', id: 'L1.1', data: { id: 'L1.1', layer: 1, role: 'proposer', model: 'simulator:a', status: 'done', attempt: 1, text: xss } },
            { type: 'text', text: xss },
          ],
        },
      ],
    }),
  });
  expect(created.status).toBe(201);
  const { url } = await created.json();
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await page.goto(appUrl(url));
  await expect(page.getByTestId('answer')).toContainText('click me');
  await page.getByTestId('agent-L1.1').click();
  await expect(page.getByTestId('inspector-output')).toContainText('click me');
  await page.keyboard.press('Escape');
  await page.getByTestId('answer').getByText('click me').click();

  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(await page.locator('main script, main img[onerror], main [href^="javascript:"]').count()).toBe(0);
});

test('a long shared conversation draws its last five runs whole and the earlier ones light, a click from whole', async ({ browser }) => {
  // Seven small simulated runs, shared through the API as a client would share them.
  const messages = [];
  for (let turn = 1; turn <= 7; turn += 1) {
    const question = `Question number ${turn}?`;
    const response = await fetch(appUrl('/api/moa'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messages: [{ role: 'user', content: question }],
        config: { layers: [{ agents: [{ model: 'simulator:qwen-72b', maxOutputTokens: 24 }] }], aggregator: { model: 'simulator:llama-3-70b', maxOutputTokens: 24 } },
      }),
    });
    messages.push({ role: 'user', text: question }, sharedMessageFromChunks((await readChunks(response)).chunks));
  }
  const created = await fetch(appUrl('/api/shares'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages }) });
  expect(created.status).toBe(201);
  const { url } = await created.json();
  const firstAnswer = (messages[1] as { parts: { type: string; text?: string }[] }).parts.find((part) => part.type === 'text')?.text ?? '';

  const visitor = await freshPage(browser);
  await visitor.goto(appUrl(url));
  await expect(visitor.getByText('Question number 1?', { exact: true })).toBeVisible();
  await expect(visitor.getByTestId('earlier-run')).toHaveCount(2);
  await expect(visitor.getByTestId('earlier-run').first()).toContainText(firstAnswer.trim().slice(0, 40));
  await expect(visitor.getByTestId('run-panel')).toHaveCount(5);

  await visitor.getByTestId('show-earlier-run').first().click();
  await expect(visitor.getByTestId('earlier-run')).toHaveCount(1);
  await expect(visitor.getByTestId('run-panel')).toHaveCount(6);

  await visitor.getByTestId('continue-conversation').click();
  await expect(visitor).toHaveURL(appUrl('/'));
  await expect(visitor.getByRole('main').getByText('Question number 1?', { exact: true })).toBeVisible();
  await expect(visitor.getByTestId('answer')).toHaveCount(7);
});

test('sharing asks first, reuses the link while nothing changed, and lists this browser’s links', async ({ page }) => {
  const first = await runAndShare(page, 'What is a prime number?');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-share').click();
  await expect(page.getByTestId('share-dialog')).toContainText('nothing has changed since');
  await expect(page.getByTestId('share-link')).toHaveValue(first);
  await page.keyboard.press('Escape');

  const chat = new ChatPage(page);
  await chat.ask('And an even one?');
  await expect(page.locator('[data-testid="answer"]:not([aria-busy])')).toHaveCount(2, { timeout: 30_000 });
  await page.getByTestId('open-share').click();
  await expect(page.getByTestId('share-confirm')).toContainText('2 questions and 2 answers');
  await page.getByTestId('share-publish').click();
  await expect(page.getByTestId('share-link')).not.toHaveValue(first);
  await page.keyboard.press('Escape');

  // The header's menu lists this browser's links, newest first, each deletable.
  await page.getByTestId('open-menu').click();
  await page.getByTestId('open-shared-links').click();
  const links = page.getByTestId('your-shared-links');
  await expect(links.getByRole('listitem')).toHaveCount(2);
  await expect(links.getByRole('listitem').last()).toContainText('What is a prime number?');
  await expect(links.getByRole('listitem').last().getByRole('link')).toHaveAttribute('href', first);
  await links.getByRole('listitem').last().getByRole('button', { name: 'Delete the link to What is a prime number?' }).click();
  await expect(links.getByRole('listitem')).toHaveCount(1);
  expect((await fetch(first)).status).toBe(404);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('open-menu')).toBeFocused();
});
