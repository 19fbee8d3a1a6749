// Open your own archive: pick or drop files; read in the browser, nothing uploaded.
// See: #5
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openArchive, search, resultCount } from './helpers';

const seedPath = join(__dirname, '../../crates/core/tests/data/press-release-2018-10-17.txt');

test('dropping the seed .txt file loads it and finds it', async ({ page }) => {
  await openArchive(page);
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') uploads.push(r.url());
  });
  const text = readFileSync(seedPath, 'utf8');
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'press-release-2018-10-17.txt', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.getByTestId('archive-title')).toHaveText('press-release-2018-10-17.txt');
  await expect(page).toHaveTitle(/press-release-2018-10-17\.txt/);
  await search(page, 'idlib');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('Syrian Coalition');
  await expect(page.getByTestId('document-view')).toContainText('ARK News');
  expect(uploads).toEqual([]);
});

test('the file picker takes a corpus with problems, lists them, and loads the rest', async ({ page }) => {
  await openArchive(page);
  await page.getByTestId('open-archive').setInputFiles(join(__dirname, '../fixtures/broken-docs.json'));
  await expect(page.getByTestId('archive-title')).toHaveText('Broken on purpose');
  expect(await resultCount(page)).toBe(5);
  await expect(page.getByTestId('rejected-count')).toHaveText('1 document rejected');
});

test('several text files and a JSON Lines file make one archive', async ({ page }) => {
  await openArchive(page);
  const seed = readFileSync(seedPath);
  await page.getByTestId('open-archive').setInputFiles([
    { name: 'first.txt', mimeType: 'text/plain', buffer: seed },
    { name: 'second.txt', mimeType: 'text/plain', buffer: Buffer.from('A second release\n\n3 March 2019\n\nSANA: Talks went on.\nSource: Someone\n') },
    { name: 'more.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"id":"j","title":"From lines","body":"Idlib again."}\n') },
  ]);
  await expect(page.getByTestId('archive-title')).toHaveText('3 files');
  expect(await resultCount(page)).toBe(3);
  await search(page, 'idlib ');
  expect(await resultCount(page)).toBe(2);
});

test('a large file shows its loading progress', async ({ page }) => {
  test.setTimeout(60_000);
  await openArchive(page);
  // 40,000 documents (64 MB): the 10,000 generated speeches four times over, with ids of
  // their own. Loading takes a few seconds; record every text the progress line shows.
  const { documents } = JSON.parse(readFileSync(join(__dirname, '../../target/corpora/sotu-10k.json'), 'utf8'));
  const big = Buffer.from(
    JSON.stringify({ documents: [0, 1, 2, 3].flatMap((k) => documents.map((d) => ({ ...d, id: `${d.id}-${k}` }))) }),
  );
  const file = test.info().outputPath('speeches.json');
  writeFileSync(file, big);
  const total = `${(big.length / 1e6).toFixed(1)} MB`;
  await page.evaluate(() => {
    const seen: string[] = ((window as any).__progress = []);
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="load-progress"]');
      const text = el?.textContent ?? '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-archive').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('result-count')).toContainText('40,000 documents', { timeout: 50_000 });
  const seen: string[] = await page.evaluate(() => (window as any).__progress);
  const steps = seen.filter((t) => t.includes(`MB of ${total}`));
  // Several steps were shown, counting up through the file, in megabytes and documents.
  expect(steps.length, seen.join('\n')).toBeGreaterThan(2);
  const mbs = steps.map((t) => Number(t.match(/([\d.]+) MB of/)![1]));
  expect(mbs, seen.join('\n')).toEqual([...mbs].sort((a, b) => a - b));
  const docs = steps.map((t) => Number(t.match(/([\d,]+) documents/)![1].replace(/,/g, '')));
  expect(docs).toEqual([...docs].sort((a, b) => a - b));
});

test('an export with its own field names and mail-header dates opens as it is', async ({ page }) => {
  // Real exports are not written for Chronicle: `_id`, `subject`, `text` (even as a list
  // of paragraphs), `from`, and dates as mail headers write them. See: #9
  await openArchive(page);
  const file = test.info().outputPath('export.jsonl');
  const docs = [
    { _id: 'm1', subject: 'Talks resume in Geneva', text: 'The delegations met.', from: 'ARK News', date: 'Wed, 17 Oct 2018 14:03:00 +0200' },
    { _id: 'm2', subject: 'Re: Talks resume in Geneva', text: ['First paragraph.', 'Second paragraph.'], from: 'Press Office', date: 'Thu, 18 Oct 2018 09:00:00 -0400 (EDT)' },
    { _id: 'm3', text: 'A note without a subject line\nand more below', from: 'Press Office', date: 'sometime in 2018' },
  ];
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n'));
  await page.getByTestId('open-archive').setInputFiles(file);
  await expect(page.getByTestId('result-count')).toContainText('3 documents');
  await expect(page.getByTestId('rejected-count')).toHaveCount(0);
  await search(page, 'geneva');
  expect(await resultCount(page)).toBe(2);
  await expect(page.locator('[data-facet="source"] [data-testid="facet-item"]')).toHaveCount(2);
  await expect(page.getByTestId('result-item').first()).toContainText('Oct 2018');
  // A document without a subject is titled by its first line; its unreadable date is
  // kept, and the document is counted as undated.
  await search(page, 'note');
  await expect(page.getByTestId('result-title').first()).toHaveText('A note without a subject line');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('sometime in 2018');
});

