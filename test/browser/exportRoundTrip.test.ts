// Dataset export → zip → new project, in real Chromium with real IndexedDB: the same entries,
// classes, labels (names and colours) and mask pixels come back.
import { describe, expect, it } from 'vitest';
import { decodeLabelMaskPng, encodeLabelMaskPng, encodeRgbaPng } from '../../src/domain/png';
import { renderSyntheticSample, SYNTHETIC_DEFECTS, type DefectType } from '../../src/syntheticImages';
import { importProjectZip } from '../../src/projects/importProjectZip';
import { listDatasets, listEntries } from '../../src/storage/datasets';
import { openSpotcheckDb } from '../../src/storage/db';
import { readExportSource } from '../../src/storage/exportData';
import { writeNewProject } from '../../src/storage/importProject';
import { listAnomalyLabels } from '../../src/storage/labels';
import type { Project } from '../../src/domain/types';
import { importWorker } from '../../src/app/workers';

const size = { width: 96, height: 80 };
const png = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });

function entry(sourceRef: string, seed: number, defects: DefectType[]) {
  const sample = renderSyntheticSample({ seed, ...size, defects });
  const names = defects.map((type) => SYNTHETIC_DEFECTS.find((defect) => defect.type === type)!.name);
  return {
    sourceRef,
    image: png(encodeRgbaPng(sample.rgba, size.width, size.height)),
    ...size,
    classification: defects.length > 0 ? ('anomaly' as const) : ('normal' as const),
    labelNames: names,
    humanAnnotated: true,
    jobName: 'round-trip',
    ...(defects.length > 0 ? { mask: png(encodeLabelMaskPng(sample.mask, size.width, size.height)) } : {}),
  };
}

/** Per dataset type and source-ref: class, label names, and the mask as label names per pixel. */
async function describeProject(project: Project) {
  const db = await openSpotcheckDb();
  const labels = await listAnomalyLabels(db, project.id);
  const nameByIndex = new Map(labels.map((label) => [label.index, label.name]));
  const described: Record<string, unknown> = {};
  for (const dataset of await listDatasets(db, project.id)) {
    for (const stored of await listEntries(db, dataset.id)) {
      const maskBlob = stored.maskId ? (await db.get('masks', stored.maskId))!.blob : null;
      const pixels = maskBlob
        ? Array.from(decodeLabelMaskPng(new Uint8Array(await maskBlob.arrayBuffer())).mask, (index) => nameByIndex.get(index) ?? 'background')
        : null;
      described[`${dataset.type}:${stored.sourceRef}`] = {
        classification: stored.classification,
        labels: stored.anomalyLabelIds.map((id) => labels.find((label) => label.id === id)!.name).sort(),
        pixels,
        size: [stored.width, stored.height],
      };
    }
  }
  return { labels: labels.map(({ name, color }) => ({ name, color })), described };
}

describe('dataset export and re-import', () => {
  it('reproduces entries, labels and mask pixels exactly, train and test', async () => {
    const db = await openSpotcheckDb();
    const original = await writeNewProject(db, {
      name: `round-trip-${Date.now()}`,
      imageSize: size,
      modelType: 'segmentation',
      labels: SYNTHETIC_DEFECTS.map(({ name, color }) => ({ name, color })),
      datasets: [
        {
          type: 'train',
          entries: [entry('normal/a.png', 1, []), entry('anomaly/b.png', 2, ['scratch']), entry('anomaly/c.png', 3, ['dent', 'missing-component'])],
        },
        { type: 'test', entries: [entry('normal/a.png', 4, []), entry('anomaly/d.png', 5, ['dent'])] },
      ],
    });
    const report = await importWorker.run(async (api) => api.buildDatasetZip(await readExportSource(db, original.id)));
    expect(report.exported).toBe(5);
    expect(report.leftOut).toEqual([]);

    const { project: copy, warnings } = await importProjectZip(
      new File([report.zip], `${original.name}.zip`),
      `${original.name}-copy`,
      new AbortController().signal,
    );
    expect(warnings).toEqual([]);
    const [before, after] = await Promise.all([describeProject(original), describeProject(copy)]);
    expect(after.labels).toEqual(before.labels);
    expect(Object.keys(after.described).sort()).toEqual(Object.keys(before.described).sort());
    expect(after.described).toEqual(before.described);
    expect((await listDatasets(db, copy.id)).map((dataset) => [dataset.type, dataset.imageStats.Total])).toEqual([
      ['train', 3],
      ['test', 2],
    ]);
  });
});
