// Ranking quality beside MiniSearch and FlexSearch, on the same queries and measures:
// known items (60 seeded three-word passages that stand in one document only, and every
// title pasted whole) and the hand-judged topics of bench/topics.json, over the demo
// archive. Chronicle's rankings come from the core's `relevance` example (the items are
// drawn there, with the seed of crates/core/tests/known_items.rs); the peers are built as
// the benchmark's peer pages build them (bench/peer.mjs).
//
//   node bench/relevance.mjs        (prints the table; `cargo xtask bench` writes it)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { miniSearchOptions, flexSearchOptions, flexSearchDoc, flexSearchIds } from './peer-options.mjs';

const DEPTH = 100;

/** 1 / the rank of the first relevant document within the first DEPTH; 0 if none. */
export function reciprocalRank(ranked, relevant) {
  const i = ranked.slice(0, DEPTH).findIndex((d) => relevant.includes(d));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** nDCG of the first k, binary relevance (as chronicle_core::relevance::ndcg_at). */
export function ndcgAt(ranked, relevant, k = 10) {
  const gain = (i) => 1 / Math.log2(i + 2);
  let dcg = 0;
  ranked.slice(0, k).forEach((d, i) => {
    if (relevant.includes(d)) dcg += gain(i);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.length, k); i++) ideal += gain(i);
  return ideal ? dcg / ideal : 0;
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The peers, as bench/peer.mjs builds them: ranked ids for a query. */
function peers(docs) {
  const ms = new MiniSearch(miniSearchOptions('id'));
  ms.addAll(docs);
  const flex = new FlexSearch.Document(flexSearchOptions);
  docs.forEach((d, n) => flex.add(flexSearchDoc(d, n)));
  return {
    minisearch: (q) => ms.search(q).slice(0, DEPTH).map((r) => r.id),
    flexsearch: (q) => flexSearchIds(flex, q, DEPTH).map((n) => docs[n].id),
  };
}

/** Every measure for every engine. */
export function measureRelevance(root) {
  const corpusPath = join(root, 'public/corpus.json');
  const topicsPath = join(root, 'bench/topics.json');
  const out = execFileSync(
    'cargo',
    ['run', '--release', '--quiet', '-p', 'chronicle-core', '--example', 'relevance', '--', corpusPath, topicsPath],
    { cwd: root, maxBuffer: 64 << 20 },
  );
  const judged = JSON.parse(out.toString());
  const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));
  const docs = Array.isArray(corpus) ? corpus : corpus.documents;
  const topics = JSON.parse(readFileSync(topicsPath, 'utf8')).topics;
  const engines = { chronicle: null, ...peers(docs) };
  const result = {};
  for (const [who, search] of Object.entries(engines)) {
    const ranked = (item) => (who === 'chronicle' ? item.chronicle : search(item.q));
    const rr = (items) => items.map((it) => reciprocalRank(ranked(it), [it.want]));
    const runs = rr(judged.runs);
    const titles = rr(judged.titles);
    const topicRanks = judged.topics.map((t, i) => ranked(t));
    result[who] = {
      runsMrr: mean(runs),
      runsFirst: runs.filter((r) => r === 1).length,
      titlesMrr: mean(titles),
      titlesFirst: titles.filter((r) => r === 1).length,
      topicsMrr: mean(topicRanks.map((r, i) => reciprocalRank(r, topics[i].relevant))),
      topicsNdcg: mean(topicRanks.map((r, i) => ndcgAt(r, topics[i].relevant, 10))),
    };
  }
  result.counts = { runs: judged.runs.length, titles: judged.titles.length, topics: topics.length };
  return result;
}

/** The table for BENCHMARKS.md. */
export function relevanceTable(r) {
  const who = ['chronicle', 'minisearch', 'flexsearch'];
  const f = (x) => x.toFixed(3);
  const row = (label, g) => `| ${label} | ${who.map((w) => g(r[w])).join(' | ')} |`;
  return [
    '| | Chronicle | MiniSearch | FlexSearch |',
    '|---|---|---|---|',
    row(`${r.counts.runs} three-word passages: MRR (found first)`, (x) => `${f(x.runsMrr)} (${x.runsFirst})`),
    row(`${r.counts.titles} titles pasted whole: MRR (found first)`, (x) => `${f(x.titlesMrr)} (${x.titlesFirst})`),
    row(`${r.counts.topics} judged topics: MRR`, (x) => f(x.topicsMrr)),
    row(`${r.counts.topics} judged topics: nDCG@10`, (x) => f(x.topicsNdcg)),
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  console.log(relevanceTable(measureRelevance(root)));
}
