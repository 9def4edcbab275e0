// Runs the feature model on one image at a time, on the execution provider the self-test picks for this
// device unless the caller names one. Caching per (image content hash, backbone id) is the caller's
// business: these features depend on nothing else.
import type { BackboneEntry } from '../backbone/registry';
import { ort, sessionOptions as withEngineDefaults } from '../../ort';
import { chooseProvider, providerSessionOptions } from '../../executionProviderChoice';
import { buildFeatureModel, defaultFeaturePooling, imageInputName, patchesOutputOf, patchLayoutOf } from './featureGraph';
import type { FeaturePooling, ImageSize, InspectionRegion } from '../../../src/contracts/modelMetadata';
import type { PatchLayout } from './featureGraph';

export class FeatureExtractor {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly size: ImageSize,
    readonly layout: PatchLayout,
    readonly poolings: readonly FeaturePooling[],
  ) {}

  static async create(
    backboneModel: Uint8Array,
    entry: BackboneEntry,
    size: ImageSize,
    sessionOptions: ort.InferenceSession.SessionOptions = {},
    region?: InspectionRegion,
    poolings: readonly FeaturePooling[] = [defaultFeaturePooling],
  ): Promise<FeatureExtractor> {
    const model = buildFeatureModel(backboneModel, entry, size, region, poolings);
    const options = sessionOptions.executionProviders
      ? withEngineDefaults(sessionOptions)
      : { ...sessionOptions, ...providerSessionOptions((await chooseFeatureProvider(model, entry, size)).provider) };
    const session = await ort.InferenceSession.create(model, options);
    return new FeatureExtractor(session, size, patchLayoutOf(entry), poolings);
  }

  /** Patch features [grid², dimensions] row-major of a packed RGB888 image at the extractor's size (its first pooling). */
  async extract(rgb: Uint8Array): Promise<Float32Array> {
    return (await this.extractEachPooling(rgb)).get(this.poolings[0]!)!;
  }

  /** The same for every pooling the extractor was made with, from one backbone pass. */
  async extractEachPooling(rgb: Uint8Array): Promise<Map<FeaturePooling, Float32Array>> {
    const result = await this.session.run({ [imageInputName]: rgbImageTensor(rgb, this.size) });
    return new Map(this.poolings.map((pooling) => [pooling, result[patchesOutputOf(pooling)]!.data as Float32Array]));
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** `auto`: measured once per backbone and size in this worker, on a mid-grey image. */
function chooseFeatureProvider(model: Uint8Array, entry: BackboneEntry, size: ImageSize) {
  const grey = new Uint8Array(size.width * size.height * 3).fill(128);
  return chooseProvider(`features/${entry.id}/${size.width}x${size.height}`, model, { [imageInputName]: rgbImageTensor(grey, size) });
}

/** The uint8 [1, H, W, 3] tensor every engine model takes. */
export function rgbImageTensor(rgb: Uint8Array, size: ImageSize): ort.Tensor {
  const expected = size.width * size.height * 3;
  if (rgb.length !== expected) throw new RangeError(`Expected ${size.width}x${size.height} RGB888 (${expected} bytes), got ${rgb.length} bytes`);
  return new ort.Tensor('uint8', rgb, [1, size.height, size.width, 3]);
}
