// The pretrained feature extractors the engine can use, where their weights come from, and what their
// converted ONNX graphs take and return. The app default is `defaultBackboneId`.

export interface BackboneOutput {
  /** Output name in the converted ONNX graph. */
  readonly name: string;
  /** The source node the output is cut at. */
  readonly sourceNode: string;
  /** Input pixels per feature-map cell along each axis. */
  readonly stride: number;
  readonly channels: number;
}

export interface BackboneInput {
  readonly name: string;
  /** Float32 [N, 3, inputSize, inputSize], RGB planes. */
  readonly layout: 'NCHW';
  /** Pixel values the graph expects: [0, 1] means 8-bit RGB divided by 255. */
  readonly range: readonly [number, number];
}

/** The npm package model folder (`node_modules/<npmPackage>/<modelDir>/`) holding the TF.js files. */
export interface BackboneSource {
  readonly npmPackage: string;
  readonly modelDir: string;
  readonly format: 'graph-model' | 'layers-model';
}

export interface BackboneEntry {
  readonly id: string;
  readonly label: string;
  readonly licence: string;
  /** Square input side in pixels. */
  readonly inputSize: number;
  readonly input: BackboneInput;
  readonly outputs: readonly BackboneOutput[];
  readonly source: BackboneSource;
}

const tfHubPrefix =
  'StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/MobilenetV2';

export const backbones: readonly BackboneEntry[] = [
  {
    id: 'mobilenet_v2_mid',
    label: 'MobileNetV2 ×1.4 (ImageNet, TF-Hub, via nsfwjs)',
    licence: 'MIT (nsfwjs); TF-Hub MobileNetV2 weights Apache-2.0',
    inputSize: 224,
    // The graph scales x*2-1 itself (its hub_input/Mul and /Sub nodes), so it takes [0, 1].
    input: { name: 'input', layout: 'NCHW', range: [0, 1] },
    outputs: [
      { name: 'stride8', sourceNode: `${tfHubPrefix}/expanded_conv_5/add`, stride: 8, channels: 48 },
      { name: 'stride16', sourceNode: `${tfHubPrefix}/expanded_conv_12/add`, stride: 16, channels: 136 },
    ],
    source: { npmPackage: 'nsfwjs', modelDir: 'dist/models/mobilenet_v2_mid', format: 'graph-model' },
  },
  {
    id: 'mobilenet_v2',
    label: 'MobileNetV2 ×1.0 (Keras, ImageNet weights up to block_10, via nsfwjs)',
    licence: 'MIT (nsfwjs); Keras MobileNetV2 weights Apache-2.0',
    inputSize: 224,
    // No scaling inside this graph; nsfwjs fine-tuned and runs it on RGB/255. (Keras' ImageNet
    // training used [-1, 1], which the benchmark may compare.)
    input: { name: 'input_1', layout: 'NCHW', range: [0, 1] },
    outputs: [
      { name: 'stride8', sourceNode: 'block_5_add', stride: 8, channels: 32 },
      { name: 'stride16', sourceNode: 'block_12_add', stride: 16, channels: 96 },
    ],
    source: { npmPackage: 'nsfwjs', modelDir: 'dist/models/mobilenet_v2', format: 'layers-model' },
  },
];

export const defaultBackboneId = 'mobilenet_v2_mid';

export function backboneById(id: string): BackboneEntry {
  const entry = backbones.find((backbone) => backbone.id === id);
  if (!entry) throw new Error(`Unknown backbone "${id}"; known: ${backbones.map((backbone) => backbone.id).join(', ')}`);
  return entry;
}

/** Where the app fetches a converted backbone, relative to the site root. */
export function backboneModelPath(id: string): string {
  return `models/${id}.onnx`;
}
