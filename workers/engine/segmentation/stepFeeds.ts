// Tensors for the head's graphs: batches gathered from patch rows (one-hot or coverage targets, per-patch class
// weights), parameter feeds, and the initial training state (parameters, zero Adam state, t = 0).
import { ort } from '../../ort';
import { headParameterNames, headParameterShapes } from './headGraph';
import type { HeadDimensions, HeadParameterName, HeadParameters } from './headGraph';
import type { PatchLabelCoverage } from './patchLabels';
import { stepNames } from './trainingStep';

/** A training batch in the step graph's layout: features [B, D], target distributions [B, C], weights [B]. */
export interface PatchBatch {
  readonly features: Float32Array;
  readonly targets: Float32Array;
  readonly sampleWeights: Float32Array;
}

/**
 * Copies the given patch rows into a batch; each row's weight is its (hard) class's weight. The target is
 * one-hot on the class, or with `coverage` (class indices, not mask values) the covered share on the
 * patch's dominant class and the rest on background: cross-entropy then trains the head to predict the share.
 */
export function gatherBatch(
  patches: Float32Array,
  labels: Uint8Array,
  rows: ArrayLike<number>,
  classWeights: Float32Array,
  featureCount: number,
  coverage?: PatchLabelCoverage,
): PatchBatch {
  const classCount = classWeights.length;
  const features = new Float32Array(rows.length * featureCount);
  const targets = new Float32Array(rows.length * classCount);
  const sampleWeights = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const label = labels[row]!;
    features.set(patches.subarray(row * featureCount, (row + 1) * featureCount), i * featureCount);
    if (coverage) {
      const share = coverage.shares[row]!;
      targets[i * classCount + coverage.labels[row]!]! += share;
      targets[i * classCount]! += 1 - share;
    } else {
      targets[i * classCount + label] = 1;
    }
    sampleWeights[i] = classWeights[label]!;
  }
  return { features, targets, sampleWeights };
}

export function batchFeeds(batch: PatchBatch, featureCount: number, classCount: number): Record<string, ort.Tensor> {
  const rows = batch.sampleWeights.length;
  return {
    [stepNames.features]: new ort.Tensor('float32', batch.features, [rows, featureCount]),
    [stepNames.targets]: new ort.Tensor('float32', batch.targets, [rows, classCount]),
    [stepNames.sampleWeights]: new ort.Tensor('float32', batch.sampleWeights, [rows]),
  };
}

export function parameterFeeds(parameters: HeadParameters, dims: HeadDimensions): Record<string, ort.Tensor> {
  const shapes = headParameterShapes(dims);
  return Object.fromEntries(headParameterNames.map((name) => [stepNames.parameter(name), new ort.Tensor('float32', parameters[name], shapes[name])]));
}

/** Parameters + zeroed Adam moments + step count 0, as the step graph's state inputs. */
export function initialTrainingState(parameters: HeadParameters, dims: HeadDimensions): Record<string, ort.Tensor> {
  const shapes = headParameterShapes(dims);
  const zeros = (name: HeadParameterName): ort.Tensor => new ort.Tensor('float32', new Float32Array(parameters[name].length), shapes[name]);
  return {
    ...parameterFeeds(parameters, dims),
    ...Object.fromEntries(headParameterNames.map((name) => [stepNames.adamFirstMoment(name), zeros(name)])),
    ...Object.fromEntries(headParameterNames.map((name) => [stepNames.adamSecondMoment(name), zeros(name)])),
    // Before the first step: t = 0, so both bias corrections 1 − β^0 are 0.
    ...Object.fromEntries(
      [stepNames.adamStep, stepNames.adamFirstBiasCorrection, stepNames.adamSecondBiasCorrection].map((name) => [
        name,
        new ort.Tensor('float32', new Float32Array(1), []),
      ]),
    ),
  };
}
