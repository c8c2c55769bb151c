import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './chat-page';

const SHOTS = '/tmp/diagram-shots';
const node = (page: Page, id: string) => page.getByTestId(`agent-${id}`);
const highlighted = (page: Page) => page.locator('[data-edges="highlighted"]');

/** A MoA whose third proposer never answers: the layer goes on after two answers and cuts it. */
const WITH_STRAGGLER = {
  mode: 'custom',
  config: {
    layers: [{ agents: [{ model: 'simulator:qwen-72b' }, { model: 'simulator:llama-3-70b' }, { model: 'simulator:hangs' }] }],
    aggregator: { model: 'simulator:qwen-110b' },
    straggler: { minResponses: 2, layerDeadlineMs: 0 },
  },
} as const;

async function askAndWait(page: Page, question: string) {
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(question);
  await expect(page.getByTestId('run-summary')).toBeVisible({ timeout: 30_000 });
  await chat.showDiagram();
}

async function expectDiagramPassesAxe(page: Page) {
  const results = await new AxeBuilder({ page }).include('[data-testid="run-panel"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target}`)).toEqual([]);
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('hovering or focusing a node brings out its edges in and out and dims the others', async ({ page }) => {
  await new ChatPage(page).remember();
  await askAndWait(page, 'Why is the sky blue?');
  await expect(highlighted(page)).toHaveCount(0);

  // L2.3 reads the six answers of layer 1 and hands its own to the aggregator.
  await node(page, 'L2.3').hover();
  await expect(highlighted(page)).toHaveAttribute('data-count', '7');
  await expect(page.getByTestId('diagram-edges')).toHaveAttribute('data-dimmed', 'true');
  await page.mouse.move(0, 0);
  await expect(highlighted(page)).toHaveCount(0);

  await node(page, 'L1.1').focus();
  await expect(highlighted(page)).toHaveAttribute('data-count', '6');
  await node(page, 'L3.1').focus();
  await expect(highlighted(page)).toHaveAttribute('data-count', '6');
});

test('arrow keys, Home and End move focus between nodes, Enter opens the inspector, Tab leaves the diagram', async ({ page }) => {
  await new ChatPage(page).remember();
  await askAndWait(page, 'Name three primary colours.');

  // One tab stop for the whole diagram.
  await expect(page.locator('[data-agent-id][tabindex="0"]')).toHaveCount(1);
  await node(page, 'L1.1').focus();
  await page.keyboard.press('ArrowDown');
  await expect(node(page, 'L1.2')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(node(page, 'L2.2')).toBeFocused();
  await page.keyboard.press('End');
  await expect(node(page, 'L3.1')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('[data-agent-id^="L2."]:focus')).toHaveCount(1);
  await page.keyboard.press('Home');
  await expect(node(page, 'L1.1')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(node(page, 'L1.1')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(node(page, 'L2.2')).toBeFocused();
  await expect(node(page, 'L2.2')).toHaveAttribute('tabindex', '0');
  await expect(node(page, 'L1.1')).toHaveAttribute('tabindex', '-1');

  // The focus ring (2 px, 2 px out) lies inside the diagram's scroll box, not under its clipped edge.
  await page.keyboard.press('Home');
  const ring = await node(page, 'L1.1').evaluate((element) => {
    const box = element.getBoundingClientRect();
    const scroller = element.closest('[role="group"]')!.getBoundingClientRect();
    return { left: box.left - 4 - scroller.left, top: box.top - 4 - scroller.top };
  });
  expect(ring.left).toBeGreaterThanOrEqual(0);
  expect(ring.top).toBeGreaterThanOrEqual(0);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('agent-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText('L2.1');
  await page.keyboard.press('Escape');
  await expect(node(page, 'L2.1')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(inspector).toBeVisible();
  // The dialog's close event lands a task after the closing key: focus moved on in between stays where it went.
  const focusAfterClose = await inspector.evaluate(async (dialog: HTMLDialogElement) => {
    const closed = new Promise((resolve) => dialog.addEventListener('close', resolve, { once: true }));
    dialog.close();
    document.getElementById('prompt')?.focus();
    await closed;
    return document.activeElement?.id;
  });
  expect(focusAfterClose).toBe('prompt');

  await node(page, 'L2.1').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-agent-id]:focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(node(page, 'L2.1')).toBeFocused();
});

test('the timeline has a time axis in seconds, a row per agent, the cut straggler and the critical path', async ({ page }) => {
  await new ChatPage(page).remember({ settings: WITH_STRAGGLER });
  await askAndWait(page, 'Who answers first?');
  const timeline = page.getByTestId('run-timeline');

  const ticks = timeline.getByTestId('time-tick');
  expect(await ticks.count()).toBeGreaterThanOrEqual(2);
  await expect(ticks.first()).toHaveText('0 s');
  await expect(ticks.last()).toHaveText(/^\d+(\.\d+)? s$/);

  await expect(timeline.locator('[data-testid^="timeline-L"]')).toHaveCount(4);
  await expect(timeline.getByTestId('timeline-L1.3')).toHaveAttribute('data-status', 'cut');
  await expect(timeline).toContainText('striped: cut or failed');
  // The slower of the two kept proposers, then the aggregator.
  await expect(timeline.getByTestId('critical-path-segment')).toHaveCount(2);
  await expect(timeline.getByTestId('timeline-L1.3').getByTestId('critical-path-segment')).toHaveCount(0);
  await expect(timeline.getByTestId('timeline-L2.1').getByTestId('critical-path-segment')).toHaveCount(1);
  await expect(timeline).toContainText('Critical path');
  await expect(timeline).toContainText('on the critical path');
  await expectDiagramPassesAxe(page);
  await timeline.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/straggler-timeline.png` });
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`the diagram and timeline pass axe in the ${colorScheme} theme at ${viewport.width}×${viewport.height}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport);
      await new ChatPage(page).remember();
      await askAndWait(page, 'Why is the sky blue?');
      const name = `${colorScheme}-${viewport.width}`;
      await node(page, 'L2.3').focus();
      await expect(highlighted(page)).toHaveAttribute('data-count', '7');
      await expectDiagramPassesAxe(page);
      await page.getByTestId('run-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${name}-focused.png` });
      await page.getByTestId('run-panel').screenshot({ path: `${SHOTS}/${name}-panel.png` });
      await node(page, 'L2.3').blur();
      // The prompt stays at the bottom of the window: bring the timeline up to the top to see all of it.
      await page.getByTestId('run-timeline').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${SHOTS}/${name}-timeline.png` });
    });
  }
}
