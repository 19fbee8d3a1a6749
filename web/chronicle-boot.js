// Chronicle, the page: compiles the app's WebAssembly once and starts it. The same
// compiled module later runs the search engine in Web Workers (chronicle-worker.js).
// A file of its own (not inline), so the page runs under a strict
// Content-Security-Policy ("script-src 'self' 'wasm-unsafe-eval'").
(() => {
  const base = new URL('.', document.currentScript.src);
  const wasmUrl = new URL('chronicle-app_bg.wasm', base);
  const compile = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() =>
        fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
    : fetch(wasmUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
  compile
    .then((module) => {
      window.chronicleRuntime = {
        module,
        workerUrl: new URL('chronicle-worker.js', base).href,
        glueUrl: new URL('chronicle-app.js', base).href,
      };
      return wasm_bindgen({ module_or_path: module });
    })
    .catch((error) => {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.setAttribute('data-testid', 'panic');
      p.textContent = `Chronicle could not start: ${error && error.message ? error.message : error}`;
      document.body.prepend(p);
    });
})();
