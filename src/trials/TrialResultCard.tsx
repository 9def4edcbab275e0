// One trial result in the gallery: the image with its mask (predicted, or corrected), the verdict,
// and the Correct / Incorrect toggle; segmentation results open the annotation tool to fix the mask.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStoredImageUrl } from '../app/useStoredImageUrl';
import type { LabelMask } from '../contracts/prediction';
import { decodeLabelMask } from '../domain/png';
import type { AnomalyLabel, TrialResult } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { MaskedImage } from './MaskedImage';
import { VerdictFacts } from './VerdictFacts';

interface TrialResultCardProps {
  result: TrialResult;
  labels: readonly AnomalyLabel[];
  selected: boolean;
  showMask: boolean;
  /** Null when the project's model cannot paint masks (classification). */
  fixMaskPath: string | null;
  onSelect: (selected: boolean) => void;
  onVerify: (verification: TrialResult['verification']) => void;
}

/** The stored label-index mask (predicted, or corrected); drawn in whatever colours the labels have now. */
function useStoredLabelMask(maskId: string | null): LabelMask | null {
  const [mask, setMask] = useState<LabelMask | null>(null);
  useEffect(() => {
    let current = true;
    if (!maskId) setMask(null);
    else {
      void (async () => {
        const record = await (await openSpotcheckDb()).get('masks', maskId);
        const decoded = record ? decodeLabelMask(new Uint8Array(await record.blob.arrayBuffer())) : null;
        if (current) setMask(decoded);
        // An unreadable mask leaves the image without an overlay; the verdict stays readable.
      })().catch(() => undefined);
    }
    return () => {
      current = false;
    };
  }, [maskId]);
  return mask;
}

export function TrialResultCard({ result, labels, selected, showMask, fixMaskPath, onSelect, onVerify }: TrialResultCardProps) {
  const { t } = useTranslation();
  const imageUrl = useStoredImageUrl(result.imageId, true);
  const mask = useStoredLabelMask(result.maskId);
  const { prediction } = result;
  return (
    <li
      className={selected ? 'result-card result-card-selected' : 'result-card'}
      data-testid="trial-result"
      data-file={result.fileName}
      data-verification={result.verification ?? 'unverified'}
    >
      <MaskedImage imageUrl={imageUrl} mask={mask} labels={labels} showMask={showMask} alt={result.fileName} />
      <div className="result-card-body">
        <label className="result-card-row">
          <input
            type="checkbox"
            checked={selected}
            onChange={(event) => onSelect(event.target.checked)}
            aria-label={t('trials:results.select', { name: result.fileName })}
          />
          <span className="result-card-name" title={result.fileName}>
            {result.fileName}
          </span>
        </label>
        {result.error !== null && <p className="field-problem">{t('trials:results.unreadable', { detail: result.error })}</p>}
        {!prediction && result.error === null && <span className="hint">{t('trials:results.pending')}</span>}
        {prediction && <VerdictFacts facts={prediction} labels={labels} />}
        {result.correction && <span className="badge">{t(`trials:results.corrected.${result.correction.classification}`)}</span>}
        {result.addedToDatasetId && <span className="badge badge-ok">{t('trials:results.added')}</span>}
        {prediction && (
          <div className="result-card-row" role="group" aria-label={t('trials:results.verification')}>
            {(['correct', 'incorrect'] as const).map((verdict) => (
              <button
                key={verdict}
                type="button"
                className="chip"
                aria-pressed={result.verification === verdict}
                onClick={() => onVerify(result.verification === verdict ? null : verdict)}
              >
                {t(`trials:results.${verdict}`)}
              </button>
            ))}
            {fixMaskPath && (
              <Link to={fixMaskPath} className="button-quiet">
                {t('trials:results.fixMask')}
              </Link>
            )}
          </div>
        )}
      </div>
    </li>
  );
}
