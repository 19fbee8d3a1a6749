// Chronicle, embedded: put <div data-chronicle data-corpus="corpus.json"></div> in a page,
// then <script type="module" src="…/chronicle-embed.js"></script>. Each such element gets
// its own Chronicle in a shadow root (styles do not leak either way), keeping its view in
// memory (add data-hash to keep it in the page's URL instead; one instance per page).
// Attributes: data-corpus (URL, relative to the page), data-query, data-theme
// (light|dark; otherwise the reader's system setting), and the host can set --accent.
// Elements added later are mounted by calling window.chronicleMount().
// The app's files are fetched from next to this script; on another site than the page
// they need CORS headers.
const base = new URL('.', import.meta.url);
window.chronicleManualMount = true;
if (typeof wasm_bindgen === 'undefined') {
  await new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('chronicle-app.js', base).href;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${script.src}`));
    document.head.append(script);
  });
}
const compile = async (name) =>
  WebAssembly.compile(await (await fetch(new URL(name, base))).arrayBuffer());
const engine = compile('chronicle-engine_bg.wasm');
engine.catch(() => {});
window.chronicleRuntime = {
  engine,
  workerUrl: new URL('chronicle-worker.js', base).href,
  glueUrl: new URL('chronicle-engine.js', base).href,
};
const module = await compile('chronicle-app_bg.wasm');
await wasm_bindgen({ module_or_path: module });
const css = ['tokens.css', 'app.css'].map((f) => new URL(f, base).href);
window.chronicleMount = () => wasm_bindgen.mountEmbeds(css);
window.chronicleMount();
