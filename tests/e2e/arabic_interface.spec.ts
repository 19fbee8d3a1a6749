// The interface in Arabic: chosen by the link (#lang=ar), the browser's language or the
// header's switch; right to left, with Arabic plurals, digits and dates, and a timeline
// that runs from the right. See: #12
import { test, expect, openArchive, search, settled } from './helpers';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const axePath = join(__dirname, '../../node_modules/axe-core/axe.min.js');

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v: any) => `${v.id}: ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

test('#lang=ar: right to left, Arabic words, plurals, digits and dates', async ({ page }) => {
  await openArchive(page, './#lang=ar');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('search-input')).toHaveAttribute('placeholder', 'ابحث في الأرشيف  ( / )');
  // 234 documents: CLDR's "many" form for Arabic (n % 100 in 11..99), in Arabic-Indic digits.
  await expect(page.getByTestId('result-count')).toHaveText('٢٣٤ وثيقة');
  await expect(page.getByTestId('timeline')).toContainText('حسب العقد');
  // One match: its own form, and the seed's date in Arabic.
  await search(page, 'coalition idlib');
  await expect(page.getByTestId('result-count')).toHaveText('وثيقة واحدة مطابقة');
  await expect(page.getByTestId('result-item').first()).toContainText('١٧ أكتوبر ٢٠١٨');
  // Zero, two, few (3–10) and many (11–99): each its own form.
  const forms: [string, string][] = [
    ['aleppo', 'لا وثائق مطابقة'],
    ['kosovo', 'وثيقتان مطابقتان'],
    ['tehran', '٧ وثائق مطابقة'],
    ['syrian', '١٤ وثيقة مطابقة'],
  ];
  for (const [q, text] of forms) {
    await search(page, q);
    await expect(page.getByTestId('result-count')).toHaveText(text);
  }
  // What the query language cannot read is said in Arabic too.
  await search(page, 'idlib date:18xx');
  await expect(page.getByTestId('query-ignored')).toContainText('`18xx` ليس تاريخًا');
  // The document's own text keeps its direction; the interface around it is Arabic.
  await search(page, 'coalition idlib');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-title')).toHaveAttribute('dir', 'auto');
  await expect(page.getByTestId('cite-button')).toHaveText('استشهاد');
  expect(await violations(page)).toEqual([]);
});

test('the header switches language and the link keeps it', async ({ page }) => {
  await openArchive(page, './#q=union');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const count = await page.getByTestId('result-count').innerText();
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await settled(page);
  expect(page.url()).toContain('lang=ar');
  expect(page.url()).toContain('q=union');
  await expect(page.getByTestId('search-input')).toHaveValue('union');
  // The same number of matches, written in Arabic.
  const western = (await page.getByTestId('result-count').innerText())
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/٬/g, ',');
  expect(western.match(/[\d,]+/)?.[0]).toBe(count.match(/[\d,]+/)?.[0]);
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('result-count')).toHaveText(count);
  expect(page.url()).toContain('lang=en');
});

test('a browser set to Arabic opens in Arabic', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ar-SY' });
  const page = await context.newPage();
  await openArchive(page, './');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('result-count')).toHaveText('٢٣٤ وثيقة');
  await context.close();
});

test('right to left, the timeline runs from the right and the arrows follow it', async ({ page }) => {
  await openArchive(page, './#lang=ar');
  const bars = page.getByTestId('timeline-bar');
  await expect(bars.first()).toHaveAttribute('data-start', '1790');
  const first = (await bars.first().boundingBox())!;
  const last = (await bars.last().boundingBox())!;
  expect(first.x).toBeGreaterThan(last.x);
  // Home is the earliest bar; the left arrow goes on in time, Shift selects.
  const chart = page.locator('.timeline__chart');
  await chart.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('.timeline__tooltip')).toContainText('١٧٩٠–١٧٩٩');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.timeline__tooltip')).toContainText('١٨٠٠–١٨٠٩');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('active-filter')).toContainText('١٨٠٠ – ١٨١٩');
  // A click on a bar picks that bar, wherever it is drawn.
  await page.keyboard.press('Escape');
  const bar = page.locator('[data-testid="timeline-bar"][data-start="1860"]');
  const box = (await bar.boundingBox())!;
  const chartBox = (await chart.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, chartBox.y + chartBox.height / 2);
  await expect(bars.first()).toHaveAttribute('data-start', '1860');
});

test('a script-tag embed in Arabic (data-lang) on an English page', async ({ page }) => {
  await page.goto('./static/fixtures/hosts/arabic-embed.html');
  const archive = page.locator('#archive');
  await expect(archive.getByTestId('result-count')).toHaveText('٢٣٤ وثيقة');
  await expect(archive.locator('.chronicle-root')).toHaveAttribute('dir', 'rtl');
  await expect(archive.locator('.chronicle-root')).toHaveAttribute('lang', 'ar');
  // The host page is left as it was, and an embed has no switch (it would reload the host).
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).not.toHaveAttribute('dir', 'rtl');
  await expect(archive.getByTestId('language-switch')).toHaveCount(0);
});

test('in Arabic, a citation and the problems of a corpus file are said in Arabic', async ({ page }) => {
  await openArchive(page, './#lang=ar&q=coalition+idlib');
  await page.getByTestId('result-title').first().click();
  await page.getByTestId('cite-button').click();
  const citation = page.getByTestId('citation');
  await expect(citation).toContainText('«The Coalition with the presence');
  await expect(citation).toContainText('١٧ أكتوبر ٢٠١٨');
  await expect(citation).toContainText('تاريخ الاطلاع');
  await page.goto('./fixtures/broken-docs/#lang=ar');
  await expect(page.getByTestId('rejected-count')).toHaveText('رُفضت وثيقة واحدة');
  await page.getByTestId('rejected-count').click();
  await expect(page.locator('.problems__list')).toContainText('خطأ: السطر');
  const problems = page.locator('.problems__list');
  await expect(problems).toContainText('الوثيقة ٦ (المعرّف "nothing")، الحقل "title": ليس للوثيقة عنوان ولا نص؛ رُفضت الوثيقة');
  // The warnings too, the engine's sentences inside one another translated whole.
  await expect(problems).toContainText('ليس تاريخًا');
  await expect(problems).not.toContainText('is not a date');
  await expect(problems).not.toContainText('document rejected');
  // A file that cannot be read at all.
  await page.goto('./fixtures/not-json/#lang=ar');
  const error = page.getByTestId('corpus-error');
  await expect(error).toContainText('الملف ليس JSON صالحًا: `]` لا يُغلق `{` الذي قبله');
  await expect(error).toContainText('السطر ٣، العمود ١٤');
});

test('in Arabic, the chronology downloads as CSV with Arabic headings and periods, its days and numbers as spreadsheets read them', async ({ page }) => {
  await openArchive(page, './#lang=ar&series=tariff');
  await expect(page.getByTestId('series-item')).toHaveCount(1);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('timeline-csv').click();
  const path = test.info().outputPath('chronicle-timeline.csv');
  await (await downloading).saveAs(path);
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('الفترة,من,إلى,الوثائق,tariff,tariff (٪ من الوثائق),كل الوثائق');
  expect(lines.length).toBeGreaterThan(2);
  // A period named in Arabic digits; its first and last day ISO; the counts in digits 0-9.
  expect(lines[1]).toMatch(/^[٠-٩][^,]*,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,\d+,\d+,\d+\.\d,\d+$/);
});
