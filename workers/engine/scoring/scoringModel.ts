// Training-time scorer: the kNN graph with the memory bank as graph INPUTS, so one session scores every
// cross-validation fold and the final bank. The packaged model runs the same ops with the bank as weights.
import { GraphBuilder } from '../onnx';
import { ort, sessionOptions as withEngineDefaults } from '../../ort';
import type { PatchLayout } from '../features/featureGraph';
import { appendKnnScoring } from './knnGraph';
import type { MemoryBank } from './memoryBank';

export interface PatchScores {
  /** Nearest-bank-row distance per patch, [grid²]. */
  distances: Float32Array;
  /** Blurred raw map on the patch grid, grid × grid. */
  rawMap: Float32Array;
  rawScore: number;
}

/** `inputSide`: the backbone input side in pixels, where the blur σ is defined. */
export function buildScoringModel(layout: PatchLayout, inputSide: number): Uint8Array {
  const graph = new GraphBuilder('knn-scoring');
  const patchCount = layout.grid * layout.grid;
  const values = appendKnnScoring(graph, {
    patches: graph.input('patches', 'float32', [patchCount, layout.dimensions]),
    bankTransposed: graph.input('bank_transposed', 'float32', [layout.dimensions, 'bank']),
    bankSquaredNorms: graph.input('bank_squared_norms', 'float32', ['bank']),
    grid: layout.grid,
    inputSide,
  });
  graph.output(values.distances, 'float32', [patchCount]);
  graph.output(values.rawMap, 'float32', [1, 1, layout.grid, layout.grid]);
  graph.output(values.rawScore, 'float32', [1]);
  return graph.serialize({ docString: 'kNN anomaly scoring against a memory bank given as inputs' });
}

export class PatchScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly layout: PatchLayout,
    private readonly outputNames: { distances: string; rawMap: string; rawScore: string },
  ) {}

  static async create(layout: PatchLayout, inputSide: number, sessionOptions: ort.InferenceSession.SessionOptions = {}): Promise<PatchScorer> {
    const session = await ort.InferenceSession.create(buildScoringModel(layout, inputSide), withEngineDefaults(sessionOptions));
    const [distances, rawMap, rawScore] = session.outputNames;
    return new PatchScorer(session, layout, { distances: distances!, rawMap: rawMap!, rawScore: rawScore! });
  }

  async score(patches: Float32Array, bank: MemoryBank): Promise<PatchScores> {
    const { grid, dimensions } = this.layout;
    const result = await this.session.run({
      patches: new ort.Tensor('float32', patches, [grid * grid, dimensions]),
      bank_transposed: new ort.Tensor('float32', bank.transposed, [dimensions, bank.size]),
      bank_squared_norms: new ort.Tensor('float32', bank.squaredNorms, [bank.size]),
    });
    return {
      distances: result[this.outputNames.distances]!.data as Float32Array,
      rawMap: result[this.outputNames.rawMap]!.data as Float32Array,
      rawScore: (result[this.outputNames.rawScore]!.data as Float32Array)[0]!,
    };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
