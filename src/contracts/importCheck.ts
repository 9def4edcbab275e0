// The proof an imported model package gives of itself (spec §9 item 4): the test results it carries
// (`evaluation.json` in the package) and what re-running it on this device's matching test images found.
// Written by the package export, compared in src/domain/evaluation/importCheck.ts, kept on the model version.

/** One test image as the source device judged it: its name and content hash, score and the threshold its verdict used. */
export interface PackagedTestResult {
  file: string;
  contentHash?: string;
  score: number;
  threshold: number;
  isAnomalous: boolean;
}

/** One test image whose re-run disagreed: `got` is null when the image could not be judged here. */
export interface ImportCheckMismatch {
  file: string;
  expected: { score: number; isAnomalous: boolean };
  got: { score: number; isAnomalous: boolean } | null;
}

export type ImportCheckSkipReason = 'noTestResults' | 'noTestImages';

/** The outcome kept on an imported version: checked on `images` test images, or skipped (start allowed) with the reason. */
export type ImportCheck = { checkedAt: string; images: number; mismatches: ImportCheckMismatch[] } | { skipped: ImportCheckSkipReason };
