// One detection's verdict as the trial and file views show it (spec §4.1): Anomaly or Normal with its
// confidence, the raw score against the threshold in effect, and each label's share of the image.
import { useTranslation } from 'react-i18next';
import type { TrialPrediction } from '../domain/types';

type Facts = Pick<TrialPrediction, 'isAnomalous' | 'confidence' | 'anomalyScore' | 'anomalyThreshold' | 'labelAreas'>;

const percent = (fraction: number, digits = 1) => (100 * fraction).toFixed(digits);

export function VerdictFacts({ facts }: { facts: Facts }) {
  const { t } = useTranslation();
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
        {t('trials:verdict.score', { score: facts.anomalyScore.toFixed(3), threshold: facts.anomalyThreshold.toFixed(3) })}
      </span>
      {facts.labelAreas.length > 0 && (
        <ul className="label-areas" aria-label={t('trials:verdict.areas')}>
          {facts.labelAreas.map((area) => (
            <li key={area.label}>
              <span className="label-dot" style={{ background: area.color }} />
              <span>{area.label}</span>
              <span>{t('trials:verdict.area', { value: percent(area.area, 2) })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
