// The message for each picture left out as a duplicate of a stored one with the opposite label (import panel,
// trial "Add verified images to dataset", capture): the picture is kept once and the user decides which label is right.
import type { TFunction } from 'i18next';
import type { SkippedDuplicate } from '../storage/importPlan';

export function duplicateConflictMessages(t: TFunction, skipped: readonly SkippedDuplicate[]): string[] {
  return skipped.flatMap(({ sourceRef, duplicateOf, conflictingLabels }) =>
    conflictingLabels
      ? [
          t('importPanel.duplicateConflict', {
            file: sourceRef,
            holder: duplicateOf,
            stored: t(`importPanel.class.${conflictingLabels.stored}`),
            skipped: t(`importPanel.class.${conflictingLabels.skipped}`),
          }),
        ]
      : [],
  );
}
