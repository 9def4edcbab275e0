// Every bad input of issue 3 that the pure import layer can decide, with the exact English
// message the user reads (rendered by describeError, user text kept literal).
import { describe, expect, it } from 'vitest';
import { convertCsvLabels } from '../../src/domain/csvLabels/convert';
import { isUserFacingError } from '../../src/domain/errors';
import { checkManifestSize } from '../../src/domain/manifest/lines';
import { parseManifest } from '../../src/domain/manifest/parse';
import { PathIndex, resolveReference } from '../../src/domain/manifest/references';
import type { ColorMapEntry } from '../../src/domain/manifest/types';
import { importMask } from '../../src/domain/masks/importMask';
import { LabelRegistry } from '../../src/domain/masks/labelRegistry';
import { encodeRgbaPng } from '../../src/domain/png';
import { validateArchivePath } from '../../src/domain/rules/archivePath';
import { checkImageFile } from '../../src/domain/rules/imageFile';
import { issueToError, type ValidationIssue } from '../../src/domain/rules/issues';
import { maxManifestBytes } from '../../src/domain/rules/limits';
import { checkDatasetCapacity, checkTrialImageCount } from '../../src/domain/rules/quotas';
import { describeError } from '../../src/i18n';

const file = 'train.manifest';
const classification = (className: string, humanAnnotated: unknown = 'yes') => ({
  'anomaly-label': 1,
  'anomaly-label-metadata': { 'class-name': className, 'human-annotated': humanAnnotated, type: 'groundtruth/image-classification' },
});
const manifestLine = (object: object) => JSON.stringify(object);

const dentMap: ColorMapEntry[] = [{ className: 'dent', hexColor: '#1f77b4', isBackground: false }];
const dentPng = encodeRgbaPng(Uint8Array.of(0x1f, 0x77, 0xb4, 255, 0, 0, 0, 0), 2, 1);
const maskInput = { mask: 'masks/a.png', line: 2, colorMap: dentMap, imageSize: null, registry: new LabelRegistry([]) };

const index = new PathIndex(['train/a.png', 'test/a.png', 'train/b.png']);

/** Messages of a check that returns issues or throws a UserFacingError. */
function messages(check: () => readonly (ValidationIssue | null)[] | unknown): string[] {
  try {
    const result = check();
    const issues = (Array.isArray(result) ? result : []) as (ValidationIssue | null)[];
    return issues.filter((issue) => issue !== null).map((issue) => describeError(issueToError(issue)));
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    return [describeError(error)];
  }
}

const csv = (csvText: string) => () => {
  const result = convertCsvLabels({ csvName: 'labels.csv', csvText, now: new Date(0) });
  return result.ok ? [] : [result.issue];
};

