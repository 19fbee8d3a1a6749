// A single-page search over a corpus with MiniSearch or FlexSearch, as a site would build
// one: load the corpus, index it, and on every keystroke show the number of matches and
// the top 20 (title, date, source, the opening of the text). The benchmark measures it
// beside Chronicle, keystroke to paint. `peer.html?engine=minisearch|flexsearch&corpus=URL`.
import { miniSearchOptions, flexSearchOptions, flexSearchDoc, flexSearchIds } from './peer-options.mjs';

const params = new URLSearchParams(location.search);
const engine = params.get('engine');
const status = document.getElementById('status');
const input = document.querySelector('[data-testid=search-input]');
const count = document.querySelector('[data-testid=result-count]');
const list = document.querySelector('[data-testid=results]');

const text = await (await fetch(params.get('corpus'))).text();
const parsed = JSON.parse(text);
const docs = Array.isArray(parsed) ? parsed : parsed.documents;
docs.forEach((d, i) => { d.n = i; });

let search;
if (engine === 'minisearch') {
  const MiniSearch = (await import('/minisearch/es/index.js')).default;
  const ms = new MiniSearch(miniSearchOptions('n'));
  ms.addAll(docs);
  search = (q) => {
    const r = ms.search(q);
    return [r.length, r.slice(0, 20).map((x) => x.id)];
  };
} else {
  const { Document } = await import('/flexsearch/flexsearch.bundle.module.min.js');
  const idx = new Document(flexSearchOptions);
  docs.forEach((d) => idx.add(flexSearchDoc(d, d.n)));
  search = (q) => {
    const ids = flexSearchIds(idx, q, 1000);
    return [ids.length, ids.slice(0, 20)];
  };
}

function render(q) {
  const [n, top] = q.trim() ? search(q) : [docs.length, docs.slice(0, 20).map((d) => d.n)];
  count.textContent = `${n.toLocaleString('en')} documents`;
  const items = top.map((i) => {
    const d = docs[i];
    const li = document.createElement('li');
    const h = document.createElement('h3');
    h.textContent = d.title;
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = [d.date, d.source].filter(Boolean).join(' · ');
    const p = document.createElement('p');
    p.textContent = (d.body || '').slice(0, 220);
    li.append(h, meta, p);
    return li;
  });
  list.replaceChildren(...items);
}

input.addEventListener('input', () => render(input.value));
render('');
status.remove();
window.__ready = performance.now();
