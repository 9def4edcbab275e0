// A complete new project as it is handed to storage (the demo project, a re-imported ZIP): checked
// whole by newProjectValidation.ts, then written in one transaction by importProject.ts.
import type { DatasetType, ImageClass, ImageSize, ModelType } from '../domain/types';

export interface NewProjectEntry {
  sourceRef: string;
  image: Blob;
  /** Hex SHA-256 of `image`'s bytes; computed on writing when absent (the demo's generated images). */
  contentHash?: string;
  thumbnail?: Blob;
  width: number;
  height: number;
  classification: ImageClass | null;
  /** 8-bit label-index PNG whose pixel values follow the order of NewProjectInput.labels (1-based). */
  mask?: Blob;
  /** Labels present in the mask, matched to NewProjectInput.labels ignoring case. */
  labelNames: string[];
  jobName?: string;
  /** The label's creation date as imported (ISO 8601 or the raw text); defaults to now. */
  createdAt?: string;
  /** Defaults to false: only say true for labels a person made or checked. */
  humanAnnotated?: boolean;
}

export interface NewProjectInput {
  name: string;
  imageSize: ImageSize;
  modelType: ModelType | null;
  /** Mask index n + 1 is labels[n]. */
  labels: { name: string; color: string }[];
  datasets: { type: DatasetType; entries: NewProjectEntry[] }[];
}
