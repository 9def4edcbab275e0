// One test image's predicted and ground-truth label-index masks, read and decoded while its card is
// shown (the page of results in view), so a large test set is never decoded at once.
import { useEffect, useState } from 'react';
import type { LabelMask } from '../../contracts/prediction';
import { decodeLabelMask } from '../../domain/png';
import { openSpotcheckDb } from '../../storage/db';
import { readTestImageMasks } from '../../storage/modelEvaluation';

export interface TestImageMasks {
  predicted: LabelMask | null;
  groundTruth: LabelMask | null;
}

async function decode(blob: Blob | undefined): Promise<LabelMask | null> {
  return blob ? decodeLabelMask(new Uint8Array(await blob.arrayBuffer())) : null;
}

/** Null while loading, or when `enabled` is false (a classification model has no masks to show). */
export function useTestImageMasks(modelVersionId: string, entryId: string, groundTruthMaskId: string | null, enabled: boolean): TestImageMasks | null {
  const [masks, setMasks] = useState<TestImageMasks | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    void (async () => {
      const blobs = await readTestImageMasks(await openSpotcheckDb(), modelVersionId, entryId, groundTruthMaskId);
      const decoded = { predicted: await decode(blobs.predicted), groundTruth: await decode(blobs.groundTruth) };
      if (current) setMasks(decoded);
      // An unreadable mask leaves the card without its overlay; the other results stay usable.
    })().catch(() => current && setMasks({ predicted: null, groundTruth: null }));
    return () => {
      current = false;
      setMasks(null);
    };
  }, [modelVersionId, entryId, groundTruthMaskId, enabled]);
  return masks;
}
