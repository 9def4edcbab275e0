// An image with a mask laid over it: the mask's white background multiplies away, so only the
// label colours tint the picture; the overlay can be hidden.
import { useTranslation } from 'react-i18next';

interface MaskedImageProps {
  imageUrl: string | null;
  /** Label colours on white at any size; stretched over the image pixel for pixel. */
  maskUrl: string | null;
  showMask: boolean;
  alt: string;
}

export function MaskedImage({ imageUrl, maskUrl, showMask, alt }: MaskedImageProps) {
  const { t } = useTranslation();
  return (
    <span className="masked-image">
      {imageUrl ? <img src={imageUrl} alt={alt} draggable={false} /> : <span className="masked-image-placeholder" />}
      {maskUrl && showMask && <img className="masked-image-mask" src={maskUrl} alt={t('trials:mask.alt')} data-testid="mask-overlay" draggable={false} />}
    </span>
  );
}
