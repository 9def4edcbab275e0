// Detect on files (issue 6, item 5): pick or drop images, judge each with a running model version and
// show its verdict, confidence, score against the threshold, mask over the image and per-label area;
// the prediction serialised as spec §4.1 `DetectAnomalyResult` can be copied or downloaded. Each detection is recorded as a detection
// event with source 'file' (spec §1), an image the runtime refuses as an invalid one. An image of another
// size than the model's is refused on its card and recorded as nothing.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../app/downloadFile';
import { useUiStore } from '../app/uiStore';
import { useStoredData } from '../app/useStoredData';
import { detect } from '../runtime/detection';
import { filesFromInput, type SourceFile } from '../app/fileSources';
import { FileDropZone } from '../app/FileDropZone';
import { detectionEventOf, invalidDetectionEventOf, type DetectionEventContext } from '../domain/detectionEvent';
import { isOutsideTraining, outsideTrainingLimit } from '../domain/evaluation/outsideTraining';
import type { AnomalyLabel, ImageSize, Project } from '../domain/types';
import { i18n } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { appendDetectionEvent } from '../storage/detectionEvents';
import { listAnomalyLabels } from '../storage/labels';
import { readTestResults } from '../storage/modelEvaluation';
import { readModelMetadata } from '../storage/modelFiles';
import { toDetectAnomalyResult } from '../../workers/engine/packaging/detectAnomalyResult';
import type { DetectionOutput } from '../contracts/detectionWorkerApi';
import { MaskedImage } from './MaskedImage';
import { RunningModelPicker, type PickedModel } from './RunningModelPicker';
import { VerdictFacts } from './VerdictFacts';

interface FileDetection {
  id: number;
  fileName: string;
  imageUrl: string;
  outcome: DetectionOutput | { error: string } | null;
}

let nextDetectionId = 1;
const noLabels: readonly AnomalyLabel[] = [];

export function DetectOnFiles({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <section className="trial-section" aria-labelledby="detect-files-title">
      <h2 id="detect-files-title">{t('trials:files.title')}</h2>
      <p className="hint">{t('trials:files.hint')}</p>
      <RunningModelPicker projectId={project.id} withStart>
        {(model) => <FileDetections project={project} model={model} />}
      </RunningModelPicker>
    </section>
  );
}

function FileDetections({ project, model }: { project: Project; model: PickedModel | null }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [detections, setDetections] = useState<FileDetection[]>([]);
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [showMasks, setShowMasks] = useState(true);
  const cancelRef = useRef(false);
  const urlsRef = useRef<string[]>([]);
  const storedLabels = useStoredData(['anomalyLabels'], (db) => listAnomalyLabels(db, project.id), [project.id]);
  const labels = storedLabels.status === 'ready' ? storedLabels.data : noLabels;
  const outsideLimit = useOutsideTrainingLimit(model);

  useEffect(() => () => urlsRef.current.forEach((url) => URL.revokeObjectURL(url)), []);

  async function detectAll(sources: SourceFile[]) {
    if (!model?.running || sources.length === 0) return;
    cancelRef.current = false;
    const db = await openSpotcheckDb();
    const added = sources.map((source): FileDetection => {
      const imageUrl = URL.createObjectURL(source.file);
      urlsRef.current.push(imageUrl);
      return { id: nextDetectionId++, fileName: source.path, imageUrl, outcome: null };
    });
    setDetections((current) => [...added, ...current]);
    setBusy({ done: 0, total: sources.length });
    try {
      for (const [i, source] of sources.entries()) {
        // Cancel stops between files: aborting the bridge would stop the worker and every started model.
        if (cancelRef.current) break;
        const otherSize = await otherSizeRefusal(source, project.imageSize, model.version);
        const outcome = otherSize ? { error: otherSize } : await detectFile(model, source.file);
        const context: DetectionEventContext = { projectId: project.id, modelVersion: model.version, source: 'file', timestampMs: Date.now() };
        // An image of another size was never offered to the model, so no detection is recorded for it.
        if (!otherSize)
          await appendDetectionEvent(
            db,
            'error' in outcome ? invalidDetectionEventOf(context, outcome.error) : detectionEventOf(context, outcome.prediction, outcome.latencyMs),
          );
        setDetections((current) => current.map((each) => (each.id === added[i]!.id ? { ...each, outcome } : each)));
        setBusy({ done: i + 1, total: sources.length });
      }
    } catch (error) {
      showError(error);
    } finally {
      setDetections((current) => current.filter((each) => each.outcome !== null));
      setBusy(null);
    }
  }

  return (
    <>
      <FileDropZone onFiles={(files) => void detectAll(files)}>
        <p>{model?.running ? t('trials:files.drop') : t('trials:files.startFirst')}</p>
        <label className={`button-link${model?.running && !busy ? '' : ' button-disabled'}`}>
          {t('trials:files.pick')}
          <input
            type="file"
            multiple
            hidden
            accept="image/png,image/jpeg"
            disabled={!model?.running || busy !== null}
            data-testid="detect-files"
            onChange={(event) => {
              void detectAll(filesFromInput(event.target.files ?? []));
              event.target.value = '';
            }}
          />
        </label>
      </FileDropZone>
      {busy && (
        <div className="progress-row" role="status">
          <span>{t('trials:files.progress', { done: busy.done, total: busy.total })}</span>
          <progress max={busy.total} value={busy.done} />
          <button type="button" className="button-quiet" onClick={() => (cancelRef.current = true)}>
            {t('actions.cancel')}
          </button>
        </div>
      )}
      {detections.length > 0 && (
        <div className="toolbar">
          <label className="checkbox-field">
            <input type="checkbox" checked={showMasks} onChange={(event) => setShowMasks(event.target.checked)} />
            <span>{t('trials:mask.show')}</span>
          </label>
          <button type="button" className="button-quiet" onClick={() => setDetections([])} disabled={busy !== null}>
            {t('trials:files.clear')}
          </button>
        </div>
      )}
      <ul className="result-cards" aria-label={t('trials:files.results')}>
        {detections.map((detection) => (
          <FileDetectionCard key={detection.id} detection={detection} labels={labels} showMask={showMasks} outsideLimit={outsideLimit} />
        ))}
      </ul>
    </>
  );
}

