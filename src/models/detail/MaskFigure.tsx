// A test image's thumbnail with a label-index mask laid over it in the label colours (half transparent,
// pixels kept crisp), or the thumbnail alone when there is no mask or the overlay is switched off.
import { useEffect, useRef } from 'react';
import { drawLabelMask } from '../../app/drawLabelMask';
import type { LabelMask } from '../../contracts/prediction';
import type { AnomalyLabel } from '../../domain/types';

interface MaskFigureProps {
  caption: string;
  thumbnailUrl: string | null;
  mask: LabelMask | null;
  labels: readonly AnomalyLabel[];
  showMask: boolean;
  testId: string;
}

export function MaskFigure({ caption, thumbnailUrl, mask, labels, showMask, testId }: MaskFigureProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !mask) return;
    drawLabelMask(canvas, mask, labels);
  }, [mask, labels, showMask]);
  return (
    <figure className="mask-figure" data-testid={testId}>
      <div className="mask-figure-picture">
        {thumbnailUrl ? <img src={thumbnailUrl} alt="" draggable={false} /> : <span className="gallery-tile-placeholder" />}
        {mask && showMask && <canvas ref={canvasRef} className="mask-figure-overlay" />}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
