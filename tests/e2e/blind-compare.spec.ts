import { expect, test, type Page } from '@playwright/test';
import { ChatPage } from './chat-page';

/**
 * A voter who wants to know which answer is the MoA's before voting. For each of several blind comparisons it
 * looks at everything the page shows until the vote: the turn's text (hidden text included), every attribute, the
 * moment each answer appears and their order. It then votes, learns which side was which, and checks that none of
 * what it saw depends on the side.
 */

const COMPARISONS = 12;

/** Words and figures that would name a side or measure it. */
const SIDE_WORDS = /MoA|Mixture|single model|proposer|aggregator|baseline|synthesi[sz]|earlier responses|layer|×|\$\s?\d|\d\s?ms\b|\d(\.\d+)?\s?s\b|tokens?\b|first token/i;
/** Attribute values that would name a side or an agent. */
const SIDE_ATTRIBUTES = /moa|baseline|aggregator|proposer|single|\bL\d+\.\d+\b/i;
/** An answer counts as shown once its article holds this much text (headings and statuses are shorter). */
const SHOWN_CHARS = 250;

type Observation = {
  text: string;
  attributes: string[];
  shells: Record<'A' | 'B', string>;
  shownAt: Partial<Record<'A' | 'B', number>>;
  moaLabel: 'A' | 'B';
};

/** Records, every frame, when each answer column first holds an answer's worth of text. */
function recordAppearances(page: Page) {
  return page.addInitScript(
    ({ shownChars }) => {
      const shownAt: Record<string, number> = {};
      Object.assign(window, { __shownAt: shownAt });
      // The frame's own timestamp: both columns seen in one frame get the same time.
      const look = (frameTime: number) => {
        for (const label of ['A', 'B']) {
          const column = document.querySelector(`li[data-role="assistant"]:last-child [data-testid="comparison-${label}"]`);
          if (shownAt[label] === undefined && (column?.textContent?.length ?? 0) >= shownChars) {
            shownAt[label] = frameTime;
          }
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    { shownChars: SHOWN_CHARS },
  );
}

async function observeOneComparison(page: Page, question: string): Promise<Observation> {
  await page.evaluate(() => {
    const shownAt = (window as unknown as { __shownAt: Record<string, number> }).__shownAt;
    for (const key of Object.keys(shownAt)) delete shownAt[key];
  });
  await page.getByLabel('Your question').fill(question);
  await page.getByLabel('Your question').press('Enter');
  const turn = page.locator('li[data-role="assistant"]').last();
  await expect(turn.getByTestId('vote-bar')).toBeVisible({ timeout: 30_000 });

  const seen = await turn.evaluate((element) => {
    const attributes: string[] = [];
    for (const node of [element, ...element.querySelectorAll('*')]) {
      for (const attribute of node.attributes) attributes.push(`${attribute.name}=${attribute.value}`);
    }
    // The column itself and its heading, with the label letter taken out: everything but the answer's own markdown.
    const shell = (label: string) => {
      const column = element.querySelector(`[data-testid="comparison-${label}"]`);
      const heading = column?.querySelector('h3');
      const describe = (node: Element | null | undefined) =>
        node ? [...node.attributes].map((attribute) => `${attribute.name}=${attribute.value}`).join(' ') : '';
      return `${describe(column)} | ${describe(heading)} | ${heading?.textContent ?? ''}`.replace(new RegExp(`\\b${label}\\b`, 'g'), '?');
    };
    return {
      text: element.textContent ?? '',
      attributes,
      shells: { A: shell('A'), B: shell('B') },
      shownAt: { ...(window as unknown as { __shownAt: Record<string, number> }).__shownAt },
    };
  });

  await turn.getByRole('button', { name: 'A is better' }).click();
  const moaColumn = turn.locator('[data-side="moa"]');
  await expect(moaColumn).toHaveCount(1);
  const moaLabel = (await moaColumn.getAttribute('data-testid')) === 'comparison-A' ? 'A' : 'B';
  return { ...seen, moaLabel };
}

test('a voter finds nothing on the page before voting that tells the MoA answer from the single model’s', async ({ page }) => {
  test.setTimeout(240_000);
  await recordAppearances(page);
  const chat = new ChatPage(page);
  await chat.remember({ compare: { enabled: true } });
  await chat.open();

  const observations: Observation[] = [];
  for (let index = 0; index < COMPARISONS; index += 1) {
    observations.push(await observeOneComparison(page, `Blind question number ${index + 1}: what makes a good answer?`));
  }

  for (const observation of observations) {
    // Nothing written in the turn, hidden text included, names a side or gives a side's time, tokens or cost.
    expect(observation.text).not.toMatch(SIDE_WORDS);
    expect(observation.attributes.filter((attribute) => SIDE_ATTRIBUTES.test(attribute))).toEqual([]);
    // The two columns are dressed alike.
    expect(observation.shells.A).toBe(observation.shells.B);
    // Both answers appear in the same frame: neither side shows first.
    expect(observation.shownAt.A).toBeDefined();
    expect(observation.shownAt.A).toBe(observation.shownAt.B);
  }
  // The MoA answer stood first in some comparisons and second in others: the order is not fixed by the side.
  const moaFirst = observations.filter((observation) => observation.moaLabel === 'A').length;
  expect(moaFirst).toBeGreaterThan(0);
  expect(moaFirst).toBeLessThan(COMPARISONS);
});
