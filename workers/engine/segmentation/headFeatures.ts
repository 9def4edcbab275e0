// The head's per-patch input row: the backbone's patch features followed by the patch's kNN distance.
// One order, built here both in JS (training set) and as graph nodes (packaged model), so they cannot drift.
import { attr } from '../onnx';
import type { GraphBuilder } from '../onnx';

/** Backbone dimensions plus the one kNN-distance column (184 + 1 for MobileNetV2Mid). */
export function headFeatureCount(backboneDimensions: number): number {
  return backboneDimensions + 1;
}

/** Rows [P, D+1] from backbone rows [P, D] and distances [P]. */
export function headFeatureRows(backboneRows: Float32Array, distances: Float32Array): Float32Array {
  const patchCount = distances.length;
  const backboneDimensions = backboneRows.length / patchCount;
  if (!Number.isInteger(backboneDimensions)) throw new RangeError(`${backboneRows.length} backbone values do not split into ${patchCount} patches`);
  const featureCount = headFeatureCount(backboneDimensions);
  const rows = new Float32Array(patchCount * featureCount);
  for (let patch = 0; patch < patchCount; patch++) {
    rows.set(backboneRows.subarray(patch * backboneDimensions, (patch + 1) * backboneDimensions), patch * featureCount);
    rows[patch * featureCount + backboneDimensions] = distances[patch]!;
  }
  return rows;
}

/** Graph version of `headFeatureRows`: Concat([P, D], [P, 1]) along the feature axis. */
export function appendHeadFeatureRows(graph: GraphBuilder, backboneRows: string, distances: string, namePrefix = 'head_'): string {
  const featureAxis = graph.int64Initializer(`${namePrefix}distance_column_axis`, [1], [1]);
  const distanceColumn = graph.node('Unsqueeze', [distances, featureAxis]);
  return graph.node('Concat', [backboneRows, distanceColumn], { axis: attr.int(1) });
}
