// Chronicle, the page: compiles the page's WebAssembly and starts it, and compiles the
// search engine's (chronicle-engine_bg.wasm), which runs in Web Workers
// (chronicle-worker.js), at the same time: the page draws while the engine compiles. The
// engine's first worker starts at once too.
// A file of its own (not inline), so the page runs under a strict
// Content-Security-Policy ("script-src 'self' 'wasm-unsafe-eval'").
(() => {
  const base = new URL('.', document.currentScript.src);
  const compile = (name) => {
    const url = new URL(name, base);
    const bytes = () => fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
    return WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(url)).catch(bytes)
      : bytes();
  };
  const failed = (error) => {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.setAttribute('data-testid', 'panic');
    p.textContent = `Chronicle could not start: ${error && error.message ? error.message : error}`;
    document.body.prepend(p);
  };
  const engine = compile('chronicle-engine_bg.wasm');
  // Told when a worker needs it; not a failure before then.
  engine.catch(() => {});
  const workerUrl = new URL('chronicle-worker.js', base).href;
  // The engine's worker starts now, on the page's own site: it loads the engine's code
  // while the page's compiles, and waits for its role (the app takes it, as `spareWorker`).
  // The same rule as the app's (src/client.rs, same_origin): a page with no origin of
  // its own (file://) gets its workers from Blob URLs, made by the app.
  let spareWorker;
  if (location.origin !== 'null' && new URL(workerUrl).origin === location.origin) {
    try {
      spareWorker = new Worker(workerUrl);
    } catch {}
  }
  window.chronicleRuntime = {
    engine,
    workerUrl,
    glueUrl: new URL('chronicle-engine.js', base).href,
    spareWorker,
  };
  compile('chronicle-app_bg.wasm')
    .then((module) => wasm_bindgen({ module_or_path: module }))
    .catch(failed);
})();