const cases: [string, () => unknown, string[]][] = [
  [
    'manifest line that is not JSON',
    () => parseManifest(`{"source-ref":"a.png"}\nsource-ref=b.png`, file).issues,
    ['train.manifest, line 2 is not valid JSON. Each line must hold one complete JSON object; fix the line and import again.'],
  ],
  [
    'manifest line missing a required key',
    () => parseManifest(manifestLine(classification('normal')), file).issues,
    ['train.manifest, line 1: the required key source-ref is missing. Add it and import again.'],
  ],
  [
    'manifest line with a wrong type',
    () => parseManifest(manifestLine({ 'source-ref': 7, ...classification('normal', true) }), file).issues,
    [
      'train.manifest, line 1: source-ref must be text (a JSON string). Fix the value and import again.',
      'train.manifest, line 1: anomaly-label-metadata.human-annotated must be text (a JSON string). Fix the value and import again.',
    ],
  ],
  [
    'manifest line with a yes/no answer that is neither',
    () => parseManifest(manifestLine({ 'source-ref': 'a.png', ...classification('normal', 'sure') }), file).issues,
    ['train.manifest, line 1: anomaly-label-metadata.human-annotated must be "yes" or "no". Fix the value and import again.'],
  ],
  [
    'manifest line that is JSON but not an object',
    () => parseManifest('["a.png"]', file).issues,
    ['train.manifest, line 1 is JSON but not an object. Each line must hold one JSON object {…} describing one image.'],
  ],
  [
    'manifest line with two label attributes',
    () =>
      parseManifest(
        manifestLine({ 'source-ref': 'a.png', ...classification('normal'), b: 0, 'b-metadata': classification('normal')['anomaly-label-metadata'] }),
        file,
      ).issues,
    ['train.manifest, line 1 has several label attributes (anomaly-label, b). Keep only one whose -metadata type is groundtruth/image-classification.'],
  ],
  [
    'manifest line with a mask but no label attribute',
    () =>
      parseManifest(
        manifestLine({
          'source-ref': 'a.png',
          'm-ref': 'm.png',
          'm-ref-metadata': { 'internal-color-map': {}, 'human-annotated': 'yes', type: 'groundtruth/semantic-segmentation' },
        }),
        file,
      ).issues,
    [
      'train.manifest, line 1 has a mask (m-ref) but no label attribute. Add a key such as anomaly-label with anomaly-label-metadata of type groundtruth/image-classification.',
    ],
  ],
  [
    'mask key not ending in -ref',
    () =>
      parseManifest(
        manifestLine({ 'source-ref': 'a.png', ...classification('anomaly'), mask: 'm.png', 'mask-metadata': { type: 'groundtruth/semantic-segmentation' } }),
        file,
      ).issues,
    [
      'train.manifest, line 1: mask-metadata has type groundtruth/semantic-segmentation, but a mask ref key must end in -ref (for example anomaly-mask-ref). Rename the key and import again.',
    ],
  ],
  [
    'colour map with a bad colour and a shared colour',
    () => {
      const map = {
        0: { 'class-name': 'dent', 'hex-color': 'blue' },
        1: { 'class-name': 'dent', 'hex-color': '#00FF00' },
        2: { 'class-name': 'scratch', 'hex-color': '#00ff00' },
      };
      const line = {
        'source-ref': 'a.png',
        ...classification('anomaly'),
        'x-ref': 'm.png',
        'x-ref-metadata': { 'internal-color-map': map, 'human-annotated': 'yes', type: 'groundtruth/semantic-segmentation' },
      };
      return parseManifest(manifestLine(line), file).issues;
    },
    [
      'train.manifest, line 1: x-ref-metadata.internal-color-map.0.hex-color is “blue”; use the form #rrggbb.',
      'train.manifest, line 1: the colour map gives #00ff00 to both dent and scratch. Give each label its own colour.',
    ],
  ],
  [
    'mask on a normal line (warning)',
    () => {
      const line = {
        'source-ref': 'a.png',
        ...classification('normal'),
        'x-ref': 'm.png',
        'x-ref-metadata': { 'internal-color-map': {}, 'human-annotated': 'yes', type: 'groundtruth/semantic-segmentation' },
      };
      return parseManifest(manifestLine(line), file).issues;
    },
    ['train.manifest, line 1: image a.png is labelled normal but has a mask; the mask m.png is ignored.'],
  ],
  [
    'repeated source-ref (warning)',
    () => parseManifest('{"source-ref":"a.png"}\n{"source-ref":"a.png"}', file).issues,
    ['train.manifest, line 2 repeats a.png from line 1; the later line is used.'],
  ],
  [
    'pretty-printed manifest object',
    () => parseManifest(JSON.stringify({ 'source-ref': 'a.png' }, null, 2), file).issues,
    ['train.manifest, lines 1–3 hold one JSON object spread over several lines. Write each object on a single line (JSON Lines) and import again.'],
  ],
  ['empty manifest file', () => [checkManifestSize(file, 0)], ['train.manifest is empty (0 bytes). Choose the manifest that lists your images.']],
  [
    'manifest of blank lines',
    () => parseManifest('\n\n', file).issues,
    ['train.manifest contains no manifest lines. Choose the manifest that lists your images, one JSON object per line.'],
  ],
  [
    'manifest over 1 GB',
    () => [checkManifestSize(file, maxManifestBytes + 1)],
    ['Manifest files larger than 1 GB cannot be imported. Split train.manifest into several manifests and import them one by one.'],
  ],
  [
    'reference to a missing file',
    () => [resolveReference('s3://bucket/c.png', index, { file, line: 4 })].map((r) => (r.ok ? null : r.issue)),
    [
      'train.manifest, line 4: s3://bucket/c.png was not found among the imported files. Add the file to the folder or zip you import, or correct the reference.',
    ],
  ],
  [
    'ambiguous reference',
    () => [resolveReference('a.png', index, { file, line: 5 })].map((r) => (r.ok ? null : r.issue)),
    [
      'train.manifest, line 5: a.png is an ambiguous reference; it matches test/a.png, train/a.png. Write a longer path in the manifest so that it matches one file.',
    ],
  ],
  [
    'HTML in a name, shown literally',
    () => [resolveReference('<b>gone.png', index, { file, line: 6 })].map((r) => (r.ok ? null : r.issue)),
    ['train.manifest, line 6: <b>gone.png was not found among the imported files. Add the file to the folder or zip you import, or correct the reference.'],
  ],
  [
    'HTML in a class name, shown literally',
    () => parseManifest(manifestLine({ 'source-ref': 'a.png', ...classification('<b>odd</b>') }), file).issues,
    [
      'train.manifest, line 1: class-name “<b>odd</b>” is neither normal nor anomaly, so the image is imported unlabeled. Label it in the gallery or fix the line.',
    ],
  ],
  [
    'mask that is a renamed JPEG',
    () => importMask({ ...maskInput, maskBytes: Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0, 0, 0, 0) }).issues,
    ['masks/a.png is a JPEG, not a PNG. Renaming a file does not convert it. Save the mask as PNG and import again.'],
  ],
  [
    'mask colour not in the colour map',
    () => importMask({ ...maskInput, maskBytes: encodeRgbaPng(Uint8Array.of(0x1f, 0x77, 0xb4, 255, 9, 9, 9, 255, 9, 9, 9, 255), 3, 1) }).issues,
    [
      'Line 2, masks/a.png: colour #090909 (2 pixels) is not in the colour map (known: #1f77b4, #ffffff). Map the colour to a label or to the background, or fix the mask.',
    ],
  ],
  [
    'mask in another format',
    () => importMask({ ...maskInput, maskBytes: new TextEncoder().encode('GIF89a-mask') }).issues,
    ['masks/a.png is in another format, not a PNG. Renaming a file does not convert it. Save the mask as PNG and import again.'],
  ],
  [
    'truncated mask PNG',
    () => importMask({ ...maskInput, maskBytes: dentPng.subarray(0, 40) }).issues,
    ['masks/a.png starts like a PNG but cannot be read (damaged or truncated). Export the mask again and import it.'],
  ],
  [
    'mask without anomaly pixels, and a map colour without pixels (warning)',
    () => importMask({ ...maskInput, maskBytes: encodeRgbaPng(Uint8Array.of(255, 255, 255, 255), 1, 1) }).issues,
    [
      'Line 2: label dent (#1f77b4) has no pixels in masks/a.png. It is ignored for that image.',
      'Line 2, masks/a.png: the image is labelled anomaly but its mask has no anomaly pixels. Paint the anomaly in the mask, or label the image normal.',
    ],
  ],
  [
    'mask with many unknown colours',
    () => {
      const colors = Array.from({ length: 12 }, (_, i) => [i, 0, 0, 255]);
      return importMask({ ...maskInput, maskBytes: encodeRgbaPng(Uint8Array.from([0x1f, 0x77, 0xb4, 255, ...colors.flat()]), 13, 1) }).issues.slice(-1);
    },
    ["Line 2, masks/a.png: 2 more colours are not in the colour map. The mask's colour histogram lists them all."],
  ],
  [
    'mask of another size than its image',
    () => importMask({ ...maskInput, maskBytes: dentPng, imageSize: { width: 576, height: 768 } }).issues,
    ['masks/a.png is 2×1 but its image is 576×768. Fix the mask so that it matches its image.'],
  ],
  [
    'more than 20 labels in a mask',
    () => {
      const colors = Array.from({ length: 21 }, (_, i) => [i, 0, 0, 255]);
      const colorMap = colors.map(([r]): ColorMapEntry => ({ className: `l${r}`, hexColor: `#${r!.toString(16).padStart(2, '0')}0000`, isBackground: false }));
      return importMask({ ...maskInput, colorMap, maskBytes: encodeRgbaPng(Uint8Array.from(colors.flat()), 21, 1) }).issues;
    },
    ['Line 2, masks/a.png uses 21 anomaly labels. An image can carry at most 20 anomaly labels; merge some of them in the mask.'],
  ],
  [
    'more than 100 labels in a project that has 3',
    () => {
      const registry = new LabelRegistry(
        Array.from({ length: 3 }, (_, i) => ({ name: `l${i}`, color: `#00${i.toString(16).padStart(2, '0')}00`, index: i + 1 })),
      );
      for (let i = 0; i < 97; i++) registry.labelFor(`new${i}`, '#123456', { mask: 'masks/earlier.png', line: 1 });
      return importMask({ ...maskInput, registry, maskBytes: dentPng }).issues;
    },
    [
      'Line 2, masks/a.png: the new label “dent” would give this project 101 anomaly labels (it has 3, and this import adds 98); the maximum is 100. Nothing was imported; reuse existing label names in the colour maps or delete unused labels first.',
    ],
  ],
  [
    'a label name over 64 characters in a colour map',
    () => {
      const colorMap: ColorMapEntry[] = [{ className: 'd'.repeat(300), hexColor: '#1f77b4', isBackground: false }];
      return importMask({ ...maskInput, registry: new LabelRegistry([]), colorMap, maskBytes: dentPng }).issues;
    },
    [
      `Line 2, masks/a.png: the label name “${'d'.repeat(24)}…” in the colour map is 300 characters long; a label name may have at most 64. Shorten it in the manifest and import again.`,
    ],
  ],
  [
    'a label name with a bidirectional override in a colour map',
    () => {
      const colorMap: ColorMapEntry[] = [{ className: 'de\u202Ent', hexColor: '#1f77b4', isBackground: false }];
      return importMask({ ...maskInput, registry: new LabelRegistry([]), colorMap, maskBytes: dentPng }).issues;
    },
    [
      'Line 2, masks/a.png: the label name “dent” in the colour map contains invisible or text-direction characters (U+202E), which could make it look like another label. Remove them in the manifest and import again.',
    ],
  ],
  [
    'CSV with duplicates and bad classes',
    csv('a.png,normal\na.png,anomaly\nb.png,scratched'),
    ['Problems found: see labels_errors.csv; fix them or re-import labels_deduplicated.csv.'],
  ],
  [
    'CSV mixing paths and file names',
    csv('train/a.png,normal\nb.png,anomaly'),
    ['labels.csv mixes paths and file names (line 1 has a path, line 2 only a file name). Give a path on every row or on none.'],
  ],
  [
    'CSV with a line of three columns',
    csv('a.png,normal\nb.png,anomaly,extra'),
    ['labels.csv: line(s) 2 do not have exactly two columns. Each line needs image,classification (no header row).'],
  ],
  ['empty CSV', csv(''), ['labels.csv has no rows. Each line needs two columns, image and classification (no header row).']],
  ['zip entry without a name', () => validateArchivePath(''), ['The zip holds an entry without a name (“”). Nothing was imported; re-create the zip.']],
  [
    'zip entry with ..',
    () => validateArchivePath('images/../../evil.png'),
    ['The zip entry images/../../evil.png points outside the zip (an absolute path or ..). Nothing was imported; re-create the zip with relative paths.'],
  ],
  [
    'zip entry with an absolute path',
    () => validateArchivePath('/etc/passwd'),
    ['The zip entry /etc/passwd points outside the zip (an absolute path or ..). Nothing was imported; re-create the zip with relative paths.'],
  ],
  [
    'empty image file',
    () => checkImageFile({ file: 'a.png', byteLength: 0, format: 'other' }, null),
    ['a.png is empty (0 bytes). It was skipped; copy the file again from its source.'],
  ],
  [
    'non-image with an image extension',
    () => checkImageFile({ file: 'notes.jpg', byteLength: 20, format: 'other' }, null),
    ['notes.jpg is not a PNG or JPEG image. It was skipped; convert it to PNG or JPEG to import it.'],
  ],
  [
    'image too small',
    () => checkImageFile({ file: 'tiny.png', byteLength: 900, format: 'png', size: { width: 32, height: 64 } }, null),
    ['tiny.png is 32×64; images must be at least 64×64. Use a larger image.'],
  ],
  [
    'image too large',
    () => checkImageFile({ file: 'huge.jpg', byteLength: 900, format: 'jpeg', size: { width: 5000, height: 3000 } }, null),
    ['huge.jpg is 5000×3000; the maximum is 4096×4096. Downscale it to at most 4096×4096.'],
  ],
  [
    'image file over 8 MB',
    () => checkImageFile({ file: 'big.png', byteLength: 9_500_000, format: 'png', size: { width: 576, height: 768 } }, null),
    ['big.png is 9.1 MB; the limit is 8 MB. Save it with more compression or at a smaller size.'],
  ],
  [
    'image of the wrong dimensions',
    () => checkImageFile({ file: 'b.png', byteLength: 900, format: 'png', size: { width: 768, height: 576 } }, { width: 576, height: 768 }),
    ['b.png is 768×576 but this project uses 576×768. Crop or resize it to 576×768.'],
  ],
  [
    'too many images for a trial detection',
    () => [checkTrialImageCount(2500)],
    ['A trial detection accepts at most 2,000 images. Choose fewer than the 2,500 selected.'],
  ],
  [
    'too many images for a dataset',
    () => [checkDatasetCapacity('test', 'segmentation', 801)],
    ['This dataset would hold 801 images; the maximum is 800. Import fewer images.'],
  ],
];

describe('bad input → exact message', () => {
  it.each(cases)('%s', (_name, check, expected) => {
    expect(messages(check)).toEqual(expected);
  });
});
