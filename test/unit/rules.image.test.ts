// Image file checks by content and size, quotas and zip entry paths (spec §5).
import { describe, expect, it } from 'vitest';
import { validateArchivePath } from '../../src/domain/rules/archivePath';
import { checkImageFile, sniffImageFormat } from '../../src/domain/rules/imageFile';
import { issueToError } from '../../src/domain/rules/issues';
import { describeError, switchLanguage } from '../../src/i18n';
import { maxImageBytes } from '../../src/domain/rules/limits';
import { checkDatasetCapacity, checkMaskLabelCount, checkProjectLabelCount, checkTrialImageCount } from '../../src/domain/rules/quotas';

const pngStart = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const jpegStart = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46);

describe('sniffImageFormat', () => {
  it.each([
    [pngStart, 'png'],
    [jpegStart, 'jpeg'],
    [new TextEncoder().encode('GIF89a..'), 'other'],
    [pngStart.subarray(0, 4), 'other'],
    [new Uint8Array(0), 'other'],
  ])('%#', (bytes, format) => {
    expect(sniffImageFormat(bytes)).toBe(format);
  });
});

describe('checkImageFile', () => {
  const projectSize = { width: 576, height: 768 };
  const ok = { file: 'a.png', byteLength: 1000, format: 'png' as const, size: projectSize };

  it.each([
    ['an image of the project size', ok, projectSize],
    ['any valid size as the first image of a project', { ...ok, size: { width: 100, height: 64 } }, null],
  ])('accepts %s', (_name, facts, size) => {
    expect(checkImageFile(facts, size)).toEqual([]);
  });

  it.each([
    ['empty', { ...ok, byteLength: 0 }, ['import:image.empty']],
    ['not an image', { ...ok, format: 'other' as const }, ['import:image.notImage']],
    ['too many bytes', { ...ok, byteLength: maxImageBytes + 1 }, ['import:image.tooManyBytes']],
    ['too small', { ...ok, size: { width: 63, height: 500 } }, ['import:image.tooSmall']],
    ['too large', { ...ok, size: { width: 4097, height: 500 } }, ['import:image.tooLarge']],
    ['another size', { ...ok, size: { width: 768, height: 576 } }, ['import:image.sizeMismatch']],
    [
      'too large and too heavy',
      { ...ok, byteLength: maxImageBytes * 2, size: { width: 5000, height: 5000 } },
      ['import:image.tooManyBytes', 'import:image.tooLarge'],
    ],
  ])('reports %s', (_name, facts, codes) => {
    expect(checkImageFile(facts, projectSize).map((issue) => issue.code)).toEqual(codes);
  });

  it('names the size in megabytes with one decimal, written as the language of the message writes it', async () => {
    const [tooBig] = checkImageFile({ ...ok, file: 'big.png', byteLength: 9_500_000 }, projectSize);
    expect(tooBig!.code).toBe('import:image.tooManyBytes');
    expect(describeError(issueToError(tooBig!))).toContain('big.png is 9.1 MB');
    await switchLanguage('fr');
    expect(describeError(issueToError(tooBig!))).toMatch(/big\.png pèse 9,1\sMo/u);
    await switchLanguage('en');
  });
});

describe('quotas', () => {
  it.each([
    ['classification', 'train', 16_000, 16_001],
    ['classification', 'test', 4_000, 4_001],
    ['segmentation', 'train', 8_000, 8_001],
    ['segmentation', 'test', 800, 801],
  ] as const)('%s %s holds at most %i images', (modelType, datasetType, max, over) => {
    expect(checkDatasetCapacity(datasetType, modelType, max)).toBeNull();
    expect(checkDatasetCapacity(datasetType, modelType, over)).toMatchObject({ code: 'import:quota.datasetImages', params: { images: over, max } });
  });

  it('limits trials, labels per project and labels per mask', () => {
    expect(checkTrialImageCount(2000)).toBeNull();
    expect(checkTrialImageCount(2001)?.code).toBe('import:quota.trialImages');
    const where = { mask: 'm.png', line: 1, name: 'dent', existing: 3 };
    expect(checkProjectLabelCount(100, where)).toBeNull();
    expect(checkProjectLabelCount(101, where)).toMatchObject({ code: 'import:quota.projectLabels', params: { count: 101, added: 98, existing: 3 } });
    expect(checkMaskLabelCount(20, { mask: 'm.png', line: 1 })).toBeNull();
    expect(checkMaskLabelCount(21, { mask: 'm.png', line: 1 })?.code).toBe('import:quota.maskLabels');
  });
});

describe('validateArchivePath', () => {
  it.each([
    ['datasets/train.manifest', 'datasets/train.manifest'],
    ['train\\images\\a.png', 'train/images/a.png'],
    ['./train//images/./a.png', 'train/images/a.png'],
    ['folder/', 'folder'],
    ['a..b/c..png', 'a..b/c..png'],
  ])('%s → %s', (path, expected) => {
    expect(validateArchivePath(path)).toBe(expected);
  });

  it.each(['../evil.png', 'a/../../evil.png', '/etc/passwd', '\\windows\\x.png', 'C:/x.png', 'c:x.png', '//host/share/x.png', 'a\\..\\..\\x'])(
    'refuses %s',
    (path) => {
      expect(() => validateArchivePath(path)).toThrow(expect.objectContaining({ code: 'import:archive.unsafePath', params: { path } }));
    },
  );

  it('refuses an entry without a name', () => {
    expect(() => validateArchivePath('./')).toThrow(expect.objectContaining({ code: 'import:archive.emptyPath' }));
  });
});