test('a Telegram channel export and a WordPress export open as their posts', async ({ page }) => {
  // How organisations' statements are archived in practice: Telegram Desktop's "Export
  // chat history" (JSON, formatted messages as lists of pieces) and WordPress's REST API
  // (title and content as rendered HTML). See: #9
  await openArchive(page);
  const telegram = test.info().outputPath('result.json');
  writeFileSync(telegram, JSON.stringify({
    name: 'ARK News', type: 'public_channel', id: 1234, messages: [
      { id: 2, type: 'message', date: '2018-10-17T14:03:00', from: 'ARK News',
        text: ['بيان صحفي: ', { type: 'bold', text: 'الائتلاف' }, ' يرحب بالمفاوضات في جنيف'] },
      { id: 3, type: 'message', date: '2018-10-18T10:00:00', from: 'ARK News', text: 'Statement on Aleppo' },
    ],
  }));
  await page.getByTestId('open-archive').setInputFiles(telegram);
  await expect(page.getByTestId('archive-title')).toHaveText('ARK News');
  await expect(page.getByTestId('result-count')).toContainText('2 documents');
  await search(page, 'الائتلاف');
  expect(await resultCount(page)).toBe(1);
  await expect(page.getByTestId('result-title').first()).toHaveText('بيان صحفي: الائتلاف يرحب بالمفاوضات في جنيف');

  const wordpress = test.info().outputPath('posts.json');
  writeFileSync(wordpress, JSON.stringify([
    { id: 101, date: '2018-10-17T14:03:00', link: 'https://example.org/p/101', author: 2,
      title: { rendered: 'Coalition welcomes &#8220;talks&#8221;' },
      content: { rendered: '<p>The coalition <strong>welcomes</strong> the talks.</p>\n<p>Q&amp;A follows.</p>' } },
  ]));
  await page.getByTestId('open-archive').setInputFiles(wordpress);
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.locator('details.problems')).toHaveCount(0);
  await search(page, 'welcomes');
  await expect(page.getByTestId('result-title').first()).toHaveText('Coalition welcomes “talks”');
  await page.getByTestId('result-title').first().click();
  const view = page.getByTestId('document-view');
  await expect(view).toContainText('Q&A follows.');
  await expect(view).not.toContainText('<strong>');
  await search(page, 'strong');
  expect(await resultCount(page)).toBe(0);
});

test('a mail archive opens: an mbox from a mail program, and a single .eml', async ({ page }) => {
  // Thunderbird or Gmail's Takeout give an .mbox: subjects as encoded words (how Arabic
  // travels in headers), bodies in parts, quoted-printable, in Windows-1256. See: #9
  await openArchive(page);
  const mbox = test.info().outputPath('statements.mbox');
  // «بيان عن جنيف» in Windows-1256, quoted-printable.
  const body1256 = Buffer.from([0xc8, 0xed, 0xc7, 0xe4, 0x20, 0xda, 0xe4, 0x20, 0xcc, 0xe4, 0xed, 0xdd])
    .toString('latin1').replace(/[\x80-\xff]/g, (c) => '=' + c.charCodeAt(0).toString(16).toUpperCase());
  const text = [
    'From press@example.org Wed Oct 17 14:03:00 2018',
    'Message-ID: <talks-17@example.org>',
    'From: =?UTF-8?B?2KfZhNin2KbYqtmE2KfZgQ==?= <press@example.org>',
    'Subject: =?UTF-8?B?2KjZitin2YYg2LXYrdmB2Yo=?=',
    'Date: Wed, 17 Oct 2018 14:03:00 +0300',
    'X-Gmail-Labels: Inbox,Statements',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=windows-1256',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    body1256,
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>HTML copy</p>',
    '--b1--',
    '',
    'From office@example.org Thu Oct 18 09:00:00 2018',
    'From: Press Office <office@example.org>',
    'Subject: Statement on Aleppo',
    'Date: Thu, 18 Oct 2018 09:00:00 +0300',
    '',
    'The office comments.',
    '>From the archive: an earlier statement.',
    '',
  ].join('\n');
  writeFileSync(mbox, text, 'latin1');
  await page.getByTestId('open-archive').setInputFiles(mbox);
  await expect(page.getByTestId('result-count')).toContainText('2 documents');
  await expect(page.locator('details.problems')).toHaveCount(0);
  await search(page, 'جنيف');
  expect(await resultCount(page)).toBe(1);
  await expect(page.getByTestId('result-title').first()).toHaveText('بيان صحفي');
  await expect(page.locator('[data-facet="source"] [data-testid="facet-item"]').first()).toContainText('الائتلاف');
  // Gmail's labels (a Takeout mbox) are the tags.
  await expect(page.locator('[data-facet="tag"] [data-testid="facet-item"]')).toHaveCount(2);
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('بيان عن جنيف');
  await expect(page.getByTestId('document-view')).not.toContainText('HTML copy');
  await search(page, 'aleppo');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('From the archive: an earlier statement.');

  const eml = test.info().outputPath('note.eml');
  writeFileSync(eml, 'Subject: A single note\r\nFrom: someone@example.org\r\nDate: 19 Oct 2018 10:00:00 +0000\r\n\r\nOne message alone.\r\n');
  await page.getByTestId('open-archive').setInputFiles(eml);
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.getByTestId('result-title').first()).toHaveText('A single note');
});

