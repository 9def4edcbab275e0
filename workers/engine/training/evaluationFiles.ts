// A training result as the input of the spec §3.3 EvaluationResult writer (src/domain/evaluation).
import type { EvaluationResultInput } from '../../../src/domain/evaluation/evaluationResult';
import type { TrainingResult } from './types';

export function evaluationResultInput(result: Pick<TrainingResult, 'evaluation'>, model: { projectName: string; modelVersion: number }): EvaluationResultInput {
  const { evaluation } = result;
  return {
    ...model,
    evaluationEnd: new Date(evaluation.evaluatedAt),
    trainingImages: evaluation.trainingImages,
    testingImages: evaluation.testingImages,
    image: evaluation.image,
    ...(evaluation.perLabel ? { perLabel: evaluation.perLabel } : {}),
  };
}
