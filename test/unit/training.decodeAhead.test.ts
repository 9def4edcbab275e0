// Training decodes its stored pictures a few at a time (issue 14 item 6): the next ones decode while one
// is read, yet the engine gets them in stored order, progress counts up in order, no more than the
// look-ahead is in flight, and a cancel stops the decoding.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageSize } from '../../src/domain/types';
import type { SpotcheckDB } from '../../src/storage/schema';
import { readTrainingData, type StoredTrainingEntry } from '../../src/storage/trainingData';
import type { ImageDecoder } from '../../workers/runtime/detectionInput';
import { decodeTrainingImages } from '../../workers/training/trainingImages';
import { useFreshDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { nodeImageDecoder } from './helpers/nodeImageDecoder';
import { trainingVersion } from './helpers/storedModels';

const side = 64;
const size: ImageSize = { width: side, height: side };

let db: IDBPDatabase<SpotcheckDB>;
let entries: StoredTrainingEntry[];
useFreshDatabase((opened) => (db = opened));

beforeEach(async () => {
  const project = await writeSyntheticProject(db, { name: 'parts', seed: 3, side, normalCount: 8, perDefectCount: 3, defectTypes: ['scratch'] });
  const version = trainingVersion(project.id, 1, 'segmentation');
  await db.put('modelVersions', version);
  entries = (await readTrainingData(db, version.id)).train;
});

/**
 * The real Node decoder, with each decode held until the test lets it finish: the later pictures are let
 * go first, so the order the engine gets cannot come from the order the decodes end in.
 */
function heldDecoder() {
  const waiting: { file: Blob; finish: () => void }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const decoder: ImageDecoder = {
    async decodeFile(file, decodeSize) {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise<void>((finish) => waiting.push({ file, finish }));
      inFlight -= 1;
      return nodeImageDecoder.decodeFile(file, decodeSize);
    },
  };
  const releaseNewestFirst = () => {
    const held = waiting.splice(0);
    for (const { finish } of held.reverse()) finish();
    return held.length;
  };
  return { decoder, releaseNewestFirst, mostInFlight: () => mostInFlight };
}

/** Lets every held decode go, newest first, until the run settles. */
async function drive<Result>(run: Promise<Result>, release: () => number): Promise<Result> {
  let settled = false;
  const tracked = run.finally(() => (settled = true));
  tracked.catch(() => undefined);
  while (!settled) {
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return tracked;
}

describe('decoding the training pictures ahead', () => {
  it('keeps the stored order and counts progress in order while several decode at once', async () => {
    const { decoder, releaseNewestFirst, mostInFlight } = heldDecoder();
    const progress: number[] = [];
    const images = await drive(
      decodeTrainingImages(entries, size, decoder, (done) => progress.push(done)),
      releaseNewestFirst,
    );
    expect(images.map((image) => image.id)).toEqual(entries.map(({ entry }) => entry.id));
    expect(progress).toEqual(entries.map((_, index) => index + 1));
    const direct = await nodeImageDecoder.decodeFile(entries[5]!.image, size);
    expect(images[5]!.rgb[0]).toBe(direct!.frame.data[0]);
    expect(mostInFlight()).toBeGreaterThan(1);
    expect(mostInFlight()).toBeLessThanOrEqual(4);
  });

  it('stops at a cancel without decoding the rest', async () => {
    const { decoder, releaseNewestFirst } = heldDecoder();
    const started: Blob[] = [];
    const counting: ImageDecoder = {
      decodeFile: (file, decodeSize) => {
        started.push(file);
        return decoder.decodeFile(file, decodeSize);
      },
    };
    const controller = new AbortController();
    const run = decodeTrainingImages(entries, size, counting, (done) => done === 2 && controller.abort(new Error('Training was cancelled')), controller.signal);
    await expect(drive(run, releaseNewestFirst)).rejects.toThrow('Training was cancelled');
    expect(entries.length).toBeGreaterThan(8);
    expect(started.length).toBeLessThan(entries.length);
  });
});
