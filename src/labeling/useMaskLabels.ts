// Which labels the editor's mask is painted with and which may paint now, while labels are added
// and deleted elsewhere (labelTracking.ts does the bookkeeping; this holds it across renders).
import { useMemo, useRef } from 'react';
import type { AnomalyLabel } from '../domain/types';
import { labelIndicesInMask } from '../storage/annotations';
import { deletedLabelsInMask, paintableLabels, reconcileLabels } from './labelTracking';

export interface MaskLabels {
  /** The label indices present in the mask. */
  maskIndices: ReadonlySet<number>;
  /** Index → the label its pixels were painted with, kept for labels deleted elsewhere meanwhile. */
  known: ReadonlyMap<number, AnomalyLabel>;
  /** Labels deleted elsewhere whose pixels are still in the mask: the mask cannot be saved. */
  deletedInMask: AnomalyLabel[];
  /** The current labels whose index still means them: the overlay colours and the picker's choices. */
  paintable: AnomalyLabel[];
  /** The label the user picked, or null when it cannot paint (deleted elsewhere, or its index taken). */
  activeLabel: AnomalyLabel | null;
  /** Records that `label` has just painted (it may not be listed yet). */
  painted(label: AnomalyLabel): void;
}

export function useMaskLabels(pixels: Uint8Array, labels: readonly AnomalyLabel[], currentLabel: AnomalyLabel | null): MaskLabels {
  const maskIndices = useMemo(() => labelIndicesInMask(pixels), [pixels]);
  const knownLabels = useRef<ReadonlyMap<number, AnomalyLabel>>(new Map());
  knownLabels.current = reconcileLabels(knownLabels.current, labels, maskIndices);
  const known = knownLabels.current;
  const deletedInMask = deletedLabelsInMask(known, labels, maskIndices);
  const paintable = useMemo(() => paintableLabels(known, labels), [known, labels]);

  // A label deleted elsewhere disappears from the picker; painting with it must stop too. One just
  // added here paints at once, before the re-read lists it.
  const listed = currentLabel !== null && labels.some((label) => label.id === currentLabel.id);
  const activeLabel = currentLabel && (listed ? paintable.some((label) => label.id === currentLabel.id) : !known.has(currentLabel.index)) ? currentLabel : null;

  return {
    maskIndices,
    known,
    deletedInMask,
    paintable,
    activeLabel,
    painted: (label) => {
      knownLabels.current = new Map(known).set(label.index, label);
    },
  };
}
