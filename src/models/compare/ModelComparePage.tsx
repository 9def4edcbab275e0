// Compare model versions (issue 15): two trained versions of the project side by side — the image-level
// figures at each version's saved threshold, mean IoU and F1 per anomaly label, and both versions' PR and ROC
// curves. Registered as `projects/:projectId/models/compare?a=<version>&b=<version>`; the versions default to
// the two newest trained ones.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCurrentProject } from '../../app/ProjectLayout';
import { useStoredData } from '../../app/useStoredData';
import { evaluationCurves } from '../../domain/evaluation/curves';
import { testScoreSweep } from '../../domain/evaluation/thresholdPreview';
import { describeError } from '../../i18n';
import { loadModelEvaluation, type ModelEvaluationData } from '../../storage/modelEvaluation';
import { listModelVersions } from '../../storage/modelVersions';
import { CurveChart } from '../detail/CurvesPanel';
import { CompareTables } from './CompareTables';
import './compare.css';

/** Versions that have an evaluation to compare. */
const untrainedStatuses = new Set(['TRAINING', 'TRAINING_FAILED']);

export function ModelComparePage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const [params, setParams] = useSearchParams();
  const versions = useStoredData(['modelVersions'], (db) => listModelVersions(db, project.id), [project.id]);
  if (versions.status === 'failed') return <p role="alert">{describeError(versions.error)}</p>;
  if (versions.status === 'loading') return <p>{t('common.loading')}</p>;
  const trained = versions.data
    .filter((version) => !untrainedStatuses.has(version.status))
    .map((version) => version.version)
    .sort((a, b) => b - a);
  const chosen = (key: 'a' | 'b', fallback: number | undefined) => Number(params.get(key) ?? fallback ?? 0);
  const a = chosen('a', trained[1] ?? trained[0]);
  const b = chosen('b', trained[0]);
  const choose = (key: 'a' | 'b', value: string) => setParams((current) => ({ ...Object.fromEntries(current), a: String(a), b: String(b), [key]: value }));

  return (
    <section className="model-compare stack" data-testid="model-compare">
      <p>
        <Link to={`/projects/${project.id}/models`}>{t('modelDetail:backToModels')}</Link>
      </p>
      <h2>{t('models:compare.title')}</h2>
      {trained.length < 2 ? (
        <p className="empty">{t('models:compare.needTwo')}</p>
      ) : (
        <>
          <div className="toolbar">
            {(['a', 'b'] as const).map((key) => (
              <label key={key}>
                <span>{t(`models:compare.pick.${key}`)}</span>
                <select value={key === 'a' ? a : b} onChange={(event) => choose(key, event.target.value)}>
                  {trained.map((version) => (
                    <option key={version} value={version}>
                      {t('models:list.name', { version })}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <Comparison projectId={project.id} a={a} b={b} />
        </>
      )}
    </section>
  );
}

function Comparison({ projectId, a, b }: { projectId: string; a: number; b: number }) {
  const { t } = useTranslation();
  const data = useStoredData(
    ['modelVersions', 'modelArtifacts', 'anomalyLabels', 'entries'],
    (db) => Promise.all([loadModelEvaluation(db, projectId, a), loadModelEvaluation(db, projectId, b)]),
    [projectId, a, b],
  );
  if (data.status === 'failed') return <p role="alert">{describeError(data.error)}</p>;
  if (data.status === 'loading') return <p>{t('common.loading')}</p>;
  return (
    <>
      <CompareTables versions={data.data} />
      <h3>{t('modelDetail:curves.title')}</h3>
      <div className="compare-columns">
        {data.data.map((version) => (
          <VersionCurves key={version.version.id} data={version} />
        ))}
      </div>
    </>
  );
}

function VersionCurves({ data }: { data: ModelEvaluationData }) {
  const { t } = useTranslation();
  const { version, evaluation } = data;
  const curves = useMemo(() => evaluationCurves(testScoreSweep(evaluation.perImage)), [evaluation.perImage]);
  const threshold = version.anomalyThreshold ?? evaluation.evaluation.image.threshold;
  const name = t('models:list.name', { version: version.version });
  return (
    <div className="stack" data-testid={`compare-curves-${version.version}`}>
      <h4>{name}</h4>
      {curves.precisionRecall && (
        <CurveChart
          curve={curves.precisionRecall}
          threshold={threshold}
          title={`${name}: ${t('modelDetail:curves.prTitle')}`}
          label={t('modelDetail:curves.precision')}
          xLabel={t('modelDetail:curves.recall')}
          yLabel={t('modelDetail:curves.precision')}
          testId="pr-curve"
        />
      )}
      {curves.roc && (
        <CurveChart
          curve={curves.roc}
          threshold={threshold}
          title={`${name}: ${t('modelDetail:curves.rocTitle')}`}
          label={t('modelDetail:curves.truePositiveRate')}
          xLabel={t('modelDetail:curves.falsePositiveRate')}
          yLabel={t('modelDetail:curves.truePositiveRate')}
          testId="roc-curve"
        />
      )}
    </div>
  );
}
