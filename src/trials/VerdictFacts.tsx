// One detection's verdict as the trial and file views show it (spec §4.1): Anomaly or Normal with its
// confidence, the score against the threshold in effect, and each label's share of the image, named and
// coloured as the label is now.
import { useTranslation } from 'react-i18next';
import type { StoredPrediction } from '../contracts/prediction';
import { currentLabelArea } from '../domain/masks/labelAreas';
import type { AnomalyLabel } from '../domain/types';
import { formatDecimals } from '../i18n/format';

type Facts = Pick<StoredPrediction, 'isAnomalous' | 'confidence' | 'score' | 'threshold' | 'labelAreas'>;

const percent = (fraction: number, digits = 1) => formatDecimals(100 * fraction, digits);

export function VerdictFacts({ facts, labels }: { facts: Facts; labels: readonly AnomalyLabel[] }) {
  const { t } = useTranslation();
  const areas = facts.labelAreas.map((area) => currentLabelArea(area, labels));
  const verdict = facts.isAnomalous ? 'anomaly' : 'normal';
  return (
    <>
      <div className="result-card-row">
        <span className={`verdict verdict-${verdict}`} data-testid="verdict" data-verdict={verdict}>
          {t(`trials:verdict.${verdict}`)}
        </span>
        <span data-testid="confidence">{t('trials:verdict.confidence', { value: percent(facts.confidence) })}</span>
      </div>
      <span className="hint" data-testid="score">
        {t('trials:verdict.score', { score: formatDecimals(facts.score, 3), threshold: formatDecimals(facts.threshold, 3) })}
      </span>
      {areas.length > 0 && (
        <ul className="label-areas" aria-label={t('trials:verdict.areas')}>
          {areas.map((area) => (
            <li key={area.index} data-testid="label-area">
              <span className="label-dot" style={{ background: area.color }} />
              <span>{area.name}</span>
              <span>{t('trials:verdict.area', { value: percent(area.area, 2) })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
