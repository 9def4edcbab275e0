// Anomaly label management on a real (in-memory) IndexedDB: name and colour rules, distinct default
// colours, free indices, renames/recolours that leave masks untouched, deletes only when unused.
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { pickDistinctColor } from '../../src/domain/labelColors';
import type { Project } from '../../src/domain/types';
import { addAnomalyLabel, deleteAnomalyLabel, labelUsageCounts, listAnomalyLabels, recolorAnomalyLabel, renameAnomalyLabel } from '../../src/storage/labels';
import { createProject } from '../../src/storage/projects';
import type { SpotcheckDB } from '../../src/storage/schema';
import { seedFullProject } from '../fixtures/sampleProject';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';

let db: IDBPDatabase<SpotcheckDB>;
/** The sample project: `scratch` (#2ca02c, used by 2 images) and `dent` (#1f77b4, used by 1). */
let project: Project;
useFreshDatabase((opened) => (db = opened));

beforeEach(async () => {
  project = await seedFullProject(db, 'parts');
});

async function labelNamed(name: string) {
  const label = (await listAnomalyLabels(db, project.id)).find((candidate) => candidate.name === name);
  if (!label) throw new Error(`no label ${name}`);
  return label;
}

describe('pickDistinctColor', () => {
  it('gives 100 distinct lower-case #rrggbb colours, never white, each new next to the ones before', () => {
    const picked: string[] = [];
    for (let i = 0; i < 100; i += 1) picked.push(pickDistinctColor(picked));
    expect(new Set(picked).size).toBe(100);
    for (const color of picked) expect(color).toMatch(/^#[0-9a-f]{6}$/);
    expect(picked).not.toContain('#ffffff');
  });

  it('skips colours in use, compared ignoring case', () => {
    expect(pickDistinctColor([])).toBe('#1f77b4');
    expect(pickDistinctColor(['#1F77B4'])).toBe('#ff7f0e');
  });
});

describe('addAnomalyLabel', () => {
  it('adds a trimmed label with a lower-case colour at the next index', async () => {
    const label = await addAnomalyLabel(db, project.id, '  rust  ', '#AB12CD');
    expect(label).toEqual({ id: expect.any(String), projectId: project.id, name: 'rust', color: '#ab12cd', index: 3 });
    expect((await listAnomalyLabels(db, project.id)).map((each) => each.name)).toEqual(['scratch', 'dent', 'rust']);
  });

  it('picks a colour no other label has when none is given', async () => {
    const label = await addAnomalyLabel(db, project.id, 'rust');
    // #1f77b4 belongs to dent and #2ca02c to scratch.
    expect(label.color).toBe('#ff7f0e');
  });

  it('takes the lowest index no label holds, by the rule importers number mask values with', async () => {
    const fresh = await createProject(db, 'fresh');
    expect((await addAnomalyLabel(db, fresh.id, 'a')).index).toBe(1);
    const rust = await addAnomalyLabel(db, project.id, 'rust');
    const chip = await addAnomalyLabel(db, project.id, 'chip');
    await deleteAnomalyLabel(db, rust.id);
    expect([rust.index, chip.index, (await addAnomalyLabel(db, project.id, 'pit')).index]).toEqual([3, 4, 3]);
  });

  it.each<[string, string, string | undefined, string]>([
    ['an empty name', '   ', undefined, 'Enter a name for the anomaly label.'],
    ['a name over 64 characters', 'x'.repeat(65), undefined, `The anomaly label name “${'x'.repeat(24)}…” is 65 characters long; use at most 64.`],
    [
      'a name with a zero-width space (a look-alike of another)',
      'dent\u200B',
      undefined,
      'The anomaly label name “dent” contains invisible or text-direction characters (U+200B), which could make it look like another label. Type the name again without them.',
    ],
    [
      'a name with a right-to-left override',
      '\u202Etned',
      undefined,
      'The anomaly label name “tned” contains invisible or text-direction characters (U+202E), which could make it look like another label. Type the name again without them.',
    ],
    [
      'the background name',
      'Background',
      '#123456',
      'Anomaly label “Background” (#123456) would look like the background: the name background and the colour #ffffff are reserved.',
    ],
    [
      'the background colour',
      'rust',
      '#FFFFFF',
      'Anomaly label “rust” (#ffffff) would look like the background: the name background and the colour #ffffff are reserved.',
    ],
    ['a name taken ignoring case', 'DENT', '#123456', 'There is already an anomaly label named “DENT” (names are compared ignoring case).'],
    [
      'a colour taken ignoring case',
      'rust',
      '#2CA02C',
      'Anomaly label “rust” uses colour #2ca02c, which “scratch” already has. Each label needs its own colour.',
    ],
    ['a malformed colour', 'rust', '#12345', 'Anomaly label “rust” has colour “#12345”; use the form #rrggbb.'],
  ])('refuses %s and writes nothing', async (_case, name, color, message) => {
    const before = await snapshotDatabase(db);
    expect(await failureMessage(addAnomalyLabel(db, project.id, name, color))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('stores names in Unicode NFC, so one spelling never gives two look-alike labels', async () => {
    const stored = await addAnomalyLabel(db, project.id, 'cafe\u0301');
    expect(stored.name).toBe('caf\u00e9');
    expect(await failureMessage(addAnomalyLabel(db, project.id, 'CAFE\u0301'))).toBe(
      'There is already an anomaly label named “CAFÉ” (names are compared ignoring case).',
    );
  });

  it('accepts a 64-character name', async () => {
    expect((await addAnomalyLabel(db, project.id, 'y'.repeat(64))).name).toHaveLength(64);
  });

  it('refuses a 101st label with the spec §5 message', async () => {
    const fresh = await createProject(db, 'full');
    for (let i = 0; i < 100; i += 1) await addAnomalyLabel(db, fresh.id, `label-${i}`);
    const labels = await listAnomalyLabels(db, fresh.id);
    expect(new Set(labels.map((label) => label.color)).size).toBe(100);
    expect(labels.map((label) => label.index)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const before = await snapshotDatabase(db);
    expect(await failureMessage(addAnomalyLabel(db, fresh.id, 'one-more'))).toBe('This project already has 100 anomaly labels.');
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuses a project that no longer exists', async () => {
    expect(await failureMessage(addAnomalyLabel(db, crypto.randomUUID(), 'rust'))).toBe(
      'This project no longer exists. It may have been deleted in another tab.',
    );
  });
});

describe('renameAnomalyLabel and recolorAnomalyLabel', () => {
  it('change only the label record: masks keep their indices and bytes', async () => {
    const scratch = await labelNamed('scratch');
    const before = await snapshotDatabase(db);
    expect(await renameAnomalyLabel(db, scratch.id, ' Scuff ')).toEqual({ ...scratch, name: 'Scuff' });
    expect(await recolorAnomalyLabel(db, scratch.id, '#D62728')).toEqual({ ...scratch, name: 'Scuff', color: '#d62728' });

    const after = await snapshotDatabase(db);
    expect({ ...after, anomalyLabels: {} }).toEqual({ ...before, anomalyLabels: {} });
    expect(after.masks).toEqual(before.masks);
    expect(Object.keys(after.masks ?? {})).toHaveLength(3);
  });

  it('allow changing only the case of a name', async () => {
    const dent = await labelNamed('dent');
    expect((await renameAnomalyLabel(db, dent.id, 'Dent')).name).toBe('Dent');
  });

  it.each<[string, (labelId: string) => Promise<unknown>, string]>([
    [
      'a rename to another label’s name',
      (labelId) => renameAnomalyLabel(db, labelId, 'Dent'),
      'There is already an anomaly label named “Dent” (names are compared ignoring case).',
    ],
    ['a rename to nothing', (labelId) => renameAnomalyLabel(db, labelId, ' '), 'Enter a name for the anomaly label.'],
    [
      'a recolour to another label’s colour',
      (labelId) => recolorAnomalyLabel(db, labelId, '#1F77B4'),
      'Anomaly label “scratch” uses colour #1f77b4, which “dent” already has. Each label needs its own colour.',
    ],
    [
      'a recolour to white',
      (labelId) => recolorAnomalyLabel(db, labelId, '#ffffff'),
      'Anomaly label “scratch” (#ffffff) would look like the background: the name background and the colour #ffffff are reserved.',
    ],
  ])('refuse %s and write nothing', async (_case, change, message) => {
    const scratch = await labelNamed('scratch');
    const before = await snapshotDatabase(db);
    expect(await failureMessage(change(scratch.id))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('refuse a label that no longer exists', async () => {
    expect(await failureMessage(renameAnomalyLabel(db, crypto.randomUUID(), 'x'))).toBe(
      'This anomaly label no longer exists. It may have been deleted in another tab.',
    );
  });
});

describe('deleteAnomalyLabel and labelUsageCounts', () => {
  it('count the images using each label of the project', async () => {
    const [scratch, dent] = [await labelNamed('scratch'), await labelNamed('dent')];
    const unused = await addAnomalyLabel(db, project.id, 'rust');
    expect(await labelUsageCounts(db, project.id)).toEqual({ [scratch.id]: 2, [dent.id]: 1, [unused.id]: 0 });
  });

  it.each<[string, string]>([
    ['scratch', 'Anomaly label “scratch” cannot be deleted. Used by 2 images.'],
    ['dent', 'Anomaly label “dent” cannot be deleted. Used by 1 image.'],
  ])('refuse to delete %s while images use it, and write nothing', async (name, message) => {
    const label = await labelNamed(name);
    const before = await snapshotDatabase(db);
    expect(await failureMessage(deleteAnomalyLabel(db, label.id))).toBe(message);
    expect(await snapshotDatabase(db)).toEqual(before);
  });

  it('delete an unused label and nothing else', async () => {
    const before = await snapshotDatabase(db);
    const unused = await addAnomalyLabel(db, project.id, 'rust');
    await deleteAnomalyLabel(db, unused.id);
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
