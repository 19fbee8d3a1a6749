// A search page over a Pagefind index, as its documentation builds one with the JavaScript
// API: on every keystroke, search, load the top 20 results' fragments (title, meta,
// excerpt) and show them with the number of matches. The benchmark measures it beside a
// site built by `chronicle build`, keystroke to paint (the drop of aria-busy once the 20
// are shown). `pagefind.html?bundle=URL` (the directory holding pagefind.js).
const params = new URLSearchParams(location.search);
const status = document.getElementById('status');
const input = document.querySelector('[data-testid=search-input]');
const count = document.querySelector('[data-testid=result-count]');
const list = document.querySelector('[data-testid=results]');

const pagefind = await import(`${params.get('bundle')}/pagefind.js`);
await pagefind.options({ excerptLength: 30 });
await pagefind.init();

let latest = 0;
async function render(q) {
  const seq = ++latest;
  list.setAttribute('aria-busy', 'true');
  // Pagefind has no empty search: the empty box lists nothing.
  const search = q.trim() ? await pagefind.search(q) : { results: [] };
  const top = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (seq !== latest) return;
  count.textContent = `${search.results.length.toLocaleString('en')} documents`;
  const items = top.map((d) => {
    const li = document.createElement('li');
    const h = document.createElement('h3');
    h.textContent = d.meta.title || d.url;
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = [d.meta.date, d.meta.source].filter(Boolean).join(' · ');
    const p = document.createElement('p');
    // Pagefind's excerpt marks the words with <mark>; shown as text, like the others.
    p.textContent = d.excerpt.replace(/<\/?mark>/g, '');
    li.append(h, meta, p);
    return li;
  });
  list.replaceChildren(...items);
  list.setAttribute('aria-busy', 'false');
}

input.addEventListener('input', () => render(input.value));
count.textContent = '0 documents';
status.remove();
window.__ready = performance.now();
