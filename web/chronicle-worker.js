// Chronicle's search engine, in a Web Worker: the archive loads and answers queries here,
// so the page never waits on it (see crates/engine). A classic script: loaded from its
// URL next to the app, it loads the engine's code (chronicle-engine.js) itself; made into
// a Blob URL (an offline file, an embed on another site) the engine's code comes first in
// the same script.
if (typeof wasm_bindgen === 'undefined') importScripts('chronicle-engine.js');
self.onmessage = (first) => {
  const pending = [];
  self.onmessage = (e) => pending.push(e.data);
  const init = first.data;
  wasm_bindgen({ module_or_path: init.module })
    .then(() => wasm_bindgen.workerStart(init, pending))
    .catch((error) => self.postMessage({ workerError: String(error && error.message ? error.message : error) }));
};
