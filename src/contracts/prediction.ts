// The one prediction type: what a model says about one image, from the engine to the pixels. Detection on
// files, trial jobs, the camera loop, the model's test results and the threshold preview all carry this shape;
// spec §4.1 `DetectAnomalyResult` is only a serialisation of it at the edges (JSON downloads, exports, the
// compat API). Masks travel as label indices (a transferable buffer), never as coloured images, so a label
// renamed or recoloured after training is drawn with its current name and colour.

/** Label index per pixel (row-major, `width × height`); 0 = background, otherwise a project label's `index`. */
export interface LabelMask {
  width: number;
  height: number;
  indices: Uint8Array;
}

/**
 * The model's patch-level anomaly map: `grid × grid` row-major cells, normalised 0–1. It covers the whole picture;
 * the score is its maximum inside the frame's border (the engine's `scoreBorderCells`).
 */
export interface AnomalyMap {
  grid: number;
  values: Float32Array;
}

/** One anomaly label with pixels in a prediction's mask. */
export interface LabelArea {
  /** The project label's `index` (stable across renames and recolouring). */
  index: number;
  /** The label's name when the model was trained (what spec §4.1 `Anomalies[].Name` reports). */
  name: string;
  /** Fraction 0–1 of the image's pixels. */
  area: number;
}

export interface Prediction {
  /** Normalised 0–1 `anomaly_score`. */
  score: number;
  /** The backbone distance before normalisation (benchmarks and calibration). */
  rawScore: number;
  /** The normalised threshold the verdict was decided at: IsAnomalous = score ≥ threshold. */
  threshold: number;
  isAnomalous: boolean;
  /** Spec §4.1 confidence in the verdict, 0.5–1. */
  confidence: number;
  /** Segmentation models: each label with pixels, in label order, background left out; empty otherwise. */
  labelAreas: LabelArea[];
  /** Segmentation models only. */
  labelMask?: LabelMask;
  /** Absent where it was not kept (stored test results keep scores and masks only). */
  anomalyMap?: AnomalyMap;
}

/**
 * A prediction as records keep it (trial results, a model's test results): without its pixels; the label
 * mask is stored beside it as a label-index PNG (the format the annotation tool reads).
 */
export type StoredPrediction = Omit<Prediction, 'labelMask' | 'anomalyMap'>;
