// The engine's thread: wasm-bindgen's glue (above this file in engine.js)
// defines `wasm_bindgen`; the page posts {id, op, ...} and gets back
// {id, result} or {id, error}. Checking a long document never blocks the
// page. Nothing here opens a connection.
'use strict';

let ready = false;
let wasmBytes = null;

function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function start() {
  wasm_bindgen.initSync({ module: wasmBytes });
  ready = true;
}

const ops = {
  init(message) {
    wasmBytes = decodeBase64(message.wasm);
    start();
    return { packs: JSON.parse(wasm_bindgen.packs()) };
  },
  rules(message) {
    return JSON.parse(wasm_bindgen.rules(JSON.stringify(message.options)));
  },
  check(message) {
    const t0 = performance.now();
    const json = wasm_bindgen.check(message.text, JSON.stringify(message.options));
    const ms = performance.now() - t0;
    const result = JSON.parse(json);
    result.ms = ms;
    return result;
  },
  readFile(message) {
    return JSON.parse(wasm_bindgen.read_file(new Uint8Array(message.bytes), message.name));
  },
  annotate(message) {
    const bytes = wasm_bindgen.annotate(
      new Uint8Array(message.bytes),
      message.name,
      JSON.stringify(message.options),
    );
    return { bytes };
  },
};

self.onmessage = (event) => {
  const message = event.data;
  const op = ops[message.op];
  try {
    if (!op) throw new Error(`unknown op ${message.op}`);
    if (!ready && message.op !== 'init') throw new Error('引擎尚未加载');
    const result = op(message);
    const transfer = result && result.bytes ? [result.bytes.buffer] : [];
    self.postMessage({ id: message.id, result }, transfer);
  } catch (error) {
    // A panic in the engine leaves its instance unusable (panic = abort):
    // start a fresh one for the next request.
    if (ready && error instanceof WebAssembly.RuntimeError) {
      try {
        start();
      } catch (_) {
        ready = false;
      }
    }
    self.postMessage({ id: message.id, error: String(error && error.message ? error.message : error) });
  }
};
