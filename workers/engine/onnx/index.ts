// Public API of the ONNX graph-building helpers shared by the backbone converter and the engine graphs.
export { attr } from './attributes.ts';
export type { AttributeValue, Attributes } from './attributes.ts';
export { GraphBuilder, decodeModel, defaultOpset } from './graphBuilder.ts';
export type { AppendOptions, ModelOptions, NodeOptions } from './graphBuilder.ts';
export { elementCount, floatTensor, int64Tensor, valueInfo } from './tensors.ts';
export type { Dim, ElementType } from './tensors.ts';
