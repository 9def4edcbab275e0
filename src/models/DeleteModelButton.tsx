// Deleting a model version, confirmed by typing `delete` (spec §7 item 7). The storage refuses a
// version that trains or runs, and the dialog shows that reason.
import { useTranslation } from 'react-i18next';
import { DeleteByWordButton } from '../app/DeleteByWordButton';
import type { ModelVersion } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { deleteModelVersion } from '../storage/modelDeletion';

export function DeleteModelButton({ version }: { version: ModelVersion }) {
  const { t } = useTranslation();
  const texts = {
    action: t('models:delete.action', { version: version.version }),
    title: t('models:delete.title', { version: version.version }),
    warning: t('models:delete.warning'),
    fieldLabel: (word: string) => t('models:delete.typeWord', { word }),
    confirm: t('models:delete.confirm'),
  };
  return <DeleteByWordButton texts={texts} onDelete={async (typed) => deleteModelVersion(await openSpotcheckDb(), version.id, typed)} />;
}
