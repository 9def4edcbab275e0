// The head's training-step graph (forward, weighted cross-entropy, hand-written backward, Adam with
// bias correction: weights + optimizer state + batch in, loss + new state out) and its loss-only twin
// for validation. ONNX Runtime Web has no training API, so the whole step is an inference graph.
import { GraphBuilder, attr } from '../onnx';
import type { Dim } from '../onnx';
import { appendHeadForward, headParameterNames, headParameterShapes } from './headGraph';
import type { FeatureStandardisation, HeadDimensions, HeadParameterName, HeadParameterValues } from './headGraph';

export const adamBeta1 = 0.9;
export const adamBeta2 = 0.999;
export const adamEpsilon = 1e-8;

/** Graph input and output names, shared by the graph builders and the loop that feeds them. */
export const stepNames = {
  features: 'features',
  targets: 'targets',
  sampleWeights: 'sample_weights',
  learningRate: 'learning_rate',
  adamStep: 'adam_step',
  /** 1 − β1^t and 1 − β2^t, carried as state: see `buildTrainingStepGraph`. */
  adamFirstBiasCorrection: 'adam_bias_correction1',
  adamSecondBiasCorrection: 'adam_bias_correction2',
  loss: 'loss',
  parameter: (name: HeadParameterName): string => name,
  adamFirstMoment: (name: HeadParameterName): string => `adam_m_${name}`,
  adamSecondMoment: (name: HeadParameterName): string => `adam_v_${name}`,
  /** Every piece of state carried from one step to the next is output under its input name plus this. */
  next: (name: string): string => `${name}_next`,
  gradient: (name: HeadParameterName): string => `grad_${name}`,
} as const;

/** Every input that the loop carries over between steps, in a fixed order. */
export function trainingStateNames(): string[] {
  return [
    ...headParameterNames.map(stepNames.parameter),
    ...headParameterNames.map(stepNames.adamFirstMoment),
    ...headParameterNames.map(stepNames.adamSecondMoment),
    stepNames.adamStep,
    stepNames.adamFirstBiasCorrection,
    stepNames.adamSecondBiasCorrection,
  ];
}

export interface TrainingStepOptions {
  /** Coupled L2 penalty λ: adds λ/2·(|W1|² + |W2|²) to the loss and λ·W to the weight gradients; biases are not decayed. */
  readonly weightDecay?: number;
  /** Also outputs grad_w1 … grad_b2, for the finite-difference test of the backward pass. */
  readonly exposeGradients?: boolean;
}

const batchDim: Dim = 'batch';

interface BatchInputs {
  readonly features: string;
  readonly targets: string;
  readonly sampleWeights: string;
}

function declareParameterInputs(graph: GraphBuilder, dims: HeadDimensions, nameOf: (name: HeadParameterName) => string): HeadParameterValues {
  const shapes = headParameterShapes(dims);
  return Object.fromEntries(headParameterNames.map((name) => [name, graph.input(nameOf(name), 'float32', shapes[name])])) as HeadParameterValues;
}

function declareBatchInputs(graph: GraphBuilder, dims: HeadDimensions): BatchInputs {
  return {
    features: graph.input(stepNames.features, 'float32', [batchDim, dims.featureCount]),
    // Rows of class probabilities; one-hot in practice, but soft rows work unchanged.
    targets: graph.input(stepNames.targets, 'float32', [batchDim, dims.classCount]),
    sampleWeights: graph.input(stepNames.sampleWeights, 'float32', [batchDim]),
  };
}

interface CrossEntropyValues {
  readonly loss: string;
  readonly logProbabilities: string;
  /** w / Σw as a [B, 1] column, ready to scale per-row gradients. */
  readonly normalisedWeightColumn: string;
}

