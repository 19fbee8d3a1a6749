// A static file server for the browser tests.
//
//   /                         → dist/ (the app with the demo corpus)
//   /fixtures/NAME/…          → dist/, but corpus.json is tests/fixtures/NAME.json
//                               (or target/corpora/NAME.json, the generated corpora)
//   /csp/…                    → any of these, under the strict Content-Security-Policy
//                               the README gives (the CSP test)
//   /slow/fixtures/NAME/…     → the same, but corpus.json trickles in at about 4 MB/s
//                               (to see what the page does while a large archive loads)
//   /sub/path/…               → dist/, to prove the build works under any sub-path
//   /site/…                   → dist-site/ (the demo corpus built by `chronicle build`)
//   /target-bench/…           → target/bench/ (sites and Pagefind indexes the benchmark builds)
//   /bench/…                  → bench/ (the benchmark page)
//   /corpora/…                → target/corpora/ (generated corpora)
//   /minisearch/…             → node_modules/minisearch/dist/ (benchmark peers)
//   /flexsearch/…             → node_modules/flexsearch/dist/
//
// Usage: node tests/e2e/server.mjs [port]   (default 4173)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = process.env.CHRONICLE_DIST ? join(root, process.env.CHRONICLE_DIST) : join(root, 'dist');
const fixtures = join(root, 'tests', 'fixtures');
const generated = join(root, 'target', 'corpora');
const mounts = [
  ['/bench/', join(root, 'bench')],
  ['/dist-bench/', join(root, 'dist-bench')],
  ['/corpora/', generated],
  ['/site/', join(root, 'dist-site')],
  ['/target-bench/', join(root, 'target', 'bench')],
  ['/minisearch/', join(root, 'node_modules', 'minisearch', 'dist')],
  ['/flexsearch/', join(root, 'node_modules', 'flexsearch', 'dist')],
];
const port = Number(process.argv[2] || process.env.PORT || 4173);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pf_meta': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

function inside(dir, rel) {
  const file = join(dir, normalize(rel));
  return file.startsWith(dir) ? file : null;
}

async function exists(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function resolveFile(pathname) {
  let rel = decodeURIComponent(pathname);
  for (const [prefix, dir] of mounts) {
    if (rel.startsWith(prefix)) {
      const inner = rel.slice(prefix.length);
      return inside(dir, inner === '' || inner.endsWith('/') ? `${inner}index.html` : inner);
    }
  }
  const fixture = rel.match(/^\/fixtures\/([A-Za-z0-9_-]+)\/(.*)$/);
  if (fixture) {
    if (fixture[2] === 'corpus.json') {
      const own = join(fixtures, `${fixture[1]}.json`);
      return (await exists(own)) ? own : join(generated, `${fixture[1]}.json`);
    }
    rel = `/${fixture[2]}`;
  } else if (rel.startsWith('/sub/path/')) {
    rel = rel.slice('/sub/path'.length);
  } else if (rel.startsWith('/static/')) {
    return join(root, 'tests', normalize(rel.slice('/static/'.length)));
  }
  if (rel.endsWith('/')) rel += 'index.html';
  return inside(dist, rel);
}

/** The policy the README tells publishers to use. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'";

const SLOW_CHUNK = 128 * 1024;
const SLOW_PAUSE_MS = 30;

/** Bytes of files served since the last `/__served?reset` (the benchmark reads them: a
 * page's workers fetch too, which the browser's page events do not show). */
let served = 0;

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/__served') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ bytes: served }));
    if (url.searchParams.has('reset')) served = 0;
    return;
  }
  const csp = url.pathname.startsWith('/csp/');
  const path = csp ? url.pathname.slice('/csp'.length) : url.pathname;
  const slow = path.startsWith('/slow/fixtures/');
  const file = await resolveFile(slow ? path.slice('/slow'.length) : path);
  try {
    if (!file || !(await stat(file)).isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': types[extname(file)] || 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
      // As a CDN would serve the embed's files: pages on other sites may use them.
      'access-control-allow-origin': '*',
      ...(csp ? { 'content-security-policy': STRICT_CSP } : {}),
    });
    served += body.length;
    if (slow && path.endsWith('/corpus.json')) {
      for (let at = 0; at < body.length && !res.destroyed; at += SLOW_CHUNK) {
        res.write(body.subarray(at, at + SLOW_CHUNK));
        await new Promise((r) => setTimeout(r, SLOW_PAUSE_MS));
      }
      res.end();
      return;
    }
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`not found: ${url.pathname}\n`);
  }
}).listen(port, '127.0.0.1', () => {
  console.log(`test server on http://127.0.0.1:${port}/ serving ${dist}`);
});
