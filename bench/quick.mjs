// A quick end-to-end look at one corpus, without the whole benchmark: the app on the test
// server (node tests/e2e/server.mjs 4173), typed into as the benchmark does.
//   node bench/quick.mjs mail-50k [runs]
// Any corpus at target/corpora/NAME.json works (a link to your own archive, too); Q sets
// the words typed, comma-separated: Q='memory leak,python' node bench/quick.mjs NAME
import { chromium } from '@playwright/test';
import { measurePage, launchArgs } from './e2e.mjs';
const [,, corpus, runs = '1'] = process.argv;
const queries = (process.env.Q || 'government,congress war,peace treaty,agriculture,revenue tariff').split(',');
for (let i = 0; i < Number(runs); i++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  const r = await measurePage(browser, `http://127.0.0.1:4173/fixtures/${corpus}/`, { queries });
  delete r.keystrokeTimes;
  console.log(corpus, JSON.stringify(r, (k, v) => typeof v === 'number' ? Math.round(v * 10) / 10 : v));
  await browser.close();
}