/** loss = Σ_i w_i · CE_i / Σ_i w_i with a max-shifted log-softmax, so large logits cannot overflow. */
function appendWeightedCrossEntropy(graph: GraphBuilder, logits: string, batch: BatchInputs): CrossEntropyValues {
  // ReduceSum takes its axes as an input since opset 13; ReduceMax still as an attribute at opset 17.
  const classAxis = graph.int64Initializer(graph.freshName('class_axis'), [1], [1]);
  const maxLogit = graph.node('ReduceMax', [logits], { axes: attr.ints([1]), keepdims: attr.int(1) });
  const shifted = graph.node('Sub', [logits, maxLogit]);
  const sumExp = graph.node('ReduceSum', [graph.node('Exp', [shifted]), classAxis], { keepdims: attr.int(1) });
  const logProbabilities = graph.node('Sub', [shifted, graph.node('Log', [sumExp])]);
  const perSample = graph.node('Neg', [graph.node('ReduceSum', [graph.node('Mul', [batch.targets, logProbabilities]), classAxis], { keepdims: attr.int(0) })]);
  // No axes input: ReduceSum reduces every axis to a scalar.
  const weightTotal = graph.node('ReduceSum', [batch.sampleWeights], { keepdims: attr.int(0) });
  const normalisedWeights = graph.node('Div', [batch.sampleWeights, weightTotal]);
  const loss = graph.node('ReduceSum', [graph.node('Mul', [perSample, normalisedWeights])], { keepdims: attr.int(0) });
  const columnShape = graph.int64Initializer(graph.freshName('column_shape'), [2], [-1, 1]);
  const normalisedWeightColumn = graph.node('Reshape', [normalisedWeights, columnShape]);
  return { loss, logProbabilities, normalisedWeightColumn };
}

function scalar(graph: GraphBuilder, name: string, value: number): string {
  return graph.floatInitializer(name, [], [value]);
}

/** Loss-only graph with the same forward and loss as the step: parameters + batch in, `loss` out. */
export function buildHeadLossGraph(dims: HeadDimensions, standardisation: FeatureStandardisation): Uint8Array {
  const graph = new GraphBuilder('segmentation-head-loss');
  const parameters = declareParameterInputs(graph, dims, stepNames.parameter);
  const batch = declareBatchInputs(graph, dims);
  const forward = appendHeadForward(graph, batch.features, parameters, standardisation);
  const { loss } = appendWeightedCrossEntropy(graph, forward.logits, batch);
  graph.node('Identity', [loss], {}, { output: stepNames.loss });
  graph.output(stepNames.loss, 'float32', []);
  return graph.serialize({ docString: 'Segmentation head: weighted cross-entropy of a batch' });
}

