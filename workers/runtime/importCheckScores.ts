// An imported model's re-run on its test images (spec §9 item 4), before it is ever started: a session of
// its own on the package's model bytes, each image through the runtime's input path (toModelRgb) and the
// one packaged detection, so the score is the one a started model would give. An image that cannot be
// judged here gives null (a mismatch to report), never a failed import.
import type { ModelMetadata } from '../../src/contracts/modelMetadata';
import { detectWithPackagedModel } from '../engine/packaging/detect';
import type { ort } from '../ort';
import { toModelRgb, type ImageDecoder } from './detectionInput';

export async function scoreTestImages(
  session: ort.InferenceSession,
  metadata: ModelMetadata,
  images: readonly Blob[],
  decoder: ImageDecoder,
): Promise<(number | null)[]> {
  const { width, height } = metadata.inputSize;
  const scores: (number | null)[] = [];
  for (const image of images) {
    try {
      scores.push((await detectWithPackagedModel(session, await toModelRgb(image, metadata.inputSize, decoder), width, height, metadata)).score);
    } catch {
      scores.push(null);
    }
  }
  return scores;
}
