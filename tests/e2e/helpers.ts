// Shared setup for the browser tests: a page fixture that records console errors and
// uncaught exceptions and fails the test if any appear (unless a test expects them),
// and small helpers that act as a reader would.
import { test as base, expect, Page } from '@playwright/test';

type Fixtures = {
  /** Set to true in tests that provoke errors on purpose. */
  allowConsoleErrors: boolean;
  /** Messages of console errors and uncaught exceptions seen so far. */
  consoleErrors: string[];
};

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [false, { option: true }],
  consoleErrors: [async ({ page, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(String(err)));
    await use(errors);
    if (!allowConsoleErrors) {
      expect(errors, 'the console stays free of errors').toEqual([]);
    }
  }, { auto: true }],
});

export { expect };

/** Opens the app (a path relative to the test server) and waits until the whole archive
 * shows (a large one shows partial results while it loads). */
export async function openArchive(page: Page, path = './') {
  await page.goto(path);
  await expect(page.getByTestId('result-count')).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 30_000 });
  await settled(page);
}

/** How long to wait for an answer: over the whole archive (the default), or over what has
 * arrived so far (`partial`, for tests that watch an archive while it loads). */
export type Over = { partial?: boolean };

/** Waits until the engine has answered what the reader asked last: the results say
 * `aria-busy="false"` (answers come from a Web Worker, a moment after the input), and
 * no text is still being fetched for the snippets (`data-text-pending`). Unless `partial`,
 * it also waits for the archive to finish loading: a reload shows partial answers first. */
export async function settled(page: Page, { partial = false }: Over = {}) {
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false');
  if (!partial) {
    await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false');
  }
  // A built site's snippets follow when their text has been fetched.
  await expect(page.getByTestId('results')).not.toHaveAttribute('data-text-pending', 'true');
}

/** Types into the search box like a person, key by key, and waits for the answer. */
export async function search(page: Page, text: string, over: Over = {}) {
  const input = page.getByTestId('search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(text, { delay: 15 });
  await settled(page, over);
}

/** The number in the result count ("1,234 documents" → 1234), once answered. */
export async function resultCount(page: Page, over: Over = {}): Promise<number> {
  await settled(page, over);
  const text = await page.getByTestId('result-count').innerText();
  const m = text.match(/[\d,]+/);
  if (!m) throw new Error(`no number in result count: ${text}`);
  return Number(m[0].replace(/,/g, ''));
}
