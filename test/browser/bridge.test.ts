// The worker bridge in real Chromium: transferred buffers, cancellation that really stops the
// worker, and recovery after a crash.
import { describe, expect, it } from 'vitest';
import { createWorkerBridge, transfer } from '../../workers/bridge';
import { describeError } from '../../src/i18n';
import type { BridgeProbeApi } from './fixtures/bridgeProbe.worker';

function probeBridge() {
  return createWorkerBridge<BridgeProbeApi>(() => new Worker(new URL('./fixtures/bridgeProbe.worker.ts', import.meta.url), { type: 'module' }));
}

describe('worker bridge', () => {
  it('transfers buffers both ways instead of copying them', async () => {
    const bridge = probeBridge();
    const buffer = Uint8Array.from([1, 2, 3, 250]).buffer;
    const sum = await bridge.run((api) => api.sumBytes(transfer(buffer, [buffer])));
    expect(sum).toBe(256);
    expect(buffer.byteLength).toBe(0); // detached: it moved to the worker
    const made = await bridge.run((api) => api.makeBytes(1000));
    expect(made.length).toBe(1000);
    expect(made[999]).toBe(999 % 256);
    bridge.terminate();
  });

  it('aborting terminates a busy worker, rejects with AbortError, and the next call gets a fresh worker', async () => {
    const bridge = probeBridge();
    const firstWorkerId = await bridge.run((api) => api.workerId);
    const controller = new AbortController();
    const spinning = bridge.run((api) => api.spinForever(), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(spinning).rejects.toMatchObject({ name: 'AbortError' });
    const secondWorkerId = await bridge.run((api) => api.workerId);
    expect(secondWorkerId).not.toBe(firstWorkerId);
    expect(await bridge.run((api) => api.sumBytes(new Uint8Array([7]).buffer))).toBe(7);
    bridge.terminate();
  });

  it('an already aborted signal never starts the work', async () => {
    const bridge = probeBridge();
    const controller = new AbortController();
    controller.abort();
    await expect(bridge.run((api) => api.spinForever(), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    bridge.terminate();
  });

  it('a crash rejects pending calls with a readable message and the bridge recovers', async () => {
    const bridge = probeBridge();
    const firstWorkerId = await bridge.run((api) => api.workerId);
    const crashing = bridge.run((api) => api.crashLater());
    const error = await crashing.catch((reason: unknown) => reason);
    expect(describeError(error)).toMatch(/background task stopped unexpectedly.*probe crashed/);
    const secondWorkerId = await bridge.run((api) => api.workerId);
    expect(secondWorkerId).not.toBe(firstWorkerId);
    bridge.terminate();
  });
});
