// Public API of the segmentation head: graphs, training loop and mask-to-patch targets.
export {
  appendHeadForward,
  appendHeadInference,
  buildHeadInferenceGraph,
  headInferenceInput,
  headInferenceOutput,
  headParameterNames,
  headParameterShapes,
  measureStandardisation,
} from './headGraph';
export type { FeatureStandardisation, HeadDimensions, HeadParameterName, HeadParameters, HeadWeights } from './headGraph';
export { adamBeta1, adamBeta2, adamEpsilon, buildHeadLossGraph, buildTrainingStepGraph, stepNames, trainingStateNames } from './trainingStep';
export type { TrainingStepOptions } from './trainingStep';
export {
  defaultEarlyStoppingPatienceEpochs,
  defaultHiddenUnits,
  defaultMinimumEpochs,
  defaultValidationSmoothingEpochs,
  initialHeadParameters,
  trainSegmentationHead,
} from './trainHead';
export type { EpochProgress, HeadExecutionProvider, SegmentationTrainingOptions, SegmentationTrainingResult } from './trainHead';
export { appendHeadFeatureRows, headFeatureCount, headFeatureRows } from './headFeatures';
export {
  defaultMinAnomalyCoverage,
  defaultPatchGridSize,
  inverseFrequencyClassWeights,
  labelsAtCoverage,
  patchLabelCoverage,
  patchLabelsFromMask,
  squareRootInverseFrequencyClassWeights,
} from './patchLabels';
export type { PatchLabelCoverage } from './patchLabels';
export { appendLabelMask, buildMaskEvaluationGraph, maskEvaluationInputs, maskEvaluationOutput } from './labelMaskGraph';
export type { LabelMaskInputs } from './labelMaskGraph';
