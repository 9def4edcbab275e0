// The bench's stress set (issue 13): each held-out NORMAL photo re-framed and re-lit as a camera might see the
// same good part tomorrow. Every variant must stay normal; the share flagged is the stress false-alarm rate.
import { changeTone, paintEdgeStrip, warpAffine } from '../../workers/engine/augmentation/imageTransforms';
import type { RgbImage } from '../../workers/engine/augmentation/imageTransforms';

export interface StressVariant {
  name: string;
  apply: (image: RgbImage) => RgbImage;
}

/** Shift as a share of the image side, so it means the same at every project size. */
const shiftShare = 0.05;
const rotationDegrees = 4;
const rescale = 0.1;
const toneChange = 0.15;
/** A tray edge or table strip entering the frame: dark, 10 % of the side. */
const stripShare = 0.1;
const trayEdgeColor = [35, 32, 30] as const;

export const stressVariants: readonly StressVariant[] = [
  { name: 'shift right 5%', apply: (image) => warpAffine(image, { shiftX: shiftShare * image.width }) },
  { name: 'shift up 5%', apply: (image) => warpAffine(image, { shiftY: -shiftShare * image.height }) },
  { name: 'rotate +4°', apply: (image) => warpAffine(image, { rotationDegrees }) },
  { name: 'rotate −4°', apply: (image) => warpAffine(image, { rotationDegrees: -rotationDegrees }) },
  { name: 'scale 90%', apply: (image) => warpAffine(image, { scale: 1 - rescale }) },
  { name: 'scale 110%', apply: (image) => warpAffine(image, { scale: 1 + rescale }) },
  { name: 'brighter, less contrast', apply: (image) => changeTone(image, { brightness: 1 + toneChange, contrast: 1 - toneChange }) },
  { name: 'darker, more contrast', apply: (image) => changeTone(image, { brightness: 1 - toneChange, contrast: 1 + toneChange }) },
  { name: 'dark strip bottom', apply: (image) => paintEdgeStrip(image, { side: 'bottom', share: stripShare, color: trayEdgeColor }) },
  { name: 'dark strip left', apply: (image) => paintEdgeStrip(image, { side: 'left', share: stripShare, color: trayEdgeColor }) },
];
