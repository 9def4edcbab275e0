// Worker entry: renders the demo project's images off the main thread and hands the PNG bytes
// back as transferred buffers.
import { transfer } from 'comlink';
import { exposeWorker } from './exposeWorker';
import { demoImageCount, renderDemoImages, type DemoImage } from './demo/demoImages';

export type DemoProgress = (done: number, total: number) => void;

const demoWorkerApi = {
  generateDemoImages(onProgress?: DemoProgress): DemoImage[] {
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

export type DemoWorkerApi = typeof demoWorkerApi;
exposeWorker(demoWorkerApi);
