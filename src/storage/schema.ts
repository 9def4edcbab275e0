// The shape of the Spotcheck IndexedDB database: its name, current version, stores and indexes.
// Metadata records stay small; Blobs live in their own stores so lists never load image bytes.
import type { DBSchema, IDBPDatabase, StoreNames } from 'idb';
import type { AnomalyLabel, Dataset, DatasetEntry, DatasetType, DetectionEvent, ModelVersion, Project, TrialJob, TrialResult } from '../domain/types';

export const DB_NAME = 'spotcheck';

/** Raise together with a new entry in migrations.ts (and a fixture of the previous version). */
export const SCHEMA_VERSION = 4;

/** A Blob stored under the id that metadata records point to (`imageId`, `maskId`). */
export interface BlobRecord {
  id: string;
  blob: Blob;
}

/** A file produced by training (ONNX model, evaluation JSON…), owned by one model version. */
export interface ModelArtifact {
  /** `${modelVersionId}/${name}` */
  id: string;
  modelVersionId: string;
  name: string;
  blob: Blob;
}

export interface SpotcheckDB extends DBSchema {
  projects: { key: string; value: Project; indexes: { 'by-name': string } };
  datasets: {
    key: string;
    value: Dataset;
    indexes: { 'by-project': string; 'by-project-type': [string, DatasetType] };
  };
  entries: {
    key: string;
    value: DatasetEntry;
    indexes: {
      'by-dataset': string;
      'by-project': string;
      'by-dataset-sourceRef': [string, string];
      /** Entries without a contentHash (stored before v3) are not in this index. */
      'by-dataset-hash': [string, string];
      /** multiEntry: one index key per label id of the entry. */
      'by-label': string;
    };
  };
  images: { key: string; value: BlobRecord };
  /** Keyed by the id of the image they preview. */
  thumbnails: { key: string; value: BlobRecord };
  /** 8-bit label-index PNGs: pixel value = AnomalyLabel.index, 0 = background. */
  masks: { key: string; value: BlobRecord };
  anomalyLabels: { key: string; value: AnomalyLabel; indexes: { 'by-project': string } };
  modelVersions: {
    key: string;
    value: ModelVersion;
    indexes: { 'by-project': string; 'by-project-version': [string, number] };
  };
  modelArtifacts: { key: string; value: ModelArtifact; indexes: { 'by-model': string } };
  trialJobs: { key: string; value: TrialJob; indexes: { 'by-project': string } };
  trialResults: { key: string; value: TrialResult; indexes: { 'by-job': string } };
  detectionEvents: {
    key: number;
    value: DetectionEvent;
    indexes: { 'by-project': string; 'by-project-time': [string, number] };
  };
  /** Out-of-line keys: the setting's name. */
  settings: { key: string; value: unknown };
}

export type StoreName = StoreNames<SpotcheckDB>;

/** The open database, as code outside storage names it (only storage imports `idb`). */
export type SpotcheckDatabase = IDBPDatabase<SpotcheckDB>;

/** Every store a project's records live in; deleting a project empties them of that project. */
export const PROJECT_STORES = [
  'projects',
  'datasets',
  'entries',
  'images',
  'thumbnails',
  'masks',
  'anomalyLabels',
  'modelVersions',
  'modelArtifacts',
  'trialJobs',
  'trialResults',
  'detectionEvents',
] as const satisfies readonly StoreName[];

/** Every store, e.g. for a reader of the storage estimate, which any write changes. */
export const ALL_STORES = [...PROJECT_STORES, 'settings'] as const satisfies readonly StoreName[];
