// The demo project's images and how they are stored: counts that meet the segmentation minimums,
// masks whose label indices agree with the entry labels, and one atomic write.
import { describe, expect, it } from 'vitest';
import { demoProject, nextDemoProjectName } from '../../src/domain/demoProject';
import { decodeLabelMaskPng, decodePng } from '../../src/domain/png';
import { defectLabelIndex, SYNTHETIC_DEFECTS } from '../../src/syntheticImages';
import { listDatasets, listEntries } from '../../src/storage/datasets';
import { openSpotcheckDb } from '../../src/storage/db';
import { writeNewProject } from '../../src/storage/importProject';
import { listAnomalyLabels } from '../../src/storage/labels';
import { renderDemoImages } from '../../workers/demo/demoImages';

const images = [...renderDemoImages()];

describe('demo project images', () => {
  it('has the configured normal images and enough per defect type to train a segmentation model', () => {
    expect(images.filter((image) => image.classification === 'normal')).toHaveLength(demoProject.normalCount);
    for (const defect of SYNTHETIC_DEFECTS) {
      const withDefect = images.filter((image) => image.labelNames.length === 1 && image.labelNames[0] === defect.name);
      expect(withDefect.length, defect.name).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(images.map((image) => image.sourceRef)).size).toBe(images.length);
  });

  it('encodes images at the project size and masks whose pixels carry exactly the entry labels', () => {
    for (const image of images) {
      const decoded = decodePng(image.png);
      expect([decoded.width, decoded.height]).toEqual([demoProject.width, demoProject.height]);
      if (image.classification === 'normal') {
        expect(image.maskPng).toBeNull();
        continue;
      }
      const { mask } = decodeLabelMaskPng(image.maskPng!);
      const presentIndices = new Set(mask);
      presentIndices.delete(0);
      const expectedIndices = image.labelNames.map((name) => defectLabelIndex(SYNTHETIC_DEFECTS.find((d) => d.name === name)!.type));
      expect([...presentIndices].sort()).toEqual(expectedIndices.sort());
    }
  });
});

describe('nextDemoProjectName', () => {
  it('takes the base name first, then the first free numbered one', () => {
    expect(nextDemoProjectName([])).toBe('demo-flange');
    expect(nextDemoProjectName(['demo-flange', 'demo-flange-3'])).toBe('demo-flange-2');
    expect(nextDemoProjectName(['demo-flange', 'demo-flange-2', 'demo-flange-3'])).toBe('demo-flange-4');
  });
});

describe('storing the demo project', () => {
  it('writes one train dataset with consistent stats, the three labels and every mask', async () => {
    const db = await openSpotcheckDb(`spotcheck-test-${crypto.randomUUID()}`);
    const project = await writeNewProject(db, {
      name: nextDemoProjectName([]),
      imageSize: { width: demoProject.width, height: demoProject.height },
      modelType: 'segmentation',
      labels: SYNTHETIC_DEFECTS.map(({ name, color }) => ({ name, color })),
      datasets: [
        {
          type: 'train',
          entries: images.map((image) => ({
            sourceRef: image.sourceRef,
            image: new Blob([image.png as Uint8Array<ArrayBuffer>], { type: 'image/png' }),
            width: demoProject.width,
            height: demoProject.height,
            classification: image.classification,
            labelNames: image.labelNames,
            ...(image.maskPng ? { mask: new Blob([image.maskPng as Uint8Array<ArrayBuffer>], { type: 'image/png' }) } : {}),
          })),
        },
      ],
    });
    const [dataset] = await listDatasets(db, project.id);
    const anomalyCount = images.length - demoProject.normalCount;
    expect(dataset!.imageStats).toEqual({ Total: images.length, Labeled: images.length, Normal: demoProject.normalCount, Anomaly: anomalyCount });
    const labels = await listAnomalyLabels(db, project.id);
    expect(labels.map((label) => [label.name, label.index])).toEqual(SYNTHETIC_DEFECTS.map((defect) => [defect.name, defectLabelIndex(defect.type)]));
    const entries = await listEntries(db, dataset!.id);
    expect(entries.filter((entry) => entry.maskId !== null)).toHaveLength(anomalyCount);
    db.close();
  });
});
