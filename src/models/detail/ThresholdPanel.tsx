// Threshold / sensitivity (spec §9 item 1): a slider over the test scores with live precision, recall,
// F1 and confusion counts on the test images, "save as this version's threshold" (detection re-reads it
// for every image, so it applies at once) and a restore of the threshold training calibrated.
import { formatDecimals, formatPercent } from '../../i18n/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/uiStore';
import type { ThresholdPreview, ThresholdSliderScale } from '../../domain/evaluation/thresholdPreview';
import type { ModelVersion } from '../../domain/types';
import { openSpotcheckDb } from '../../storage/db';
import { restoreTrainedThreshold, setModelThreshold } from '../../storage/modelThreshold';
import { ConfusionMatrix } from './ConfusionMatrix';

interface ThresholdPanelProps {
  version: ModelVersion;
  preview: ThresholdPreview;
  scale: ThresholdSliderScale;
  savedThreshold: number;
  trainedThreshold: number;
  onThresholdChange: (threshold: number) => void;
}

export function ThresholdPanel({ version, preview, scale, savedThreshold, trainedThreshold, onThresholdChange }: ThresholdPanelProps) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const [busy, setBusy] = useState(false);
  const score = (value: number) => formatDecimals(value, scale.decimals);

  async function store(write: () => Promise<ModelVersion>, message: (saved: number) => string) {
    setBusy(true);
    try {
      const updated = await write();
      showInfo(message(updated.anomalyThreshold!));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  const save = () =>
    store(
      async () => setModelThreshold(await openSpotcheckDb(), version.id, preview.threshold),
      (saved) => t('modelDetail:threshold.saved', { threshold: score(saved) }),
    );
  const restore = () =>
    store(
      async () => restoreTrainedThreshold(await openSpotcheckDb(), version.id),
      (saved) => t('modelDetail:threshold.restored', { threshold: score(saved) }),
    );

  return (
    <section className="model-detail-section" aria-labelledby="threshold-title">
      <h2 id="threshold-title">{t('modelDetail:threshold.title')}</h2>
      <p className="hint">{t('modelDetail:threshold.explain')}</p>
      <div className="threshold-slider">
        <label>
          <span>{t('modelDetail:threshold.slider')}</span>
          <input
            type="range"
            min={scale.min}
            max={scale.max}
            step={scale.step}
            value={preview.threshold}
            onChange={(event) => onThresholdChange(Number(event.target.value))}
          />
        </label>
        <output data-testid="threshold-value">{score(preview.threshold)}</output>
      </div>
      <dl className="model-facts">
        <div>
          <dt>{t('modelDetail:threshold.savedLabel')}</dt>
          <dd data-testid="saved-threshold">{score(savedThreshold)}</dd>
        </div>
        <div>
          <dt>{t('modelDetail:threshold.trainedLabel')}</dt>
          <dd data-testid="trained-threshold">{score(trainedThreshold)}</dd>
        </div>
      </dl>
      <dl className="tiles" data-testid="threshold-metrics">
        {(['precision', 'recall', 'f1'] as const).map((key) => (
          <div className="tile" key={key} data-metric={key}>
            <dt>{t(`modelDetail:summary.${key}`)}</dt>
            <dd>{formatPercent(preview[key])}</dd>
          </div>
        ))}
      </dl>
      <ConfusionMatrix
        counts={preview.counts}
        caption={t('modelDetail:threshold.confusionCaption', { threshold: score(preview.threshold) })}
        testId="threshold-confusion"
      />
      <div className="toolbar">
        <button type="button" onClick={save} disabled={busy || preview.threshold === savedThreshold}>
          {t('modelDetail:threshold.save')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => onThresholdChange(savedThreshold)}
          disabled={busy || preview.threshold === savedThreshold}
        >
          {t('modelDetail:threshold.backToSaved')}
        </button>
        <button type="button" className="button-secondary" onClick={restore} disabled={busy || savedThreshold === trainedThreshold}>
          {t('modelDetail:threshold.restore')}
        </button>
      </div>
    </section>
  );
}
