// Reading a project's anomaly labels (label management writes come with the labelling feature).
import type { IDBPDatabase } from 'idb';
import type { AnomalyLabel } from '../domain/types';
import type { SpotcheckDB } from './schema';

/** Ordered by mask index, the order labels were created in. */
export async function listAnomalyLabels(db: IDBPDatabase<SpotcheckDB>, projectId: string): Promise<AnomalyLabel[]> {
  const labels = await db.getAllFromIndex('anomalyLabels', 'by-project', projectId);
  return labels.sort((a, b) => a.index - b.index);
}
