// Editing a version's tags after training (spec §7 item 7, the Tags tab): the whole list is saved at
// once; a refused row keeps the dialog open with the reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../app/ConfirmDialog';
import type { ModelTag, ModelVersion } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { setModelVersionTags } from '../storage/modelTags';
import { TagsEditor } from './TagsEditor';

function EditTagsDialog({ version, onClose }: { version: ModelVersion; onClose: () => void }) {
  const { t } = useTranslation();
  const [tags, setTags] = useState<ModelTag[]>(version.tags);
  return (
    <ConfirmDialog
      title={t('models:tags.title', { version: version.version })}
      confirmLabel={t('models:tags.save')}
      onConfirm={async () => {
        await setModelVersionTags(await openSpotcheckDb(), version.id, tags);
      }}
      onClose={onClose}
    >
      <TagsEditor tags={tags} onChange={setTags} />
    </ConfirmDialog>
  );
}

export function EditTagsButton({ version }: { version: ModelVersion }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button-quiet" onClick={() => setOpen(true)}>
        {t('models:tags.edit', { version: version.version })}
      </button>
      {open && <EditTagsDialog version={version} onClose={() => setOpen(false)} />}
    </>
  );
}
