// Key/value rows for a model version's tags (spec §7 items 5 and 7): add, edit and remove. The rows are
// checked when saved (src/domain/modelTags.ts), so a half-typed row never blocks typing.
import { useTranslation } from 'react-i18next';
import { maxTagKeyLength, maxTagsPerModel, maxTagValueLength } from '../domain/modelTags';
import type { ModelTag } from '../domain/types';

interface TagsEditorProps {
  tags: readonly ModelTag[];
  onChange: (tags: ModelTag[]) => void;
}

export function TagsEditor({ tags, onChange }: TagsEditorProps) {
  const { t } = useTranslation();
  const change = (index: number, field: keyof ModelTag, value: string) =>
    onChange(tags.map((tag, position) => (position === index ? { ...tag, [field]: value } : tag)));
  return (
    <fieldset className="tags-editor">
      <legend>{t('models:tags.legend')}</legend>
      {tags.length === 0 && <p className="hint">{t('models:tags.none')}</p>}
      {tags.map((tag, index) => (
        <div key={index} className="tags-editor-row" data-tag-row={index + 1}>
          <label>
            <span>{t('models:tags.key', { position: index + 1 })}</span>
            <input
              name={`tag-key-${index + 1}`}
              value={tag.Key}
              maxLength={maxTagKeyLength}
              onChange={(event) => change(index, 'Key', event.target.value)}
              autoComplete="off"
            />
          </label>
          <label>
            <span>{t('models:tags.value', { position: index + 1 })}</span>
            <input
              name={`tag-value-${index + 1}`}
              value={tag.Value}
              maxLength={maxTagValueLength}
              onChange={(event) => change(index, 'Value', event.target.value)}
              autoComplete="off"
            />
          </label>
          <button type="button" className="button-danger-quiet" onClick={() => onChange(tags.filter((_, position) => position !== index))}>
            {t('models:tags.remove', { position: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="button-secondary" disabled={tags.length >= maxTagsPerModel} onClick={() => onChange([...tags, { Key: '', Value: '' }])}>
        {t('models:tags.add')}
      </button>
    </fieldset>
  );
}
