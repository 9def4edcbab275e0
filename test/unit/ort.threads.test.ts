// The wasm thread count chosen in workers/ort.ts: every core where the browser allows wasm threads
// (cross-origin isolation), ORT's own default everywhere else — including this Node process.
import { describe, expect, it } from 'vitest';
import { maxWasmThreads, ort, wasmThreadCount } from '../../workers/ort';

describe('wasmThreadCount', () => {
  it('uses every core of a cross-origin-isolated browser context', () => {
    expect(wasmThreadCount({ crossOriginIsolated: true, hardwareConcurrency: 2 })).toBe(2);
    expect(wasmThreadCount({ crossOriginIsolated: true, hardwareConcurrency: 6 })).toBe(6);
  });

  it('stops at maxWasmThreads on many-core machines', () => {
    expect(wasmThreadCount({ crossOriginIsolated: true, hardwareConcurrency: 64 })).toBe(maxWasmThreads);
  });

  it("keeps ORT's default without isolation, on one core, or without a navigator", () => {
    expect(wasmThreadCount({ crossOriginIsolated: false, hardwareConcurrency: 8 })).toBeUndefined();
    expect(wasmThreadCount({ crossOriginIsolated: true, hardwareConcurrency: 1 })).toBeUndefined();
    expect(wasmThreadCount({ crossOriginIsolated: true })).toBeUndefined();
    expect(wasmThreadCount({})).toBeUndefined();
  });

  it('leaves the Node environment of the tests and the node benchmark to ORT (no session exists yet in this file)', () => {
    expect(ort.env.wasm.numThreads).toBeUndefined();
  });
});