test('a spreadsheet with a quote never closed keeps the rows before it', async ({ page }) => {
  // Spreadsheets are read as they stream in, row by row; a stray quote costs what
  // follows it, not the rows already read, and the problem says where.
  await openArchive(page);
  const file = test.info().outputPath('broken.csv');
  const rows = ['title,body', ...Array.from({ length: 30 }, (_, i) => `Row ${i},Text ${i}`), 'Broken,"never closed', 'Lost,row'];
  writeFileSync(file, rows.join('\n'));
  await page.getByTestId('open-archive').setInputFiles(file);
  await expect(page.getByTestId('result-count')).toContainText('30 documents');
  await expect(page.locator('details.problems')).toContainText('1 document rejected');
  await page.locator('details.problems summary').click();
  await expect(page.locator('details.problems')).toContainText('broken.csv:32');
  await expect(page.locator('details.problems')).toContainText('never closed');
});

test('an embed can point at an mbox, which is read as it streams in', async ({ page }) => {
  // A mailing list's archive published as it is: `data-corpus="…/list.mbox"`.
  await page.route('**/mail-host.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>List archive</title></head>'
      + '<body><main><div data-chronicle data-corpus="/lists/press.mbox" style="height: 560px"></div></main>'
      + '<script type="module" src="/chronicle-embed.js"></script></body></html>',
  }));
  const messages = Array.from({ length: 40 }, (_, i) => [
    `From list@example.org Mon Oct ${String(i % 28 + 1).padStart(2, ' ')} 09:00:00 2018`,
    `Message-ID: <m${i}@example.org>`,
    `Subject: Statement ${i}${i === 7 ? ' on Idlib' : ''}`,
    `Date: ${i % 28 + 1} Oct 2018 09:00:00 +0300`,
    '',
    `Text of statement ${i}.`,
    '',
    '',
  ].join('\n')).join('');
  await page.route('**/lists/press.mbox', (route) => route.fulfill({ contentType: 'application/mbox', body: messages }));
  await page.goto('./mail-host.html');
  await expect(page.getByTestId('result-count')).toContainText('40 documents');
  await search(page, 'idlib');
  expect(await resultCount(page)).toBe(1);
  await expect(page.getByTestId('result-title').first()).toHaveText('Statement 7 on Idlib');
});

