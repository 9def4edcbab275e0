// An image with its label mask laid over it, drawn by the one mask painter in the project's current label
// colours (background transparent, multiplied over the picture); the overlay can be hidden.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { drawLabelMask } from '../app/drawLabelMask';
import type { LabelMask } from '../contracts/prediction';
import type { AnomalyLabel } from '../domain/types';

interface MaskedImageProps {
  imageUrl: string | null;
  /** At any size; stretched over the image pixel for pixel. */
  mask: LabelMask | null;
  labels: readonly AnomalyLabel[];
  showMask: boolean;
  alt: string;
}

export function MaskedImage({ imageUrl, mask, labels, showMask, alt }: MaskedImageProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvasRef.current && mask) drawLabelMask(canvasRef.current, mask, labels);
  }, [mask, labels, showMask]);
  return (
    <span className="masked-image">
      {imageUrl ? <img src={imageUrl} alt={alt} draggable={false} /> : <span className="masked-image-placeholder" />}
      {mask && showMask && <canvas ref={canvasRef} className="masked-image-mask" role="img" aria-label={t('trials:mask.alt')} data-testid="mask-overlay" />}
    </span>
  );
}
