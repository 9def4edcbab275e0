// The station's verdict, readable from a distance and without colour vision: NORMAL or ANOMALY in
// large text, each with its own icon shape (circle with a check, triangle with "!") and border
// (solid, striped), plus confidence, score against threshold, per-label areas, FPS and latency.
import { useTranslation } from 'react-i18next';
import { currentLabelArea } from '../domain/masks/labelAreas';
import type { AnomalyLabel } from '../domain/types';
import type { InspectionReadout } from './cameraInspector';
import { formatDecimals } from '../i18n/format';

const percent = 100;

function VerdictIcon({ anomalous }: { anomalous: boolean }) {
  return anomalous ? (
    <svg className="verdict-icon" viewBox="0 0 48 48" aria-hidden="true">
      <path d="M24 4 46 44H2Z" fill="currentColor" />
      <path d="M22 17h4v14h-4zM22 35h4v4h-4z" fill="#fff" />
    </svg>
  ) : (
    <svg className="verdict-icon" viewBox="0 0 48 48" aria-hidden="true">
      <circle cx="24" cy="24" r="21" fill="currentColor" />
      <path d="m13 25 8 8 14-16" stroke="#fff" strokeWidth="5" fill="none" />
    </svg>
  );
}

export function VerdictPanel({ readout, labels }: { readout: InspectionReadout | null; labels: readonly AnomalyLabel[] }) {
  const { t } = useTranslation();
  const result = readout?.prediction ?? null;
  const areas = (result?.labelAreas ?? []).map((area) => currentLabelArea(area, labels));
  return (
    <aside className="verdict-panel">
      {result ? (
        <div
          className={result.isAnomalous ? 'verdict verdict-anomaly' : 'verdict verdict-normal'}
          data-testid="verdict"
          data-verdict={result.isAnomalous ? 'ANOMALY' : 'NORMAL'}
          role="status"
          aria-live="polite"
        >
          <VerdictIcon anomalous={result.isAnomalous} />
          <div>
            <p className="verdict-text">{result.isAnomalous ? t('camera:verdict.anomaly') : t('camera:verdict.normal')}</p>
            <p className="verdict-confidence" data-testid="verdict-confidence">
              {t('camera:verdict.confidence', { value: formatDecimals(result.confidence * percent, 1) })}
            </p>
          </div>
        </div>
      ) : (
        <div className="verdict verdict-none" data-testid="verdict" data-verdict="NONE">
          <p className="verdict-text">{t('camera:verdict.none')}</p>
        </div>
      )}
      {result && (
        <p className="hint" data-testid="verdict-score">
          {t('camera:verdict.score', { score: formatDecimals(result.score, 3), threshold: formatDecimals(result.threshold, 3) })}
        </p>
      )}
      {areas.length > 0 && (
        <table className="table label-areas" data-testid="label-areas">
          <caption>{t('camera:labels.caption')}</caption>
          <tbody>
            {areas.map((area) => (
              <tr key={area.index}>
                <td>
                  <span className="swatch" style={{ background: area.color }} /> {area.name}
                </td>
                <td>{t('camera:labels.area', { value: formatDecimals(area.area * percent, 2) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="facts camera-stats">
        <dt>{t('camera:stats.fps')}</dt>
        <dd data-testid="camera-fps">{formatDecimals(readout ? readout.framesPerSecond : 0, 1)}</dd>
        <dt>{t('camera:stats.latency')}</dt>
        <dd data-testid="camera-latency">{readout?.latencyMs != null ? t('camera:stats.ms', { value: Math.round(readout.latencyMs) }) : '–'}</dd>
        <dt>{t('camera:stats.roundTrip')}</dt>
        <dd data-testid="camera-round-trip">{readout?.roundTripMs != null ? t('camera:stats.ms', { value: Math.round(readout.roundTripMs) }) : '–'}</dd>
        <dt>{t('camera:stats.detections')}</dt>
        <dd data-testid="camera-detections">{readout?.detections ?? 0}</dd>
        <dt>{t('camera:stats.dropped')}</dt>
        <dd>{readout?.droppedFrames ?? 0}</dd>
        <dt>{t('camera:stats.invalid')}</dt>
        <dd>{readout?.invalidFrames ?? 0}</dd>
      </dl>
    </aside>
  );
}
