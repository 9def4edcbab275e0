// Versioned schema migrations, applied in order inside the upgrade transaction.
// Never edit a released migration: add the next one, raise SCHEMA_VERSION, and add a fixture
// test/fixtures/spotcheck-db-v<previous>.json so the upgrade from real old data stays tested.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { SpotcheckDB, StoreName } from './schema';
import { migrateTrialPredictions } from './trialPredictionMigration';

type UpgradeTransaction = IDBPTransaction<SpotcheckDB, StoreName[], 'versionchange'>;

export interface Migration {
  toVersion: number;
  description: string;
  /** Synchronous: only IndexedDB requests may run inside the upgrade transaction. */
  migrate(db: IDBPDatabase<SpotcheckDB>, transaction: UpgradeTransaction): void;
}

export const migrations: readonly Migration[] = [
  {
    toVersion: 1,
    description: 'Projects, datasets, entries, image and mask blobs, labels, models, trials, detections, settings',
    migrate(db) {
      db.createObjectStore('projects', { keyPath: 'id' }).createIndex('by-name', 'name', { unique: true });

      const datasets = db.createObjectStore('datasets', { keyPath: 'id' });
      datasets.createIndex('by-project', 'projectId');
      datasets.createIndex('by-project-type', ['projectId', 'type'], { unique: true });

      const entries = db.createObjectStore('entries', { keyPath: 'id' });
      entries.createIndex('by-dataset', 'datasetId');
      entries.createIndex('by-project', 'projectId');
      entries.createIndex('by-dataset-sourceRef', ['datasetId', 'sourceRef'], { unique: true });

      db.createObjectStore('images', { keyPath: 'id' });
      db.createObjectStore('masks', { keyPath: 'id' });

      db.createObjectStore('anomalyLabels', { keyPath: 'id' }).createIndex('by-project', 'projectId');

      const modelVersions = db.createObjectStore('modelVersions', { keyPath: 'id' });
      modelVersions.createIndex('by-project', 'projectId');
      modelVersions.createIndex('by-project-version', ['projectId', 'version'], { unique: true });

      db.createObjectStore('modelArtifacts', { keyPath: 'id' }).createIndex('by-model', 'modelVersionId');
      db.createObjectStore('trialJobs', { keyPath: 'id' }).createIndex('by-project', 'projectId');
      db.createObjectStore('trialResults', { keyPath: 'id' }).createIndex('by-job', 'jobId');
      db.createObjectStore('detectionEvents', { keyPath: 'id', autoIncrement: true }).createIndex('by-project', 'projectId');
      db.createObjectStore('settings');
    },
  },
  {
    toVersion: 2,
    description: 'Thumbnail blobs; detection events by project and time for dashboard ranges',
    migrate(db, transaction) {
      db.createObjectStore('thumbnails', { keyPath: 'id' });
      // Indexes existing events too, so the dashboard sees history recorded before the upgrade.
      transaction.objectStore('detectionEvents').createIndex('by-project-time', ['projectId', 'timestampMs']);
    },
  },
  {
    toVersion: 3,
    description: 'Entries by content hash (duplicate detection) and by anomaly label (usage counts, gallery filter)',
    migrate(_db, transaction) {
      const entries = transaction.objectStore('entries');
      // Older entries have no contentHash and stay out of this index; they remain listed as before.
      entries.createIndex('by-dataset-hash', ['datasetId', 'contentHash']);
      entries.createIndex('by-label', 'anomalyLabelIds', { multiEntry: true });
    },
  },
  {
    toVersion: 4,
    description: 'Trial results hold the one prediction type: score and threshold, label areas by label index',
    migrate(_db, transaction) {
      void migrateTrialPredictions(transaction).catch(() => transaction.abort());
    },
  },
];

/** Brings a database from `oldVersion` (0 when new) to `targetVersion`, one migration at a time. */
export function applyMigrations(db: IDBPDatabase<SpotcheckDB>, oldVersion: number, targetVersion: number, transaction: UpgradeTransaction): void {
  for (const migration of migrations) {
    if (migration.toVersion > oldVersion && migration.toVersion <= targetVersion) {
      migration.migrate(db, transaction);
    }
  }
}
