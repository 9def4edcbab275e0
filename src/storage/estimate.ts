// How much of the browser's storage Spotcheck uses, and the request that keeps it from being evicted.
// Both degrade to null where the StorageManager API is missing (older browsers, Node tests).

export interface StorageEstimate {
  usageBytes: number;
  quotaBytes: number;
  /** True when the browser promised not to evict Spotcheck's data under storage pressure. */
  persisted: boolean;
}

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

export async function readStorageEstimate(): Promise<StorageEstimate | null> {
  const storage = storageManager();
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (usage === undefined || quota === undefined) return null;
    const persisted = storage.persisted ? await storage.persisted() : false;
    return { usageBytes: usage, quotaBytes: quota, persisted };
  } catch {
    // Some contexts (opaque origins, locked-down webviews) refuse; the caller shows no usage then.
    return null;
  }
}

/** True/false as the browser answered, null where persistence cannot be requested. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = storageManager();
  if (!storage?.persist) return null;
  try {
    return await storage.persist();
  } catch {
    return null;
  }
}
