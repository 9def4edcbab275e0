// Reads what the model detail view shows of one trained version: the version record, its stored
// evaluation (`evaluation.json`, written by training), the project's labels, the dataset entries of its
// split (for names, thumbnails and ground-truth masks), and each test image's predicted and true mask.
import type { IDBPDatabase } from 'idb';
import { evaluationFormatVersion, type StoredEvaluation, type TestImageResult } from '../contracts/evaluation';
import { UserFacingError } from '../domain/errors';
import type { AnomalyLabel, DatasetEntry, ModelVersion } from '../domain/types';
import { listAnomalyLabels } from './labels';
import { modelArtifactNames, predictedMaskArtifactName, readModelArtifact } from './modelFiles';
import type { SpotcheckDB } from './schema';
import { readStoredEvaluation, StoredEvaluationError } from './storedEvaluationFormat';

export interface ModelEvaluationData {
  version: ModelVersion;
  evaluation: StoredEvaluation;
  /** The project's anomaly labels by mask index. */
  labels: AnomalyLabel[];
  /** The project's entries by id; an id of the split missing here was removed after training. */
  entries: ReadonlyMap<string, DatasetEntry>;
}

/** Checked (and migrated from an older format) on read; refused with the reason otherwise. */
function parseStoredEvaluation(text: string, version: number): StoredEvaluation {
  const file = modelArtifactNames.evaluation;
  try {
    return readStoredEvaluation(JSON.parse(text));
  } catch (error) {
    if (error instanceof StoredEvaluationError && error.failure.reason === 'newer') {
      throw new UserFacingError('model.evaluationNewer', { version, file, found: error.failure.found, supported: evaluationFormatVersion });
    }
    throw new UserFacingError('model.evaluationUnreadable', { version, file, detail: error instanceof Error ? error.message : String(error) });
  }
}

/** Refused with a message for an unknown version number, or a version whose evaluation is missing or unreadable. */
export async function loadModelEvaluation(db: IDBPDatabase<SpotcheckDB>, projectId: string, versionNumber: number): Promise<ModelEvaluationData> {
  // A version number typed into the address bar may be anything; IndexedDB would reject NaN as a key.
  if (!Number.isInteger(versionNumber) || versionNumber < 1) throw new UserFacingError('model.notFound');
  const version = await db.getFromIndex('modelVersions', 'by-project-version', [projectId, versionNumber]);
  if (!version) throw new UserFacingError('model.notFound');
  const [blob, labels, entries] = await Promise.all([
    readModelArtifact(db, version.id, modelArtifactNames.evaluation),
    listAnomalyLabels(db, projectId),
    db.getAllFromIndex('entries', 'by-project', projectId),
  ]);
  if (!blob) throw new UserFacingError('model.evaluationMissing', { version: version.version, file: modelArtifactNames.evaluation });
  return {
    version,
    evaluation: parseStoredEvaluation(await blob.text(), version.version),
    labels,
    entries: new Map(entries.map((entry) => [entry.id, entry])),
  };
}

/**
 * A version's test images with their true class and stored prediction (the Models list's figures at a saved
 * threshold, "far outside training" on Detect on files); empty when the version has no stored evaluation
 * (an imported package). Refused when it is unreadable.
 */
export async function readTestResults(db: IDBPDatabase<SpotcheckDB>, version: Pick<ModelVersion, 'id' | 'version'>): Promise<TestImageResult[]> {
  const blob = await readModelArtifact(db, version.id, modelArtifactNames.evaluation);
  if (!blob) return [];
  return parseStoredEvaluation(await blob.text(), version.version).perImage;
}

/** One test image's masks as label-index PNGs: the model's prediction (segmentation only) and the ground truth. */
export async function readTestImageMasks(
  db: IDBPDatabase<SpotcheckDB>,
  modelVersionId: string,
  entryId: string,
  groundTruthMaskId: string | null,
): Promise<{ predicted: Blob | undefined; groundTruth: Blob | undefined }> {
  const [predicted, groundTruth] = await Promise.all([
    readModelArtifact(db, modelVersionId, predictedMaskArtifactName(entryId)),
    groundTruthMaskId ? db.get('masks', groundTruthMaskId) : undefined,
  ]);
  return { predicted, groundTruth: groundTruth?.blob };
}
