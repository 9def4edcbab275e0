// The project's datasets: counts, readiness, anomaly labels, and per dataset its import panel,
// camera capture and gallery.
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../app/useStoredData';
import { useCurrentProject } from '../app/ProjectLayout';
import { listDatasets } from '../storage/datasets';
import type { DatasetType } from '../domain/types';
import { CameraCapture } from './capture/CameraCapture';
import { CreateDatasets } from './CreateDatasets';
import { DeleteDatasetButton } from './DeleteDatasetButton';
import { ExportDatasetsButton } from './ExportDatasetsButton';
import { ImportPanel } from './import/ImportPanel';
import { TrainingReadinessPanel } from '../app/TrainingReadinessPanel';
import { Gallery } from './gallery/Gallery';
import { LabelManager } from './labels/LabelManager';
import { RegionOfInterestForm } from './RegionOfInterestForm';

export function DatasetsPage() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const contents = useStoredData(['datasets'], (db) => listDatasets(db, project.id), [project.id]);
  if (contents.status !== 'ready') return <p>{t('common.loading')}</p>;
  const datasets = contents.data;
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
      <LabelManager projectId={project.id} />
      <RegionOfInterestForm key={project.id} projectId={project.id} />
      {datasets.map((dataset) => (
        <section key={dataset.id} className="stack" data-dataset-section={dataset.type}>
          <h2>{t('datasets.sectionTitle', { dataset: t(`datasets.type.${dataset.type}`) })}</h2>
          <ImportPanel dataset={dataset} />
          <div className="toolbar">
            <CameraCapture dataset={dataset} />
            <DeleteDatasetButton dataset={dataset} />
          </div>
          <Gallery projectId={project.id} datasetId={dataset.id} />
        </section>
      ))}
    </div>
  );
}
