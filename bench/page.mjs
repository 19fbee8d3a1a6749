// One engine-only benchmark run in the browser: one engine, one corpus, the fixed query
// list, on the page's own thread (no worker, no UI: the engines alone).
//
//   page.html?engine=chronicle|minisearch|flexsearch&corpus=URL&js=URL&wasm=URL
//            [&warm=1][&only=ready][&chunk=N]
//
// The engines start from the same fetched bytes. "Ready" is the time from having the
// bytes to being able to search: for Chronicle, copying them into wasm, parsing,
// validating and indexing on one thread (the app uses every core: see the end-to-end
// figures); for MiniSearch and FlexSearch, decoding, JSON.parse and adding every
// document. Each query is timed as the work needed to show the first page: the number of
// matches and the top 20 in rank order. The result is left in window.benchResult.
import { miniSearchOptions, flexSearchOptions, flexSearchDoc, flexSearchIds } from './peer-options.mjs';
const params = new URLSearchParams(location.search);
const engineName = params.get('engine');
const status = document.getElementById('status');

const gc = () => (typeof window.gc === 'function' ? window.gc() : undefined);
const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : 0);
const settle = () => new Promise((r) => setTimeout(r, 50));

function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/// MiniSearch gets the same semantics where it has them: AND of words, the last one as
/// a prefix, one typo from 5 letters and two from 9, title words weighted 3. It has no
/// phrases, so quotes are dropped (the words are still required).
function miniSearchQuery(q) {
  return q.replace(/"/g, ' ').trim();
}

async function main() {
  const queries = (await (await fetch('queries.txt')).text())
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  // As the app does: the download starts, and (with warm=1) the engine warms up on a
  // small made-up archive while it runs (see crates/core/src/warmup.rs). MiniSearch warms
  // up the same way, on the same archive.
  const download = fetch(params.get('corpus')).then((r) => r.arrayBuffer());
  const warm = params.get('warm') === '1';
  let chronicle = null;
  let wasm = null;
  if (engineName === 'chronicle') {
    // The app's glue defines the global `wasm_bindgen` (it is a classic script, so that
    // workers and offline files can load it too).
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = params.get('js');
      script.onload = resolve;
      script.onerror = () => reject(new Error(`cannot load ${script.src}`));
      document.head.append(script);
    });
    // A classic script's top-level `let`: a global binding, not a property of window.
    chronicle = (0, eval)('wasm_bindgen');
    wasm = await chronicle({ module_or_path: params.get('wasm') });
    if (warm) chronicle.warmUp();
  }
  const MiniSearch = engineName === 'minisearch' ? (await import('/minisearch/es/index.js')).default : null;
  const FlexSearch = engineName === 'flexsearch' ? await import('/flexsearch/flexsearch.bundle.module.min.js') : null;
  // The peers as their pages set them up (bench/peer-options.mjs). FlexSearch returns at
  // most `limit` ids, so its counts stop at 1,000.
  const flexSearch = (idx, q) => flexSearchIds(idx, q, 1000);
  const flexAdd = (idx, docs) => docs.forEach((d, n) => idx.add(flexSearchDoc(d, n)));
  if (MiniSearch && warm) {
    const w = new MiniSearch(miniSearchOptions('id'));
    w.addAll(JSON.parse(await (await fetch('/corpora/warmup.json')).text()).documents);
    for (const q of ['union', 'gov', 'goverment', 'state union', 'peace war', 'negotiation']) w.search(q);
  }
  if (FlexSearch && warm) {
    const w = new FlexSearch.Document(flexSearchOptions);
    flexAdd(w, JSON.parse(await (await fetch('/corpora/warmup.json')).text()).documents);
    for (const q of ['union', 'gov', 'goverment', 'state union', 'peace war', 'negotiation']) flexSearch(w, q);
  }
  const bytes = await download;
  gc();
  await settle();
  const heapBefore = heap();
  let search;
  let ready;
  let wasmMemory = 0;
  let extra = {};
  if (engineName === 'chronicle') {
    const mod = chronicle;
    const t0 = performance.now();
    // Chunks of 256 KB, as the app feeds a download: the file is never copied whole.
    const all = new Uint8Array(bytes);
    const loader = new mod.EngineLoader();
    const step = Number(params.get("chunk") || 1 << 18);
    for (let i = 0; i < all.length; i += step) loader.feed(all.subarray(i, i + step));
    const engine = loader.finish();
    ready = performance.now() - t0;
    search = (q) => {
      const top = engine.search(q, 'relevance', 20);
      return [engine.total, top.length];
    };
    const memory = () => wasm.memory.buffer.byteLength;
    extra = {
      documents: engine.documents,
      terms: engine.terms,
      indexBytes: engine.indexBytes,
      textBytes: engine.textBytes,
    };
    window.chronicleEngine = engine;
    wasmMemory = memory;
  } else if (engineName === 'flexsearch') {
    const t0 = performance.now();
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    const docs = Array.isArray(parsed) ? parsed : parsed.documents;
    const idx = new FlexSearch.Document(flexSearchOptions);
    flexAdd(idx, docs);
    ready = performance.now() - t0;
    search = (q) => {
      const ids = flexSearch(idx, miniSearchQuery(q));
      return [ids.length, Math.min(20, ids.length)];
    };
    extra = { documents: docs.length, terms: 0 };
    window.keepAlive = { idx, docs };
  } else {
    const options = miniSearchOptions('id');
    const t0 = performance.now();
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    const docs = Array.isArray(parsed) ? parsed : parsed.documents;
    const ms = new MiniSearch(options);
    ms.addAll(docs);
    ready = performance.now() - t0;
    search = (q) => {
      const results = ms.search(miniSearchQuery(q));
      return [results.length, results.slice(0, 20).length];
    };
    extra = { documents: docs.length, terms: ms.termCount };
    window.keepAlive = { ms, docs };
  }
  gc();
  await settle();
  const jsHeap = Math.max(0, heap() - heapBefore);
  const wasmBytes = typeof wasmMemory === 'function' ? wasmMemory() : 0;

  if (params.get('only') === 'ready') {
    window.benchResult = { engine: engineName, readyMs: ready, jsHeapBytes: jsHeap, wasmMemoryBytes: wasmBytes, ...extra };
    return;
  }
  // Warm up, then time each query: repeat it until 5 ms have passed (at most 50 times)
  // and take the mean, three times; the query's time is the median of the three.
  const counts = queries.map((q) => search(q)[0]);
  const times = [];
  for (const q of queries) {
    const rounds = [];
    for (let r = 0; r < 3; r++) {
      let reps = 0;
      const t0 = performance.now();
      let t = t0;
      while (reps < 50 && (reps === 0 || t - t0 < 5)) {
        search(q);
        reps++;
        t = performance.now();
      }
      rounds.push((t - t0) / reps);
    }
    rounds.sort((a, b) => a - b);
    times.push(rounds[1]);
  }
  const sorted = [...times].sort((a, b) => a - b);

  // Chronicle only: facets and the timeline after a change of query, facet value or
  // range (MiniSearch has neither). For every query: no choice, the top source chosen,
  // and a date range chosen.
  let facetTimes = null;
  if (engineName === 'chronicle') {
    const engine = window.chronicleEngine;
    const top = engine.topValue('source') || '';
    const changes = [['', '', ''], ['source', top, ''], ['', '', '1900..1950']];
    facetTimes = { query: [], facet: [], range: [] };
    const kinds = ['query', 'facet', 'range'];
    for (const q of queries) {
      engine.prepare(q);
      changes.forEach(([f, v, r], k) => {
        engine.recount(f, v, r); // warm
        let reps = 0;
        const t0 = performance.now();
        let t = t0;
        while (reps < 50 && (reps === 0 || t - t0 < 5)) {
          engine.recount(f, v, r);
          reps++;
          t = performance.now();
        }
        facetTimes[kinds[k]].push((t - t0) / reps);
      });
    }
  }
  const facetSummary = facetTimes && Object.fromEntries(
    Object.entries({ ...facetTimes, all: [...facetTimes.query, ...facetTimes.facet, ...facetTimes.range] }).map(([k, v]) => {
      const s = [...v].sort((a, b) => a - b);
      return [k, { median: percentile(s, 50), p95: percentile(s, 95) }];
    }),
  );
  window.benchResult = {
    facets: facetSummary,
    engine: engineName,
    readyMs: ready,
    queryMedianMs: percentile(sorted, 50),
    queryP95Ms: percentile(sorted, 95),
    queryMaxMs: sorted[sorted.length - 1],
    queries: queries.length,
    perQuery: queries.map((q, i) => ({ q, ms: times[i], matches: counts[i] })),
    jsHeapBytes: jsHeap,
    wasmMemoryBytes: wasmBytes,
    ...extra,
  };
  status.textContent = 'done';
}

main().catch((e) => {
  window.benchResult = { error: String(e && e.stack ? e.stack : e) };
  status.textContent = 'failed';
});
