// The wasm thread count chosen in workers/ort.ts: every core where the browser allows wasm threads
// (cross-origin isolation), ORT's own default everywhere else — including this Node process; and the
// session options every engine session starts from.
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../workers/engine/onnx';
import { maxWasmThreads, ort, sessionOptions, wasmThreadCount } from '../../workers/ort';

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

describe('sessionOptions', () => {
  it("keeps the caller's options and makes idle intra-op threads sleep instead of spinning", () => {
    expect(sessionOptions({ executionProviders: ['wasm'], extra: { memory: { enable_memory_arena_shrinkage: 'cpu:0' } } })).toEqual({
      executionProviders: ['wasm'],
      extra: { memory: { enable_memory_arena_shrinkage: 'cpu:0' }, session: { intra_op: { allow_spinning: '0' } } },
    });
  });

  it('creates sessions that ORT accepts and runs', async () => {
    const graph = new GraphBuilder('add-one');
    graph.output(graph.node('Add', [graph.input('x', 'float32', [2]), graph.floatInitializer('one', [], [1])], {}, { output: 'y' }), 'float32', [2]);
    const session = await ort.InferenceSession.create(graph.serialize(), sessionOptions());
    const result = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2), [2]) });
    expect(Array.from(result.y!.data as Float32Array)).toEqual([2, 3]);
    await session.release();
  });
});
