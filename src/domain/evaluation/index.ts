// Evaluation files of spec §3.2–3.4: EvaluationResult, the evaluation manifest, the Performance block.
export * from './evaluationManifest';
export * from './evaluationResult';
export * from './modelArn';
export * from './performance';
