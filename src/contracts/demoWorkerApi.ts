// The demo worker's API as the page sees it through its bridge: the demo project's images, rendered
// off the main thread and handed back as transferred PNG buffers (moved from workers/demo*).

export interface DemoImage {
  sourceRef: string;
  classification: 'normal' | 'anomaly';
  labelNames: string[];
  png: Uint8Array;
  maskPng: Uint8Array | null;
}

export type DemoProgress = (done: number, total: number) => void;

export interface DemoWorkerApi {
  generateDemoImages(onProgress?: DemoProgress): DemoImage[];
}
