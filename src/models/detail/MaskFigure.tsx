// A test image's thumbnail with a label-index mask laid over it in the label colours (half transparent,
// pixels kept crisp), or the thumbnail alone when there is no mask or the overlay is switched off.
import { useEffect, useRef } from 'react';
import type { AnomalyLabel } from '../../domain/types';
import { paintOverlay } from '../../labeling/maskModel';
import type { DecodedMask } from './useTestImageMasks';

interface MaskFigureProps {
  caption: string;
  thumbnailUrl: string | null;
  mask: DecodedMask | null;
  labels: readonly AnomalyLabel[];
  showMask: boolean;
  testId: string;
}

export function MaskFigure({ caption, thumbnailUrl, mask, labels, showMask, testId }: MaskFigureProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !mask) return;
    canvas.width = mask.width;
    canvas.height = mask.height;
    const image = new ImageData(mask.width, mask.height);
    paintOverlay(mask.mask, labels, null, image.data);
    canvas.getContext('2d')!.putImageData(image, 0, 0);
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
