// What the import check of an imported version found (spec §9 item 4), under its name in the model list:
// the same results as on the device it came from, the first mismatch (which refuses its start), or why
// it could not be checked (it may start).
import { useTranslation } from 'react-i18next';
import { importCheckRefusal } from '../domain/evaluation/importCheck';
import type { ModelVersion } from '../domain/types';
import { describeError } from '../i18n';

export function ImportCheckNote({ version }: { version: ModelVersion }) {
  const { t } = useTranslation();
  const check = version.importCheck;
  if (!check) return null;
  const refusal = importCheckRefusal(version);
  if (refusal) {
    return (
      <div className="field-problem" role="alert" data-testid="model-import-check">
        {describeError(refusal)}
      </div>
    );
  }
  const text = 'skipped' in check ? t(`models:importCheck.skipped.${check.skipped}`) : t('models:importCheck.passed', { count: check.images });
  return (
    <div className="hint" data-testid="model-import-check">
      {text}
    </div>
  );
}