/** One Adam step on parameters + state given as inputs; see `stepNames` for the input and output names. */
export function buildTrainingStepGraph(dims: HeadDimensions, standardisation: FeatureStandardisation, options: TrainingStepOptions = {}): Uint8Array {
  const weightDecay = options.weightDecay ?? 0;
  const graph = new GraphBuilder('segmentation-head-training-step');
  const parameters = declareParameterInputs(graph, dims, stepNames.parameter);
  const firstMoments = declareParameterInputs(graph, dims, stepNames.adamFirstMoment);
  const secondMoments = declareParameterInputs(graph, dims, stepNames.adamSecondMoment);
  const adamStep = graph.input(stepNames.adamStep, 'float32', []);
  const firstBiasCorrection = graph.input(stepNames.adamFirstBiasCorrection, 'float32', []);
  const secondBiasCorrection = graph.input(stepNames.adamSecondBiasCorrection, 'float32', []);
  const batch = declareBatchInputs(graph, dims);
  const learningRate = graph.input(stepNames.learningRate, 'float32', []);

  const forward = appendHeadForward(graph, batch.features, parameters, standardisation);
  const crossEntropy = appendWeightedCrossEntropy(graph, forward.logits, batch);

  // Backward. dL/dlogits = (softmax − Y) · w/Σw, row by row.
  const batchAxis = graph.int64Initializer('batch_axis', [1], [0]);
  const sumOverBatch = (value: string): string => graph.node('ReduceSum', [value, batchAxis], { keepdims: attr.int(0) });
  const transposed = (value: string): string => graph.node('Transpose', [value], { perm: attr.ints([1, 0]) });
  const probabilities = graph.node('Exp', [crossEntropy.logProbabilities]);
  const dLogits = graph.node('Mul', [graph.node('Sub', [probabilities, batch.targets]), crossEntropy.normalisedWeightColumn]);
  const dHidden = graph.node('MatMul', [dLogits, transposed(parameters.w2)]);
  const zero = scalar(graph, 'zero', 0);
  const reluMask = graph.node('Cast', [graph.node('Greater', [forward.preActivation, zero])], { to: attr.int(1) /* FLOAT */ });
  const dPreActivation = graph.node('Mul', [dHidden, reluMask]);
  const gradients: HeadParameterValues = {
    w1: graph.node('MatMul', [transposed(forward.standardised), dPreActivation]),
    b1: sumOverBatch(dPreActivation),
    w2: graph.node('MatMul', [transposed(forward.hidden), dLogits]),
    b2: sumOverBatch(dLogits),
  };

  let loss = crossEntropy.loss;
  if (weightDecay > 0) {
    const decay = scalar(graph, 'weight_decay', weightDecay);
    const halfDecay = scalar(graph, 'half_weight_decay', weightDecay / 2);
    const squaredNorm = (value: string): string => graph.node('ReduceSum', [graph.node('Mul', [value, value])], { keepdims: attr.int(0) });
    const penalty = graph.node('Mul', [halfDecay, graph.node('Add', [squaredNorm(parameters.w1), squaredNorm(parameters.w2)])]);
    loss = graph.node('Add', [loss, penalty]);
    for (const name of ['w1', 'w2'] as const) {
      gradients[name] = graph.node('Add', [gradients[name], graph.node('Mul', [decay, parameters[name]])]);
    }
  }
  graph.node('Identity', [loss], {}, { output: stepNames.loss });
  graph.output(stepNames.loss, 'float32', []);

  // Adam with bias correction; t counts completed steps, so this step is t + 1. The corrections 1 − β^(t+1)
  // come from the recurrence c' = (1 − β) + β·c rather than Pow: WebGPU's pow is approximate, and 1 − β2^t
  // cancels catastrophically at small t, which made WebGPU steps differ from wasm by ~3e-5 relative.
  const one = scalar(graph, 'one', 1);
  const beta1 = scalar(graph, 'adam_beta1', adamBeta1);
  const beta2 = scalar(graph, 'adam_beta2', adamBeta2);
  const oneMinusBeta1 = scalar(graph, 'adam_one_minus_beta1', 1 - adamBeta1);
  const oneMinusBeta2 = scalar(graph, 'adam_one_minus_beta2', 1 - adamBeta2);
  const epsilon = scalar(graph, 'adam_epsilon', adamEpsilon);
  const nextStep = graph.node('Add', [adamStep, one], {}, { output: stepNames.next(stepNames.adamStep) });
  const nextBiasCorrection = (correction: string, beta: string, oneMinusBeta: string, output: string): string =>
    graph.node('Add', [oneMinusBeta, graph.node('Mul', [beta, correction])], {}, { output: stepNames.next(output) });
  const nextFirstBiasCorrection = nextBiasCorrection(firstBiasCorrection, beta1, oneMinusBeta1, stepNames.adamFirstBiasCorrection);
  const nextSecondBiasCorrection = nextBiasCorrection(secondBiasCorrection, beta2, oneMinusBeta2, stepNames.adamSecondBiasCorrection);
  const shapes = headParameterShapes(dims);
  for (const name of headParameterNames) {
    const gradient = gradients[name];
    const mName = stepNames.next(stepNames.adamFirstMoment(name));
    const vName = stepNames.next(stepNames.adamSecondMoment(name));
    const m = graph.node('Add', [graph.node('Mul', [beta1, firstMoments[name]]), graph.node('Mul', [oneMinusBeta1, gradient])], {}, { output: mName });
    const v = graph.node(
      'Add',
      [graph.node('Mul', [beta2, secondMoments[name]]), graph.node('Mul', [oneMinusBeta2, graph.node('Mul', [gradient, gradient])])],
      {},
      { output: vName },
    );
    const correctedM = graph.node('Div', [m, nextFirstBiasCorrection]);
    const correctedV = graph.node('Div', [v, nextSecondBiasCorrection]);
    const update = graph.node('Div', [correctedM, graph.node('Add', [graph.node('Sqrt', [correctedV]), epsilon])]);
    const next = graph.node('Sub', [parameters[name], graph.node('Mul', [learningRate, update])], {}, { output: stepNames.next(stepNames.parameter(name)) });
    graph.output(next, 'float32', shapes[name]);
    graph.output(m, 'float32', shapes[name]);
    graph.output(v, 'float32', shapes[name]);
    if (options.exposeGradients) {
      graph.output(graph.node('Identity', [gradient], {}, { output: stepNames.gradient(name) }), 'float32', shapes[name]);
    }
  }
  for (const scalarState of [nextStep, nextFirstBiasCorrection, nextSecondBiasCorrection]) graph.output(scalarState, 'float32', []);
  return graph.serialize({ docString: 'Segmentation head: one Adam training step with a hand-written backward pass' });
}
