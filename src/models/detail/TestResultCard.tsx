// One test image in the results overview: correct or not at the previewed threshold, predicted vs actual
// class, confidence and score, and for segmentation models the predicted mask next to the ground truth.
import { formatDecimals, formatPercent } from '../../i18n/format';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestImageResult } from '../../contracts/evaluation';
import { isCorrect, predictedClass } from '../../domain/evaluation/thresholdPreview';
import type { AnomalyLabel, DatasetEntry } from '../../domain/types';
import { ClassBadge, LabelDots } from '../../app/EntryFacts';
import { useStoredImageUrl } from '../../app/useStoredImageUrl';
import { labelIndicesInMask } from '../../storage/annotations';
import { MaskFigure } from './MaskFigure';
import { useTestImageMasks } from './useTestImageMasks';

interface TestResultCardProps {
  modelVersionId: string;
  prediction: TestImageResult;
  /** Undefined when the image was removed from the dataset after training. */
  entry: DatasetEntry | undefined;
  labels: readonly AnomalyLabel[];
  segmentation: boolean;
  showMasks: boolean;
  scoreDecimals: number;
}

export const TestResultCard = memo(function TestResultCard({
  modelVersionId,
  prediction,
  entry,
  labels,
  segmentation,
  showMasks,
  scoreDecimals,
}: TestResultCardProps) {
  const { t } = useTranslation();
  const thumbnailUrl = useStoredImageUrl(entry?.imageId ?? '', true);
  const masks = useTestImageMasks(modelVersionId, prediction.entryId, entry?.maskId ?? null, segmentation);
  const predictedIndices = masks?.predicted ? labelIndicesInMask(masks.predicted.indices) : new Set<number>();
  const predictedLabels = labels.filter((label) => predictedIndices.has(label.index));
  const name = entry?.sourceRef ?? t('modelDetail:results.removedImage', { id: prediction.entryId });
  const correct = isCorrect(prediction);
  // Enlarged, the card spans the whole row so a small defect and its mask can be seen.
  const [enlarged, setEnlarged] = useState(false);
  const classes = ['test-result', correct ? 'test-result-correct' : 'test-result-incorrect', enlarged ? 'test-result-enlarged' : ''];
  return (
    <li className={classes.join(' ').trim()} data-entry-name={name} data-correct={correct}>
      <div className="test-result-pictures">
        <MaskFigure
          caption={segmentation ? t('modelDetail:results.predictedMask') : t('modelDetail:results.picture')}
          thumbnailUrl={thumbnailUrl}
          mask={masks?.predicted ?? null}
          labels={labels}
          showMask={showMasks}
          testId="predicted-mask"
        />
        {segmentation && (
          <MaskFigure
            caption={t('modelDetail:results.groundTruthMask')}
            thumbnailUrl={thumbnailUrl}
            mask={masks?.groundTruth ?? null}
            labels={labels}
            showMask={showMasks}
            testId="ground-truth-mask"
          />
        )}
      </div>
      <div className="test-result-heading">
        <p className="test-result-name" title={name}>
          {name}
        </p>
        <button type="button" className="button-quiet" aria-pressed={enlarged} onClick={() => setEnlarged((value) => !value)}>
          {enlarged ? t('modelDetail:results.shrink') : t('modelDetail:results.enlarge')}
        </button>
      </div>
      <p>
        <span className={`badge ${correct ? 'badge-ok' : 'badge-danger'}`}>
          {correct ? t('modelDetail:results.correct') : t('modelDetail:results.incorrect')}
        </span>
      </p>
      <dl className="test-result-facts">
        <dt>{t('modelDetail:results.predicted')}</dt>
        <dd data-testid="predicted-class">
          <ClassBadge classification={predictedClass(prediction)} />
        </dd>
        <dt>{t('modelDetail:results.actual')}</dt>
        <dd>
          <ClassBadge classification={prediction.actual} />
        </dd>
        <dt>{t('modelDetail:results.confidence')}</dt>
        <dd>{formatPercent(prediction.prediction.confidence)}</dd>
        <dt>{t('modelDetail:results.score')}</dt>
        <dd>{formatDecimals(prediction.prediction.score, scoreDecimals)}</dd>
      </dl>
      {predictedLabels.length > 0 && <LabelDots labels={predictedLabels} />}
    </li>
  );
});