test('a spreadsheet opens, one document per row, in any common encoding', async ({ page }) => {
  // Saved by a spreadsheet on Windows: `;`-separated, Windows-1252, a quoted cell with a
  // line break, French column names. See: #9
  await openArchive(page);
  const file = test.info().outputPath('revue.csv');
  const rows = 'id;titre;texte;date;auteur\r\n'
    + '1;Caf\xe9 de Damas;"Premi\xe8re ligne;\r\nseconde \x93ligne\x94.";17/10/2018;ARK News\r\n'
    + '2;N\xe9gociations;Les n\xe9gociations reprennent.;2018-10-18;Bureau de presse\r\n';
  writeFileSync(file, Buffer.from(rows, 'latin1'));
  await page.getByTestId('open-archive').setInputFiles(file);
  await expect(page.getByTestId('result-count')).toContainText('2 documents');
  await expect(page.getByTestId('rejected-count')).toHaveCount(0);
  await search(page, 'damas');
  await expect(page.getByTestId('result-title').first()).toHaveText('Café de Damas');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('seconde “ligne”.');
  await search(page, 'négociations');
  expect(await resultCount(page)).toBe(1);
  await expect(page.locator('[data-facet="source"] [data-testid="facet-item"]')).toHaveCount(1);

  // Excel's "Unicode Text": UTF-16 with tabs, the way Arabic survives leaving Excel; one
  // date is a Unix time, the other as a Syrian office writes it (Arabic-Indic digits,
  // the Levantine name of October).
  const tsv = test.info().outputPath('arabic.tsv');
  const text = 'العنوان\tالنص\tالتاريخ\r\n'
    + 'استئناف المفاوضات\tاستأنفت الوفود المفاوضات في جنيف.\t1539784980\r\n'
    + 'بيان صحفي\tبيان عن حلب.\tالخميس ١٨ تشرين الأول ٢٠١٨\r\n';
  writeFileSync(tsv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  await page.getByTestId('open-archive').setInputFiles(tsv);
  await expect(page.getByTestId('result-count')).toContainText('2 documents');
  await expect(page.getByTestId('rejected-count')).toHaveCount(0);
  await search(page, 'جنيف');
  expect(await resultCount(page)).toBe(1);
  await expect(page.getByTestId('result-title').first()).toHaveText('استئناف المفاوضات');
  await expect(page.getByTestId('result-item').first()).toContainText('17 Oct 2018');
  await search(page, 'حلب');
  await expect(page.getByTestId('result-item').first()).toContainText('18 Oct 2018');
});

test('a Zotero export and a MongoDB export open with their dates, authors and sources', async ({ page }) => {
  // CSL JSON, as Zotero exports a collection: authors as name objects, dates as date
  // parts, the publication as container-title. mongoexport's JSON Lines: ids in $oid,
  // dates in $date. See: #9 (real archives)
  const csl = JSON.stringify([
    { id: 'zotero-1', type: 'article-newspaper', title: 'Talks resume in Geneva', 'container-title': 'ARK News',
      author: [{ family: 'Haddad', given: 'Rima' }, { family: 'Khoury', given: 'Sami' }],
      issued: { 'date-parts': [[2018, 10, 17]] }, abstract: 'The talks resumed in Geneva.' },
    { id: 'zotero-2', type: 'article-journal', title: 'A year of talks', 'container-title': 'Levant Review',
      author: [{ family: 'Haddad', given: 'Rima' }], issued: { 'date-parts': [[2019]] }, abstract: 'A review.' },
  ]);
  const mongo = [
    { _id: { $oid: '5c30a1b2c3d4e5f601234567' }, headline: 'Ceasefire holds', content: 'The ceasefire held.',
      published: { $date: '2019-01-05T10:00:00Z' }, source: 'ARK News' },
    { _id: { $oid: '5c30a1b2c3d4e5f601234568' }, headline: 'Ceasefire tested', content: 'It was tested.',
      published: { $date: { $numberLong: '1546768800000' } }, source: 'Levant Review' },
  ].map((d) => JSON.stringify(d)).join('\n');
  await openArchive(page);
  await page.getByTestId('open-archive').setInputFiles([
    { name: 'zotero.json', mimeType: 'application/json', buffer: Buffer.from(csl) },
    { name: 'articles.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(mongo) },
  ]);
  expect(await resultCount(page)).toBe(4);
  await expect(page.getByTestId('rejected-count')).toHaveCount(0);
  const people = page.locator('[data-testid="facet-group"][data-facet="person"] [data-testid="facet-item"]');
  await expect(people.filter({ hasText: 'Rima Haddad' })).toHaveAttribute('data-count', '2');
  await expect(people.filter({ hasText: 'Sami Khoury' })).toHaveAttribute('data-count', '1');
  const sources = page.locator('[data-testid="facet-group"][data-facet="source"] [data-testid="facet-item"]');
  await expect(sources.filter({ hasText: 'ARK News' })).toHaveAttribute('data-count', '2');
  const years = page.locator('[data-testid="facet-group"][data-facet="year"] [data-testid="facet-item"]');
  await expect(years.filter({ hasText: '2018' })).toHaveAttribute('data-count', '1');
  await expect(years.filter({ hasText: '2019' })).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('timeline-undated')).toHaveCount(0);
  // Narrowing to an author, then opening the mongo document by its id.
  await people.filter({ hasText: 'Sami Khoury' }).locator('input').check();
  expect(await resultCount(page)).toBe(1);
  await expect(page.getByTestId('result-title')).toHaveText('Talks resume in Geneva');
  await people.filter({ hasText: 'Sami Khoury' }).locator('input').uncheck();
  expect(await resultCount(page)).toBe(4);
  await search(page, 'ceasefire');
  expect(await resultCount(page)).toBe(2);
  await expect(page.locator('[data-testid="result-item"][data-doc-id="5c30a1b2c3d4e5f601234567"]')).toHaveCount(1);
});
