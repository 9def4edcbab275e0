// The project's region of interest is one crop everywhere: the pixel rule itself (hand-computed), the
// feature graph's crop equal to cropping the picture first, a trained model whose training-time evaluation
// and packaged model give the same score and mask for a picture, ignore every pixel outside the region and
// leave the mask empty there, and the camera outlining exactly those pixels.
import { beforeAll, describe, expect, it } from 'vitest';
import { convertBackbone } from '../../scripts/backbone/convertBackbone';
import { inspectedPart } from '../../src/camera/regionOfInterest';
import type { SegmentationLabel } from '../../src/contracts/modelMetadata';
import { cropPixels, isValidInspectionRegion, regionPixels } from '../../src/domain/inspectionRegion';
import { defectLabelIndex, SYNTHETIC_DEFECTS } from '../../src/syntheticImages/catalog';
import { renderSyntheticSample } from '../../src/syntheticImages';
import { backboneById, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { FeatureExtractor } from '../../workers/engine/features';
import { detectWithPackagedModel } from '../../workers/engine/packaging';
import { trainAnomalyModel } from '../../workers/engine/training';
import type { TrainingResult } from '../../workers/engine/training';
import { ort } from '../../workers/ort';
import { rgbOf } from './helpers/engineImages';
import { syntheticTrainingSet, trainingRunTimeoutMs } from './helpers/syntheticTraining';

const side = 96;
const size = { width: side, height: side };
/** 96 px × 0.125 = 12 px margins, 72 px inside. */
const region = { x: 0.125, y: 0.125, width: 0.75, height: 0.75 };
const regionRect = { left: 12, top: 12, width: 72, height: 72 };

/** Every pixel outside `rect` replaced by a seeded pattern; the pixels inside stay. */
function scrambledOutside(rgb: Uint8Array, rect: typeof regionRect): Uint8Array {
  const scrambled = Uint8Array.from({ length: rgb.length }, (_, index) => (index * 37 + 11) % 251);
  for (let row = rect.top; row < rect.top + rect.height; row++) {
    const start = (row * side + rect.left) * 3;
    scrambled.set(rgb.subarray(start, start + rect.width * 3), start);
  }
  return scrambled;
}

describe('regionPixels and cropPixels', () => {
  it('round each edge to the nearest pixel', () => {
    // left 9.6 → 10, right 57.6 → 58; top 12.8 → 13, bottom 28.8 → 29.
    expect(regionPixels({ x: 0.1, y: 0.2, width: 0.5, height: 0.25 }, { width: 96, height: 64 })).toEqual({ left: 10, top: 13, width: 48, height: 16 });
    expect(regionPixels(region, size)).toEqual(regionRect);
    expect(regionPixels(undefined, { width: 30, height: 20 })).toEqual({ left: 0, top: 0, width: 30, height: 20 });
  });

  it('cut exactly the rectangle out of a packed picture', () => {
    // 4 × 3 RGB, byte = 10 × pixel index + channel.
    const pixels = Uint8Array.from({ length: 4 * 3 * 3 }, (_, index) => 10 * Math.floor(index / 3) + (index % 3));
    expect(Array.from(cropPixels(pixels, { width: 4, height: 3 }, 3, { left: 1, top: 1, width: 2, height: 2 }))).toEqual([
      50, 51, 52, 60, 61, 62, 90, 91, 92, 100, 101, 102,
    ]);
  });

  it('accept a rectangle inside the picture of at least a tenth of each side, nothing else', () => {
    expect(isValidInspectionRegion(region)).toBe(true);
    expect(isValidInspectionRegion({ x: 0.3, y: 0, width: 0.7, height: 1 })).toBe(true);
    expect(isValidInspectionRegion({ x: 0.5, y: 0, width: 0.6, height: 1 })).toBe(false);
    expect(isValidInspectionRegion({ x: 0, y: 0, width: 1, height: 0.09 })).toBe(false);
    expect(isValidInspectionRegion({ x: -0.1, y: 0, width: 0.5, height: 0.5 })).toBe(false);
  });
});

describe('the camera', () => {
  it('outlines the region pixels the model crops from its project-size grab, scaled onto the camera frame', () => {
    // A 1280 × 720 camera, region 960 × 720 at x 160, project 320 × 240 (scale 3): region pixels 80, 60, 160 × 120.
    const cameraRegion = { x: 160, y: 0, width: 960, height: 720 };
    const project = { width: 320, height: 240 };
    const projectRegion = { x: 0.25, y: 0.25, width: 0.5, height: 0.5 };
    expect(regionPixels(projectRegion, project)).toEqual({ left: 80, top: 60, width: 160, height: 120 });
    expect(inspectedPart(cameraRegion, project, projectRegion)).toEqual({ x: 400, y: 180, width: 480, height: 360 });
    expect(inspectedPart(cameraRegion, project, undefined)).toEqual(cameraRegion);
  });
});

describe('a model trained with a region of interest', () => {
  const entry = backboneById(defaultBackboneId);
  const dataset = syntheticTrainingSet({ seed: 8, side, normalCount: 10, perDefectCount: 4, testShare: 0.3 });
  const labels: SegmentationLabel[] = SYNTHETIC_DEFECTS.filter((defect) => defect.type !== 'scratch').map((defect) => ({
    name: defect.name,
    color: defect.color,
    index: defectLabelIndex(defect.type),
  }));
  let backboneModel: Uint8Array;
  let result: TrainingResult;
  let session: ort.InferenceSession;
  const testImages = dataset.images.filter((image) => dataset.split.testIds.includes(image.id));

  beforeAll(async () => {
    backboneModel = await convertBackbone(defaultBackboneId);
    result = await trainAnomalyModel({ ...dataset, labels, region, backboneId: defaultBackboneId, backboneModel, seed: 3 });
    session = await ort.InferenceSession.create(result.modelBytes);
    return () => session.release();
  }, trainingRunTimeoutMs);

  it('extracts training features from the cropped pixels alone', async () => {
    const rgb = rgbOf(renderSyntheticSample({ seed: 4, ...size, defects: [] }));
    const withRegion = await FeatureExtractor.create(backboneModel, entry, size, {}, region);
    const ofCrop = await FeatureExtractor.create(backboneModel, entry, { width: regionRect.width, height: regionRect.height });
    try {
      const features = await withRegion.extract(rgb);
      expect(Array.from(features)).toEqual(Array.from(await ofCrop.extract(cropPixels(rgb, size, 3, regionRect))));
      expect(Array.from(await withRegion.extract(scrambledOutside(rgb, regionRect)))).toEqual(Array.from(features));
    } finally {
      await withRegion.release();
      await ofCrop.release();
    }
  });

  it('records the region in its metadata', () => {
    expect(result.metadata.region).toEqual(region);
    expect(result.metadata.modelType).toBe('segmentation');
  });

  it('scores and masks each test picture in the packaged model as the evaluation did, whatever lies outside the region', async () => {
    for (const image of testImages) {
      const evaluated = result.perImage.find((row) => row.id === image.id)!;
      const packaged = await detectWithPackagedModel(session, image.rgb, side, side, result.metadata);
      const outsideChanged = await detectWithPackagedModel(session, scrambledOutside(image.rgb, regionRect), side, side, result.metadata);
      expect(packaged.rawScore, image.id).toBeCloseTo(evaluated.rawScore, 5);
      expect(Array.from(packaged.labelMask!.indices), image.id).toEqual(Array.from(evaluated.predictedMask!));
      expect(outsideChanged.rawScore, image.id).toBe(packaged.rawScore);
      expect(Array.from(outsideChanged.labelMask!.indices), image.id).toEqual(Array.from(packaged.labelMask!.indices));
      const outsideRegion = packaged.labelMask!.indices.filter((_, pixel) => {
        const [x, y] = [pixel % side, Math.floor(pixel / side)];
        return x < regionRect.left || y < regionRect.top || x >= regionRect.left + regionRect.width || y >= regionRect.top + regionRect.height;
      });
      expect(
        outsideRegion.every((label) => label === 0),
        image.id,
      ).toBe(true);
    }
    expect(testImages.some((image) => result.perImage.find((row) => row.id === image.id)!.predictedMask!.some((label) => label > 0))).toBe(true);
  });
});