/**
 * Spec §4.3: an image of another size than the model's (the project size) is refused with both sizes, never
 * resized behind the person's back; trial jobs leave such images out the same way, or fit them on request.
 * Null when the sizes agree, or when the file does not decode (the runtime then says what is wrong with it).
 */
async function otherSizeRefusal(source: SourceFile, modelSize: ImageSize | null, version: number): Promise<string | null> {
  if (!modelSize) return null;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source.file);
  } catch {
    return null;
  }
  const { width, height } = bitmap;
  bitmap.close();
  if (width === modelSize.width && height === modelSize.height) return null;
  return i18n.t('trials:files.otherSize', { file: source.path, width, height, version, modelWidth: modelSize.width, modelHeight: modelSize.height });
}

async function detectFile(model: PickedModel, file: Blob): Promise<DetectionOutput | { error: string }> {
  const attempt = await detect(model.modelComponent, file, 'wait');
  if (attempt.kind === 'detected') return attempt.output;
  // The runtime refused this picture (not PNG/JPEG, wrong size…): reported on its card, the rest go on.
  if (attempt.kind === 'refused') return { error: attempt.reason };
  throw attempt.error;
}

/** The picked model's "far outside training" limit on the raw score (src/domain/evaluation/outsideTraining.ts); null while unknown. */
function useOutsideTrainingLimit(model: PickedModel | null): number | null {
  const modelVersionId = model?.modelVersionId ?? '';
  const version = model?.version ?? 0;
  const limit = useStoredData(
    ['modelArtifacts'],
    async (db) => {
      if (!modelVersionId) return null;
      const [tested, metadata] = await Promise.all([readTestResults(db, { id: modelVersionId, version }), readModelMetadata(db, modelVersionId)]);
      return metadata
        ? outsideTrainingLimit(
            tested.map((image) => image.prediction.rawScore),
            metadata.normalisation,
          )
        : null;
    },
    [modelVersionId, version],
  );
  return limit.status === 'ready' ? limit.data : null;
}

interface FileDetectionCardProps {
  detection: FileDetection;
  labels: readonly AnomalyLabel[];
  showMask: boolean;
  outsideLimit: number | null;
}

function FileDetectionCard({ detection, labels, showMask, outsideLimit }: FileDetectionCardProps) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const { outcome } = detection;
  const result = outcome && 'prediction' in outcome ? outcome.prediction : null;
  const json = result ? JSON.stringify({ DetectAnomalyResult: toDetectAnomalyResult(result, labels) }, null, 2) : '';

  async function copy() {
    try {
      await navigator.clipboard.writeText(json);
      showInfo(t('trials:files.copied', { name: detection.fileName }));
    } catch (error) {
      showError(error);
    }
  }

  return (
    <li className="result-card" data-testid="file-detection" data-file={detection.fileName}>
      <MaskedImage imageUrl={detection.imageUrl} mask={result?.labelMask ?? null} labels={labels} showMask={showMask} alt={detection.fileName} />
      <div className="result-card-body">
        <span className="result-card-name" title={detection.fileName}>
          {detection.fileName}
        </span>
        {!outcome && <span className="hint">{t('trials:files.waiting')}</span>}
        {outcome && 'error' in outcome && (
          <p className="field-problem" role="alert">
            {t('trials:files.refused', { detail: outcome.error })}
          </p>
        )}
        {result && (
          <>
            <VerdictFacts facts={result} labels={labels} />
            {isOutsideTraining(result.rawScore, outsideLimit) && (
              <p className="notice-info" data-testid="outside-training">
                {t('trials:files.outsideTraining')}
              </p>
            )}
            <div className="result-card-row">
              <button type="button" className="button-secondary" onClick={() => void copy()}>
                {t('trials:files.copyJson')}
              </button>
              <button
                type="button"
                className="button-secondary"
                onClick={() => downloadFile(`${detection.fileName.replace(/[\\/]/g, '_')}.DetectAnomalyResult.json`, json, 'application/json')}
              >
                {t('trials:files.downloadJson')}
              </button>
            </div>
            <details>
              <summary>{t('trials:files.showJson')}</summary>
              <pre className="detection-json" data-testid="detection-json">
                {json}
              </pre>
            </details>
          </>
        )}
      </div>
    </li>
  );
}
