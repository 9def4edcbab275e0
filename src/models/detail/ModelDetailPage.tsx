// Model detail (issue 6 items 2–3): exported name `ModelDetailPage`, registered in src/app/routes.tsx as
// `projects/:projectId/models/:version` (a child of ProjectLayout; `:version` is the version NUMBER).
// It reads the version and its stored evaluation, keeps the previewed threshold that the threshold panel,
// the curves and the test results share, and lays out the sections.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useStoredData } from '../../app/useStoredData';
import { evaluationCurves } from '../../domain/evaluation/curves';
import { scoreHistogram } from '../../domain/evaluation/scoreHistogram';
import { predictAt, previewThreshold, testScoreSweep, thresholdSliderScale } from '../../domain/evaluation/thresholdPreview';
import type { Project } from '../../domain/types';
import { describeError } from '../../i18n';
import { useCurrentProject } from '../../app/ProjectLayout';
import { loadModelEvaluation, type ModelEvaluationData } from '../../storage/modelEvaluation';
import { CurvesPanel } from './CurvesPanel';
import { EvaluationDownloads } from './EvaluationDownloads';
import { PerLabelTable } from './PerLabelTable';
import { ScoreHistogram } from './ScoreHistogram';
import { SplitPanel } from './SplitPanel';
import { SummaryMetrics } from './SummaryMetrics';
import { TestResults } from './TestResults';
import { ThresholdPanel } from './ThresholdPanel';
import './modelDetail.css';

export function ModelDetailPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const { version = '' } = useParams();
  const versionNumber = Number(version);
  const data = useStoredData(['modelVersions', 'modelArtifacts', 'anomalyLabels', 'entries'], (db) => loadModelEvaluation(db, project.id, versionNumber), [
    project.id,
    versionNumber,
  ]);
  return (
    <section className="model-detail">
      <p>
        <Link to={`/projects/${project.id}/models`}>{t('modelDetail:backToModels')}</Link>
      </p>
      <h2 className="model-detail-title">{t('modelDetail:title', { version })}</h2>
      {data.status === 'loading' && <p>{t('common.loading')}</p>}
      {data.status === 'failed' && <p role="alert">{describeError(data.error)}</p>}
      {data.status === 'ready' && <ModelDetail project={project} data={data.data} />}
    </section>
  );
}

function ModelDetail({ project, data }: { project: Project; data: ModelEvaluationData }) {
  const { version, evaluation: stored, labels, entries } = data;
  const { evaluation } = stored;
  const trainedThreshold = version.trainedAnomalyThreshold ?? evaluation.image.threshold;
  const savedThreshold = version.anomalyThreshold ?? trainedThreshold;
  const [threshold, setThreshold] = useState(savedThreshold);
  // A save or restore (here or in another tab) moves the preview to the stored value.
  useEffect(() => setThreshold(savedThreshold), [savedThreshold]);

  const testImages = stored.perImage;
  const sweep = useMemo(() => testScoreSweep(testImages), [testImages]);
  const curves = useMemo(() => evaluationCurves(sweep), [sweep]);
  const scale = useMemo(() => thresholdSliderScale(sweep, [trainedThreshold, savedThreshold]), [sweep, trainedThreshold, savedThreshold]);
  const preview = useMemo(() => previewThreshold(sweep, threshold), [sweep, threshold]);
  const trainedPreview = useMemo(() => previewThreshold(sweep, trainedThreshold), [sweep, trainedThreshold]);
  const histogram = useMemo(() => scoreHistogram(testImages), [testImages]);
  const predictions = useMemo(() => predictAt(testImages, threshold, evaluation.confidence), [testImages, threshold, evaluation.confidence]);
  const segmentation = version.modelType === 'segmentation';

  return (
    <div className="stack">
      <SummaryMetrics version={version} evaluation={evaluation} />
      <ThresholdPanel
        version={version}
        preview={preview}
        scale={scale}
        savedThreshold={savedThreshold}
        trainedThreshold={trainedThreshold}
        onThresholdChange={setThreshold}
      />
      <ScoreHistogram bins={histogram} trained={trainedPreview} preview={preview} scoreDecimals={scale.decimals} />
      <CurvesPanel curves={curves} threshold={threshold} />
      {evaluation.perLabel && <PerLabelTable perLabel={evaluation.perLabel} labels={labels} />}
      <TestResults
        modelVersionId={version.id}
        predictions={predictions}
        threshold={threshold}
        scoreDecimals={scale.decimals}
        entries={entries}
        labels={labels}
        segmentation={segmentation}
      />
      <SplitPanel split={version.split} entries={entries} />
      <EvaluationDownloads projectName={project.name} modelVersionId={version.id} version={version.version} />
    </div>
  );
}
