// The numeric limits of spec §5, in one place: every rule, importer and generator reads them here.

export const minImageSidePx = 64;
export const maxImageSidePx = 4096;

export const bytesPerMegabyte = 1024 * 1024;
export const maxImageBytes = 8 * bytesPerMegabyte;
export const maxManifestBytes = 1024 * bytesPerMegabyte;
/** Spotcheck: a CSV label file is read whole; 64 MB holds millions of rows. */
export const maxCsvBytes = 64 * bytesPerMegabyte;
/** Spotcheck: a model package's model.onnx (ours are a few MB; a 2 GB one froze the page). */
export const maxModelBytes = 200 * bytesPerMegabyte;
/** Spotcheck: a model package's model.json (labels, tags, warnings: kilobytes in practice). */
export const maxModelMetadataBytes = 1 * bytesPerMegabyte;
/** Spotcheck: everything one zip may unpack to, so a zip bomb is refused before it fills memory. */
export const maxArchiveUnpackedBytes = 2048 * bytesPerMegabyte;

export const maxLabelsPerProject = 100;
export const maxLabelsPerMask = 20;
export const maxTrialImages = 2000;

/** Images per dataset, by model type and dataset type. */
export const maxDatasetImages = {
  classification: { train: 16_000, test: 4_000 },
  segmentation: { train: 8_000, test: 800 },
} as const;
