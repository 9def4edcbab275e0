// Route `projects/:projectId/label/:entryId?`: the annotation view of one image (opened from the
// gallery's large view), or without an image the list of images to open it on.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useStoredData } from '../app/useStoredData';
import { describeError } from '../i18n';
import { useCurrentProject } from '../app/ProjectLayout';
import { listDatasets } from '../storage/datasets';
import { queryEntries } from '../storage/entries';
import { listAnomalyLabels } from '../storage/labels';
import { AnnotationEditor } from './AnnotationEditor';
import { loadEditorData } from './loadEditorData';

/** Images listed per dataset on the index: enough to start, the gallery does the rest. */
const listedImageCount = 50;

export function AnnotationPage() {
  const { entryId } = useParams();
  // Keyed by image: the editor's undo history and unsaved state belong to one image, and a
  // previous image's data must never be shown under the next one's id.
  return entryId ? <EditorLoader key={entryId} entryId={entryId} /> : <ImageIndex />;
}

function EditorLoader({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const project = useCurrentProject();
  // The picture and mask are read once: the editor owns its copy until it saves. The labels are
  // re-read on every change, so one added or deleted elsewhere shows at once.
  const data = useStoredData(['entries', 'images', 'masks', 'anomalyLabels'], (db) => loadEditorData(db, entryId), [entryId], { rereadOnChange: false });
  const labels = useStoredData(['anomalyLabels'], (db) => listAnomalyLabels(db, project.id), [project.id]);
  const failed = [data, labels].find((each) => each.status === 'failed');
  if (failed?.status === 'failed') return <p role="alert">{describeError(failed.error)}</p>;
  if (data.status !== 'ready' || labels.status !== 'ready') return <p>{t('common.loading')}</p>;
  return <AnnotationEditor data={data.data} labels={labels.data} />;
}

function ImageIndex() {
  const { t } = useTranslation();
  const project = useCurrentProject();
  const listing = useStoredData(
    ['datasets', 'entries'],
    async (db) => {
      const datasets = await listDatasets(db, project.id);
      return Promise.all(
        datasets.map(async (dataset) => ({ dataset, page: await queryEntries(db, dataset.id, { sort: 'name', offset: 0, limit: listedImageCount }) })),
      );
    },
    [project.id],
  );
  if (listing.status !== 'ready') return <p>{t('common.loading')}</p>;
  return (
    <div className="stack">
      <h2>{t('labeling:index.title')}</h2>
      {listing.data.map(({ dataset, page }) => (
        <section key={dataset.id}>
          <h3>{t(`labeling:index.dataset.${dataset.type}`, { shown: page.entries.length, total: page.total })}</h3>
          <ul className="annotation-index">
            {page.entries.map((entry) => (
              <li key={entry.id}>
                <Link to={entry.id}>{entry.sourceRef}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
