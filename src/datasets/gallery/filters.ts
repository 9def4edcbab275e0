// The gallery's filter chips and the storage query each one stands for.
import type { EntryFilterCounts, EntryQuery } from '../../storage/entries';

export type BaseFilter = 'all' | 'labeled' | 'unlabeled' | 'normal' | 'anomaly' | 'missingMask';
export type FilterKey = BaseFilter | `label:${string}`;

export const baseFilters: readonly BaseFilter[] = ['all', 'labeled', 'unlabeled', 'normal', 'anomaly', 'missingMask'];

export const labelFilter = (labelId: string): FilterKey => `label:${labelId}`;

/** The part of a storage query that a filter sets. */
export function queryFiltersFor(filter: FilterKey): Pick<EntryQuery, 'classification' | 'labelId' | 'hasMask'> {
  if (filter.startsWith('label:')) return { labelId: filter.slice('label:'.length) };
  switch (filter) {
    case 'labeled':
    case 'normal':
    case 'anomaly':
    case 'unlabeled':
      return { classification: filter };
    case 'missingMask':
      return { classification: 'anomaly', hasMask: false };
    default:
      return {};
  }
}

/** The number a filter chip shows; 0 for a label no image of the dataset uses. */
export function countFor(filter: FilterKey, counts: EntryFilterCounts): number {
  if (filter.startsWith('label:')) return counts.byLabel[filter.slice('label:'.length)] ?? 0;
  return counts[filter as BaseFilter];
}
