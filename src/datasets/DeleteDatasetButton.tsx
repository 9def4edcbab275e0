// Deleting a dataset (spec §1.1 conversions: deleting test makes the project single again,
// deleting train disables training); confirmed by typing `delete` (spec §7 item 7).
import { useTranslation } from 'react-i18next';
import { DeleteByWordButton } from '../app/DeleteByWordButton';
import type { Dataset } from '../domain/types';
import { deleteDataset } from '../storage/datasets';
import { openSpotcheckDb } from '../storage/db';

export function DeleteDatasetButton({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const datasetName = t(`datasets.phrase.${dataset.type}`);
  const texts = {
    action: t('datasets.delete.action', { dataset: datasetName }),
    title: t('datasets.delete.title', { dataset: datasetName }),
    warning: t(`datasets.delete.warning.${dataset.type}`, { count: dataset.imageStats.Total }),
    fieldLabel: (word: string) => t('datasets.delete.typeWord', { word }),
    confirm: t('datasets.delete.confirm'),
  };
  return <DeleteByWordButton texts={texts} onDelete={async (typed) => deleteDataset(await openSpotcheckDb(), dataset.id, typed)} />;
}
