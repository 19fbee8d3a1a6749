// Typos, word forms and accents do not stop a search; exact forms come first. See: #3
import { test, expect, openArchive, search, resultCount } from './helpers';

test('"goverment" finds the documents that contain "government"', async ({ page }) => {
  await openArchive(page);
  await search(page, 'goverment ');
  // No document has the misspelling; 232 have "government" (or a form of it).
  expect(await resultCount(page)).toBeGreaterThanOrEqual(232);
  // One typo away ("government") ranks above two ("movement").
  const marks = page.getByTestId('result-item').first().locator('mark');
  await expect(marks.filter({ hasText: /^government/i }).first()).toBeVisible();
});

test('"negotiations" also finds "negotiating", with exact forms first', async ({ page }) => {
  await openArchive(page);
  await search(page, 'negotiations ');
  const exact = await resultCount(page);
  expect(exact).toBeGreaterThan(50);
  await page.getByTestId('result-title').filter({ hasText: 'Coalition' }).click();
  const marks = page.getByTestId('document-body').locator('mark');
  await expect(marks.filter({ hasText: /^negotiating$/i })).toHaveCount(1);
  await expect(marks.filter({ hasText: /^Negotiations$/ })).toHaveCount(1);
});

test('Arabic spellings with and without harakat, alef forms and teh marbuta meet', async ({ page }) => {
  await page.goto('./fixtures/arabic/');
  await expect(page.getByTestId('result-count')).toContainText('3 documents');
  for (const q of ['إدلب', 'ادلب', 'إِدْلِب', 'المدينه', 'مستشفي']) {
    await search(page, q + ' ');
    await expect(page.getByTestId('result-count'), q).toContainText('1 document');
  }
  await search(page, 'المدينه ');
  // The mark falls on the word as written, tatweel and all.
  await expect(page.getByTestId('result-item').first().locator('mark').first()).toHaveText('المدينـــة');
});

test('an Arabic word finds its forms with the article, "and", a preposition or a plural ending', async ({ page }) => {
  await page.goto('./fixtures/arabic-press/');
  await expect(page.getByTestId('result-count')).toContainText('8 documents');
  // المفاوضات (the negotiations) finds مفاوضات, والمفاوضات and بالمفاوضات: five releases.
  for (const q of ['المفاوضات', 'مفاوضات', 'والمفاوضات']) {
    await search(page, q + ' ');
    await expect(page.getByTestId('result-count'), q).toContainText('5 documents');
  }
  // The form typed comes first, and the marks fall on every form in the text.
  await search(page, 'والمفاوضات ');
  await expect(page.getByTestId('result-title').first()).toHaveText('بيان حول العملية السياسية');
  await search(page, 'المفاوضات ');
  await page.getByTestId('result-title').filter({ hasText: 'يدعو إلى الضغط' }).click();
  await expect(page.getByTestId('document-body').locator('mark')).toHaveText(['بالمفاوضات']);
  // Plurals meet: اللاجئين finds the release titled اللاجئون.
  await search(page, 'اللاجئين ');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.getByTestId('result-title').first()).toContainText('اللاجئون');
});
