// Bad input gives a clear message and loses nothing. See: #2, #11
import { test, expect, openArchive } from './helpers';

test('a corpus that is not valid JSON shows the error view with line and column', async ({ page }) => {
  await page.goto('./fixtures/not-json/');
  const error = page.getByTestId('corpus-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('not valid JSON');
  await expect(error).toContainText('Line 3, column 14');
});

test('invalid documents are rejected with reasons and the valid ones load', async ({ page }) => {
  await page.goto('./fixtures/broken-docs/');
  // A clashing id is renamed, not rejected (see: #11); an empty title comes from the
  // text, and a date that cannot be read leaves its document undated (see: #9). Only a
  // document with nothing to show is rejected.
  await expect(page.getByTestId('result-count')).toContainText('5 documents');
  await expect(page.getByTestId('rejected-count')).toHaveText('1 document rejected');
  await page.getByTestId('rejected-count').click();
  const problems = page.locator('.problems__list');
  await expect(problems).toContainText('document 6 (id "nothing"), field "title": the document has neither a title nor a text');
  await expect(problems).toContainText('document 2 (id "no-title"), field "title": the title is empty; the opening of the text is used');
  await expect(problems).toContainText('duplicate id "good"');
  await expect(problems).toContainText('`2018-13-01` is not a date: the month must be 01 to 12');
  await expect(problems).toContainText('the document is kept undated');
  await expect(problems).toContainText('line 9:67');
});

test('a document nested 200,000 arrays deep is rejected alone, with its place', async ({ page }) => {
  await openArchive(page);
  const deep = `{"title":"Deep on purpose","documents":[
{"id":"deep","title":"Deep","body":"x","meta":{"m":${'['.repeat(200_000)}${']'.repeat(200_000)}}},
{"id":"ok","title":"Still here","body":"the rest loads"}]}`;
  await page.getByTestId('open-archive').setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(deep) });
  await expect(page.getByTestId('archive-title')).toHaveText('Deep on purpose');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.getByTestId('result-title')).toHaveText('Still here');
  await expect(page.getByTestId('rejected-count')).toHaveText('1 document rejected');
  await page.getByTestId('rejected-count').click();
  await expect(page.locator('.problems__list')).toContainText('line 2:');
  await expect(page.locator('.problems__list')).toContainText('nested too deeply');
});

test.describe('when things break', () => {
  test.use({ allowConsoleErrors: true });

  test('a missing corpus file says it could not be loaded', async ({ page }) => {
    await page.goto('./fixtures/missing/');
    const error = page.getByTestId('corpus-error');
    await expect(error).toContainText('Could not load the archive file "corpus.json"');
    await expect(error).toContainText('404');
  });

  test('a Rust panic shows an error message in the page', async ({ page, consoleErrors }) => {
    await page.goto('./#debug=panic');
    const panic = page.getByTestId('panic');
    await expect(panic).toBeVisible();
    await expect(panic).toContainText('Chronicle stopped because of an internal error');
    await expect(panic).toContainText('deliberate panic requested by #debug=panic');
    expect(consoleErrors.join('\n')).toContain('deliberate panic');
  });
});
