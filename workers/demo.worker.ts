// Worker entry: renders the demo project's images off the main thread and hands the PNG bytes
// back as transferred buffers.
import { transfer } from 'comlink';
import { exposeWorker } from './exposeWorker';
import { demoImageCount, renderDemoImages } from './demo/demoImages';
import type { DemoImage, DemoWorkerApi } from '../src/contracts/demoWorkerApi';

const demoWorkerApi: DemoWorkerApi = {
  generateDemoImages(onProgress) {
    const images: DemoImage[] = [];
    // A Set: two views on one buffer must not list it twice (structured clone refuses that).
    const buffers = new Set<ArrayBuffer>();
    for (const image of renderDemoImages()) {
      images.push(image);
      buffers.add(image.png.buffer as ArrayBuffer);
      if (image.maskPng) buffers.add(image.maskPng.buffer as ArrayBuffer);
      void onProgress?.(images.length, demoImageCount);
    }
    return transfer(images, [...buffers]);
  },
};

exposeWorker(demoWorkerApi);
