// Route `projects/:projectId/trials/:jobId/results/:resultId`: the annotation tool on one trial result
// (spec §7, item 6, "Anomalous area"), to fix its class, labels and mask. It opens on the predicted
// (or earlier corrected) mask and saves a correction to the result, never to a dataset; previous and
// next move through the job's judged results. Lives with the annotation editor it is built on (moved
// from trials/); the trials views only link to its route.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useStoredData } from '../app/useStoredData';
import { decodeLabelMaskPng } from '../domain/png';
import { predictedClassOf } from '../domain/trialLabel';
import type { DatasetEntry, TrialResult } from '../domain/types';
import { describeError } from '../i18n';
import { AnnotationEditor, type AnnotationTarget } from './AnnotationEditor';
import { decodePicture, type EditorData } from './loadEditorData';
import { useCurrentProject } from '../app/ProjectLayout';
import { openSpotcheckDb } from '../storage/db';
import { listAnomalyLabels } from '../storage/labels';
import type { SpotcheckDatabase } from '../storage/schema';
import { getTrialJob, listTrialResults, saveTrialCorrection } from '../storage/trialJobs';
import { UserFacingError } from '../domain/errors';

/** The result shaped as the editor's image record; its id is the result's, its "dataset" the job. */
function asEditorEntry(result: TrialResult, jobName: string, createdAt: string): DatasetEntry {
  return {
    id: result.id,
    datasetId: result.jobId,
    projectId: result.projectId,
    sourceRef: result.fileName,
    imageId: result.imageId,
    contentHash: result.contentHash,
    width: result.width,
    height: result.height,
    classification: result.correction?.classification ?? predictedClassOf(result),
    humanAnnotated: result.correction !== null,
    createdAt,
    jobName,
    anomalyLabelIds: result.correction?.labelIds ?? result.prediction?.labelIds ?? [],
    maskId: result.maskId,
  };
}

async function loadTrialEditorData(db: SpotcheckDatabase, jobId: string, resultId: string): Promise<EditorData> {
  const [job, results] = await Promise.all([getTrialJob(db, jobId), listTrialResults(db, jobId)]);
  const judged = results.filter((result) => result.prediction);
  const position = judged.findIndex((result) => result.id === resultId);
  const result = judged[position];
  if (!result) throw new UserFacingError('trials:errors.resultNotFound');
  const [image, mask] = await Promise.all([db.get('images', result.imageId), result.maskId ? db.get('masks', result.maskId) : undefined]);
  if (!image) throw new UserFacingError('trials:errors.imageMissing', { file: result.fileName });
  const maskPixels = mask ? decodeLabelMaskPng(new Uint8Array(await mask.blob.arrayBuffer())).mask : new Uint8Array(result.width * result.height);
  return {
    entry: asEditorEntry(result, job.name, job.createdAt),
    image: image.blob,
    mask: mask?.blob ?? null,
    picture: await decodePicture(image.blob),
    maskPixels,
    position,
    total: judged.length,
    previousId: judged[position - 1]?.id ?? null,
    nextId: judged[position + 1]?.id ?? null,
  };
}

export function TrialMaskPage() {
  const { jobId = '', resultId = '' } = useParams();
  // Keyed by result: undo history and unsaved state belong to one image.
  return <TrialMaskEditor key={resultId} jobId={jobId} resultId={resultId} />;
}

function TrialMaskEditor({ jobId, resultId }: { jobId: string; resultId: string }) {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const data = useStoredData(['trialJobs', 'trialResults', 'images', 'masks'], (db) => loadTrialEditorData(db, jobId, resultId), [jobId, resultId], {
    rereadOnChange: false,
  });
  const labels = useStoredData(['anomalyLabels'], (db) => listAnomalyLabels(db, project.id), [project.id]);
  const failed = [data, labels].find((each) => each.status === 'failed');
  if (failed?.status === 'failed') return <p role="alert">{describeError(failed.error)}</p>;
  if (data.status !== 'ready' || labels.status !== 'ready') return <p>{t('common.loading')}</p>;
  const jobPath = `/projects/${project.id}/trials/${jobId}`;
  const target: AnnotationTarget = {
    async save(change) {
      await saveTrialCorrection(await openSpotcheckDb(), resultId, {
        // The editor only offers normal and anomaly; an image left unclassified has no mask: normal.
        classification: change.classification ?? 'normal',
        mask: change.mask,
        labelIds: change.labelIds,
      });
    },
    pathOf: (id) => `${jobPath}/results/${id}`,
    closePath: jobPath,
    closeLabel: t('trials:results.backToJob'),
  };
  return <AnnotationEditor data={data.data} labels={labels.data} target={target} />;
}
