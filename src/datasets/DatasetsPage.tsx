// The project's datasets with their image counts and the anomaly labels.
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../app/useStoredData';
import { useCurrentProject } from '../projects/ProjectLayout';
import { listDatasets } from '../storage/datasets';
import { listAnomalyLabels } from '../storage/labels';
import type { DatasetType } from '../domain/types';
import { CameraCapture } from './capture/CameraCapture';
import { CreateDatasets } from './CreateDatasets';
import { DeleteDatasetButton } from './DeleteDatasetButton';
import { ExportDatasetsButton } from './ExportDatasetsButton';
import { ImportPanel } from './import/ImportPanel';
import { TrainingReadinessPanel } from './TrainingReadinessPanel';

export function DatasetsPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const contents = useStoredData(
    async (db) => ({ datasets: await listDatasets(db, project.id), labels: await listAnomalyLabels(db, project.id) }),
    [project.id],
  );
  if (contents.status !== 'ready') return <p>{t('common.loading')}</p>;
  const { datasets, labels } = contents.data;
  const missing = (['train', 'test'] as const).filter((type: DatasetType) => !datasets.some((dataset) => dataset.type === type));
  if (datasets.length === 0) {
    return (
      <div className="stack">
        <p className="empty">{t('datasets.none')}</p>
        <CreateDatasets projectId={project.id} missing={missing} />
      </div>
    );
  }
  return (
    <div className="stack">
      {project.imageSize && <p>{t('datasets.imageSize', { width: project.imageSize.width, height: project.imageSize.height })}</p>}
      <table className="table" data-testid="dataset-stats">
        <thead>
          <tr>
            <th>{t('datasets.columns.type')}</th>
            <th>{t('datasets.columns.total')}</th>
            <th>{t('datasets.columns.labeled')}</th>
            <th>{t('datasets.columns.normal')}</th>
            <th>{t('datasets.columns.anomaly')}</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((dataset) => (
            <tr key={dataset.id} data-dataset-type={dataset.type}>
              <td>{t(`datasets.type.${dataset.type}`)}</td>
              <td data-stat="Total">{dataset.imageStats.Total}</td>
              <td data-stat="Labeled">{dataset.imageStats.Labeled}</td>
              <td data-stat="Normal">{dataset.imageStats.Normal}</td>
              <td data-stat="Anomaly">{dataset.imageStats.Anomaly}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <TrainingReadinessPanel projectId={project.id} />
      <div className="toolbar">
        <ExportDatasetsButton project={project} />
      </div>
      {missing.length > 0 && <CreateDatasets projectId={project.id} missing={missing} />}
      {datasets.map((dataset) => (
        <section key={dataset.id} className="stack" data-dataset-section={dataset.type}>
          <h2>{t('datasets.sectionTitle', { dataset: t(`datasets.type.${dataset.type}`), count: dataset.imageStats.Total })}</h2>
          <ImportPanel dataset={dataset} />
          <div className="toolbar">
            <CameraCapture dataset={dataset} />
            <DeleteDatasetButton dataset={dataset} />
          </div>
        </section>
      ))}
      {labels.length > 0 && (
        <section>
          <h2>{t('datasets.labels')}</h2>
          <ul className="label-list">
            {labels.map((label) => (
              <li key={label.id}>
                <span className="swatch" style={{ backgroundColor: label.color }} aria-hidden="true" />
                {label.name}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
