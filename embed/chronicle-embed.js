// Chronicle, embedded: put <div data-chronicle data-corpus="corpus.json"></div> in a page,
// then <script type="module" src="…/chronicle-embed.js"></script>. Each such element gets
// its own Chronicle in a shadow root (styles do not leak either way), keeping its view in
// memory (add data-hash to keep it in the page's URL instead; one instance per page).
// Attributes: data-corpus (URL, relative to the page), data-query, data-theme
// (light|dark; otherwise the reader's system setting), and the host can set --accent.
// Elements added later are mounted by calling window.chronicleMount().
const base = new URL('.', import.meta.url);
window.chronicleManualMount = true;
const { default: init, mountEmbeds } = await import(new URL('chronicle-app.js', base).href);
await init({ module_or_path: new URL('chronicle-app_bg.wasm', base) });
const css = ['tokens.css', 'app.css'].map((f) => new URL(f, base).href);
window.chronicleMount = () => mountEmbeds(css);
window.chronicleMount();
