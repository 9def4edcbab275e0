// The datasets a project starts with (spec §1.1): one dataset, split at each training, or a
// training and a test dataset; a single-dataset project can add its test dataset later.
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import type { DatasetType } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { createDataset } from '../storage/datasets';

export function CreateDatasets({ projectId, missing }: { projectId: string; missing: DatasetType[] }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);

  async function create(types: DatasetType[]) {
    try {
      const db = await openSpotcheckDb();
      for (const type of types) await createDataset(db, projectId, type);
    } catch (error) {
      showError(error);
    }
  }

  if (missing.length === 1 && missing[0] === 'test') {
    return (
      <button type="button" className="button-secondary" onClick={() => create(['test'])}>
        {t('datasets.create.addTest')}
      </button>
    );
  }
  return (
    <div className="stack">
      <p className="hint">{t('datasets.create.hint')}</p>
      <div className="toolbar">
        <button type="button" onClick={() => create(missing.includes('train') && missing.includes('test') ? ['train'] : missing)}>
          {t('datasets.create.single')}
        </button>
        {missing.includes('train') && missing.includes('test') && (
          <button type="button" className="button-secondary" onClick={() => create(['train', 'test'])}>
            {t('datasets.create.separate')}
          </button>
        )}
      </div>
    </div>
  );
}
