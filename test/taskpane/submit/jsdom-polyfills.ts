// jsdom lacks what every browser the pane runs in has: TextEncoder/TextDecoder, Web Crypto's
// digest and object URLs. Imported first by the Submit tests (the package code makes its
// TextEncoder when it loads).
import { webcrypto } from 'node:crypto';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

if (typeof globalThis.TextEncoder === 'undefined')
  Object.assign(globalThis, { TextEncoder: NodeTextEncoder, TextDecoder: NodeTextDecoder });
if (globalThis.crypto?.subtle === undefined)
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
let n = 0;
if (typeof URL.createObjectURL !== 'function')
  Object.assign(URL, { createObjectURL: () => `blob:pane/${++n}`, revokeObjectURL: () => undefined });
// Fluent's ProgressBar observes its size (jsdom lays nothing out).
if (typeof globalThis.ResizeObserver === 'undefined') {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(globalThis, { ResizeObserver: NoResizeObserver });
}
