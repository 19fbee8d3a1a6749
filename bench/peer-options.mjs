// How the benchmark's peer pages configure MiniSearch and FlexSearch (bench/peer.mjs, in
// the browser) and the ranking benchmark builds them (bench/relevance.mjs, in Node): one
// configuration, so both measure the same engines. The same semantics as Chronicle where
// they have them: all words, the last as a prefix, typos by length, title ×3.
export const miniSearchOptions = (idField) => ({
  idField,
  fields: ['title', 'body'],
  searchOptions: {
    combineWith: 'AND',
    boost: { title: 3 },
    prefix: (term, i, terms) => i === terms.length - 1,
    fuzzy: (term) => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false),
  },
});

/** FlexSearch: forward tokenizing, the title and title + text as two indexes. */
export const flexSearchOptions = { tokenize: 'forward', document: { id: 'n', index: ['title', 'all'] } };

/** The document FlexSearch indexes for document `d`, number `n`. */
export const flexSearchDoc = (d, n) => ({ n, title: d.title, all: `${d.title} ${d.body}` });

/** FlexSearch's ranked ids: title matches first, then the rest, each once. */
export function flexSearchIds(idx, q, limit) {
  const res = idx.search(q, { index: ['title', 'all'], limit });
  const seen = new Set();
  for (const f of ['title', 'all']) for (const id of res.find((r) => r.field === f)?.result ?? []) seen.add(id);
  return [...seen];
}
