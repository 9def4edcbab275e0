// Worker entry: decodes and checks imported images off the main thread, a chunk at a time, so
// an import of any size streams with progress and can be cancelled between chunks.
import { expose } from 'comlink';
import type { ImageSize } from '../src/domain/types';
import { inspectImage, type FitMode, type InspectionResult } from './import/inspectImage';

export interface ImportFile {
  file: string;
  blob: Blob;
}

const importWorkerApi = {
  async inspectImages(files: ImportFile[], projectSize: ImageSize | null, fitMode?: FitMode): Promise<InspectionResult[]> {
    const results: InspectionResult[] = [];
    // The first image of an empty project sets its size for the rest of the chunk (spec §5).
    let size = projectSize;
    for (const { file, blob } of files) {
      const result = await inspectImage(file, blob, size, fitMode);
      if (result.ok && !size) size = { width: result.image.width, height: result.image.height };
      results.push(result);
    }
    return results;
  },
};

export type ImportWorkerApi = typeof importWorkerApi;
expose(importWorkerApi);
