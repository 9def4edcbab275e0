// The ONNX graph builder: typed attributes and initializers run as written in onnxruntime-web,
// graphs compose under name prefixes, and wiring mistakes fail at build time with the value named.
import { describe, expect, it } from 'vitest';
import { GraphBuilder, attr, decodeModel, floatTensor } from '../../workers/engine/onnx';
import { ort } from '../../workers/ort';

async function run(model: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, number[]>> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  try {
    const outputs = await session.run(feeds);
    return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, Array.from(tensor.data as Float32Array)]));
  } finally {
    await session.release();
  }
}

/** y = x * scale + offset, as a stand-alone model to splice into others. */
function affineModel(scale: number, offset: number): Uint8Array {
  const graph = new GraphBuilder('affine');
  const x = graph.input('x', 'float32', ['n']);
  const scaled = graph.node('Mul', [x, graph.floatInitializer('scale', [], [scale])]);
  graph.output(graph.node('Add', [scaled, graph.floatInitializer('offset', [], [offset])], {}, { output: 'y' }), 'float32', ['n']);
  return graph.serialize();
}

describe('GraphBuilder', () => {
  it('writes int, ints, float, string and tensor attributes, float and int64 initializers that ORT runs as written', async () => {
    const graph = new GraphBuilder('attributes');
    const x = graph.input('x', 'float32', ['batch', 1, 4, 4]);
    // A 2x2 all-ones kernel at stride 2 sums each 2x2 block: SAME_UPPER needs no padding at 4x4.
    const kernel = graph.floatInitializer('kernel', [1, 1, 2, 2], [1, 1, 1, 1]);
    const sums = graph.node('Conv', [x, kernel], {
      auto_pad: attr.string('SAME_UPPER'),
      strides: attr.ints([2, 2]),
      kernel_shape: attr.ints([2, 2]),
      group: attr.int(1),
    });
    const two = graph.node('Constant', [], { value: attr.tensor(floatTensor('two', [], [2])) });
    const leaky = graph.node('LeakyRelu', [graph.node('Div', [sums, two])], { alpha: attr.float(0.5) });
    const rowMeans = graph.node('ReduceMean', [leaky], { axes: attr.ints([3]), keepdims: attr.int(0) }, { output: 'rowMeans' });
    const firstRow = graph.node('Gather', [rowMeans, graph.int64Initializer('row', [1], [0])], { axis: attr.int(2) }, { output: 'firstRow' });
    graph.output(rowMeans, 'float32', ['batch', 1, 2]);
    graph.output(firstRow, 'float32', ['batch', 1, 1]);

    const input = [1, 2, -3, -4, 5, 6, -7, -8, 0, 0, 1, 1, 0, 0, 1, 1];
    const outputs = await run(graph.serialize(), { x: new ort.Tensor('float32', Float32Array.from(input), [1, 1, 4, 4]) });
    // Block sums [[14, -22], [0, 4]] -> /2 [[7, -11], [0, 2]] -> LeakyRelu(0.5) [[7, -5.5], [0, 2]] -> row means [0.75, 1].
    expect(outputs.rowMeans).toEqual([0.75, 1]);
    expect(outputs.firstRow).toEqual([0.75]);
  });

  it('declares symbolic and fixed dimensions, opset 17 and metadata', () => {
    const graph = new GraphBuilder('shapes');
    graph.output(graph.node('Relu', [graph.input('x', 'float32', ['batch', 3])]), 'float32', ['batch', 3]);
    const model = decodeModel(graph.serialize({ metadata: { backbone: 'test' } }));
    const dims = model.graph!.input![0]!.type!.tensorType!.shape!.dim!;
    expect(dims.map((dim) => dim.dimParam || Number(dim.dimValue))).toEqual(['batch', 3]);
    expect(Number(model.opsetImport![0]!.version)).toBe(17);
    expect(model.metadataProps).toEqual([expect.objectContaining({ key: 'backbone', value: 'test' })]);
  });

  it('appends serialized graphs under prefixes, binding their inputs to existing values', async () => {
    const graph = new GraphBuilder('composed');
    const x = graph.input('x', 'float32', ['n']);
    const first = graph.append(decodeModel(affineModel(2, 1)).graph!, { prefix: 'first/', bind: { x } });
    const second = graph.append(decodeModel(affineModel(10, -3)).graph!, { prefix: 'second/', bind: { x: first.y! } });
    expect(first).toEqual({ y: 'first/y' });
    graph.output(second.y!, 'float32', ['n']);
    const model = graph.serialize();
    expect(decodeModel(model).graph!.initializer!.map((tensor) => tensor.name)).toEqual(['first/scale', 'first/offset', 'second/scale', 'second/offset']);
    const outputs = await run(model, { x: new ort.Tensor('float32', Float32Array.from([0, 1, -2]), [3]) });
    expect(outputs['second/y']).toEqual([7, 27, -33]);
  });

  it('gives fresh names to unnamed outputs and refuses wiring mistakes with the value named', () => {
    const graph = new GraphBuilder('mistakes');
    const x = graph.input('x', 'float32', [2]);
    expect([graph.node('Relu', [x]), graph.node('Relu', [x])]).toEqual(['Relu', 'Relu_1']);
    expect(() => graph.node('Relu', ['missing'])).toThrow('Relu node in graph "mistakes" reads unknown value "missing"');
    expect(() => graph.floatInitializer('x', [1], [0])).toThrow('already has a value named "x"');
    expect(() => graph.floatInitializer('w', [2, 2], [0])).toThrow('has 1 values but dims [2, 2] need 4');
    expect(() => graph.output('nothing', 'float32', [2])).toThrow('has no value "nothing"');
    expect(() => graph.append(decodeModel(affineModel(1, 0)).graph!, { prefix: 'p/', bind: {} })).toThrow('Input "x" of graph "affine" is not bound');
    expect(() => attr.int(0.5)).toThrow(RangeError);
    expect(() => new GraphBuilder('empty').serialize()).toThrow('Graph "empty" has no outputs');
  });
});
