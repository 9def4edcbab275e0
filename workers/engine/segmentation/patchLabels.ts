// Training targets for the head, derived from a full-resolution label-index mask (0 = background, k = anomaly
// label k): each backbone patch's dominant label and the share of its pixels it covers (the head's target), the
// hard class index per patch (which patches count as the label's), and the class-imbalance weights.

/**
 * A patch counts as an anomaly label's (its hard label, which sets the class weights) when that label covers at
 * least this fraction of its pixels. Lower than a majority on purpose: cracks and scratches are a few pixels
 * wide, so a majority rule would erase them, while any-coverage would count every touched patch. When the
 * hard labels were also the head's targets: cookies `cracked` IoU, 5-fold CV × seed 1 at 0.08 / 0.15 / 0.3 /
 * 0.45: 0.517 / 0.521 / 0.574 / 0.527; × seeds 1–3: 0.525 ± 0.084 at 0.15 → 0.555 ± 0.066 at 0.3 (issue 13).
 */
export const defaultMinAnomalyCoverage = 0.3;

export const defaultPatchGridSize = 28;

/** Per patch, row-major [grid²]: the anomaly label with the most pixels (0 when none; ties go to the lower label) and the share of the patch's pixels it covers. */
export interface PatchLabelCoverage {
  readonly labels: Uint8Array;
  readonly shares: Float32Array;
}

/**
 * Patch labels [grid²] row-major, for the grid the backbone sees after resizing the whole image (no
 * crop): pixel (x, y) falls into patch (⌊(x+½)·grid/width⌋, ⌊(y+½)·grid/height⌋). Each patch gets the
 * anomaly label with the largest pixel count if it covers ≥ `minAnomalyCoverage` of the patch, else
 * background (0). Ties go to the lower label index.
 */
export function patchLabelsFromMask(
  mask: Uint8Array,
  width: number,
  height: number,
  gridSize = defaultPatchGridSize,
  minAnomalyCoverage = defaultMinAnomalyCoverage,
): Uint8Array {
  return labelsAtCoverage(patchLabelCoverage(mask, width, height, gridSize), minAnomalyCoverage);
}

/** Each patch's dominant label where it covers ≥ `minAnomalyCoverage` of the patch, else background (0). */
export function labelsAtCoverage({ labels, shares }: PatchLabelCoverage, minAnomalyCoverage = defaultMinAnomalyCoverage): Uint8Array {
  return labels.map((label, patch) => (shares[patch]! >= minAnomalyCoverage ? label : 0));
}

/** The dominant anomaly label of every patch and its pixel share, on `patchLabelsFromMask`'s grid. */
export function patchLabelCoverage(mask: Uint8Array, width: number, height: number, gridSize = defaultPatchGridSize): PatchLabelCoverage {
  if (mask.length !== width * height) throw new RangeError(`Mask has ${mask.length} pixels, expected ${width}x${height}`);
  if (width < gridSize || height < gridSize) throw new RangeError(`A ${width}x${height} mask is smaller than the ${gridSize}x${gridSize} patch grid`);
  const patchCount = gridSize * gridSize;
  const pixelsPerPatch = new Uint32Array(patchCount);
  // Counts per (patch, label value); label values are bytes.
  const labelCounts = new Uint32Array(patchCount * 256);
  const columnOfX = Uint32Array.from({ length: width }, (_, x) => Math.floor(((x + 0.5) * gridSize) / width));
  for (let y = 0; y < height; y++) {
    const rowOffset = Math.floor(((y + 0.5) * gridSize) / height) * gridSize;
    for (let x = 0; x < width; x++) {
      const patch = rowOffset + columnOfX[x]!;
      pixelsPerPatch[patch]! += 1;
      labelCounts[patch * 256 + mask[y * width + x]!]! += 1;
    }
  }
  const labels = new Uint8Array(patchCount);
  const shares = new Float32Array(patchCount);
  for (let patch = 0; patch < patchCount; patch++) {
    let bestCount = 0;
    for (let label = 1; label < 256; label++) {
      const count = labelCounts[patch * 256 + label]!;
      if (count > bestCount) {
        labels[patch] = label;
        bestCount = count;
      }
    }
    shares[patch] = bestCount / pixelsPerPatch[patch]!;
  }
  return { labels, shares };
}

/**
 * Inverse class frequency, normalised so the mean weight per labelled patch is 1: w_c = N / (K · n_c)
 * with K the number of classes present. Every present class then carries the same total weight, so
 * rare anomaly patches are not drowned by background. Absent classes get 0.
 */
export function inverseFrequencyClassWeights(labels: Uint8Array, classCount: number): Float32Array {
  assertLabelsInRange(labels, classCount);
  const counts = new Float64Array(classCount);
  for (const label of labels) counts[label]! += 1;
  const presentClasses = counts.filter((count) => count > 0).length;
  return Float32Array.from(counts, (count) => (count > 0 ? labels.length / (presentClasses * count) : 0));
}

/**
 * The head's class weights: the square root of `inverseFrequencyClassWeights`. With coverage targets the head
 * learns each patch's share of a label; full inverse-frequency weights inflate every predicted share of a rare
 * label, and no weights shrink them (cookies `cracked` IoU, 5-fold CV × 3 seeds at the best mask threshold of
 * each: 0.548 at 0.5 / 0.551 at 0.3, square root 0.560 at 0.4; issue 13).
 */
export function squareRootInverseFrequencyClassWeights(labels: Uint8Array, classCount: number): Float32Array {
  return inverseFrequencyClassWeights(labels, classCount).map(Math.sqrt);
}

export function assertLabelsInRange(labels: Uint8Array, classCount: number): void {
  const outOfRange = labels.find((label) => label >= classCount);
  if (outOfRange !== undefined) throw new RangeError(`Label ${outOfRange} is out of range for ${classCount} classes`);
}
