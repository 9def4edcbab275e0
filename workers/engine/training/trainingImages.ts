// The images one training run works on: the split's train and test parts at the project size, the re-framed
// copies of the normal training images whose patches the memory bank may learn (normalFraming.ts), and the
// cell-shifted copies of the masked anomalous training images the segmentation head learns from (cellShift.ts).
// The copies render their pixels only when their features are extracted (`DerivedImage`).
import { cellShiftedCopies, cellShifts } from '../augmentation/cellShift';
import type { CellSize } from '../augmentation/cellShift';
import { framingRanges, reframedCopy, seedOfText } from '../augmentation/normalFraming';
import type { FramedCopyTransforms } from '../augmentation/normalFraming';
import type { DerivedImage, ImageRecord, TrainingImage, TrainOptions } from './types';

/** The split's parts in split order; every image must have the size of the first. */
export function partition(images: readonly TrainingImage[], split: TrainOptions['split']) {
  const byId = new Map(images.map((image) => [image.id, image]));
  const pick = (ids: readonly string[]) =>
    ids.map((id) => {
      const image = byId.get(id);
      if (!image) throw new RangeError(`The split names image "${id}", which is not among the training images`);
      return image;
    });
  const train = pick(split.trainIds);
  const test = pick(split.testIds);
  const first = train[0] ?? test[0];
  if (!first) throw new RangeError('Training needs images');
  const size = { width: first.width, height: first.height };
  const odd = [...train, ...test].find((image) => image.width !== size.width || image.height !== size.height);
  if (odd) throw new RangeError(`Image "${odd.id}" is ${odd.width}x${odd.height}, not the project size ${size.width}x${size.height}`);
  return { train, test, size };
}

/** Id of a normal's `index`-th re-framed copy; `isFramedCopyOf` recognises it. */
function framedCopyId(image: TrainingImage, index: number): string {
  return `${image.id}#framed-${index}`;
}

export function isFramedCopyOf(copy: Pick<ImageRecord, 'id'>, image: Pick<ImageRecord, 'id'>): boolean {
  return copy.id.startsWith(`${image.id}#framed-`);
}

/**
 * `copies` re-framed copies of each normal, seeded by the image's content so they are the same in every run.
 * The same image seed draws the same warp for either kind of transforms; the cache key tells the kinds apart.
 * `draw` 0 is the app's; another draw seeds every copy afresh (and keys its cache entries apart), so repeated
 * cross-validation can average over the copies' luck instead of resting on one draw (see `TrainOptions`).
 */
export function framedNormalCopies(normals: readonly TrainingImage[], copies: number, transforms: FramedCopyTransforms, draw = 0): DerivedImage[] {
  return normals.flatMap((image) => {
    const contentKey = image.contentHash ?? image.id;
    const drawKey = draw === 0 ? contentKey : `${contentKey}#draw-${draw}`;
    return Array.from({ length: copies }, (_, index) => ({
      ...recordOf(image),
      id: framedCopyId(image, index),
      contentHash: `${drawKey}#framed-${transforms}-${index}`,
      renderRgb: () => reframedCopy(image, seedOfText(drawKey), index, framingRanges[transforms]).rgb,
    }));
  });
}

/** Id of an image's `index`-th cell-shifted copy; `isCellShiftedCopyOf` recognises it. */
function cellShiftedCopyId(image: TrainingImage, index: number): string {
  return `${image.id}#cell-shifted-${index}`;
}

export function isCellShiftedCopyOf(copy: Pick<ImageRecord, 'id'>, image: Pick<ImageRecord, 'id'>): boolean {
  return copy.id.startsWith(`${image.id}#cell-shifted-`);
}

/**
 * `copies` cell-shifted copies of every masked anomalous image, for the segmentation head's training only. They
 * are the same in every run, so their features are cached under the image's content key.
 */
export function cellShiftedHeadCopies(images: readonly TrainingImage[], copies: number, cell: CellSize): DerivedImage[] {
  return images.flatMap((image) => {
    const { mask } = image;
    if (image.classification !== 'anomaly' || mask === undefined) return [];
    return cellShiftedCopies({ ...image, mask }, copies, cell).map((copy, index) => ({
      ...recordOf(image),
      ...copy,
      id: cellShiftedCopyId(image, index),
      // The shift in cells names the copy's content; its pixels follow from the region and the grid, which key the cache too.
      contentHash: `${image.contentHash ?? image.id}#cell-shifted-${cellShifts[index]!.x},${cellShifts[index]!.y}`,
    }));
  });
}

/** The image without its pixels, for a copy that renders its own. */
function recordOf({ rgb: _pixels, ...record }: TrainingImage): ImageRecord {
  return record;
}
