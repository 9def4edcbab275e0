// Resolving manifest refs against imported files (spec §2.1) and labels from folders (spec §2.6).
import { describe, expect, it } from 'vitest';
import { classifyByFolder } from '../../src/domain/manifest/folders';
import { imageCandidatePaths, PathIndex, resolveReference } from '../../src/domain/manifest/references';

const site = { file: 'train.manifest', line: 7 };
const index = new PathIndex([
  'cookies/training-images/anomaly-1.jpg',
  'cookies/mask-images/anomaly-1.png',
  'parts/train/img_0001.png',
  'parts/test/img_0001.png',
  'normal/1.png',
  'anomaly/1.png',
  'solo.png',
]);

describe('imageCandidatePaths', () => {
  it('keeps a missing image from resolving to its own mask by file name', () => {
    const files = ['train/images/normal/a.png', 'train/masks/dent-001.png', 'train/masks/unused.png'];
    const images = new PathIndex(imageCandidatePaths(files, new Set(['train/masks/dent-001.png'])));
    const result = resolveReference('train/images/anomaly/dent-001.png', images, site);
    expect(result.ok ? result.path : result.issue).toEqual({
      code: 'import:reference.missing',
      params: { file: 'train.manifest', line: 7, ref: 'train/images/anomaly/dent-001.png' },
      severity: 'error',
    });
  });
});

describe('resolveReference', () => {
  it.each([
    ['training-images/anomaly-1.jpg', 'cookies/training-images/anomaly-1.jpg'],
    ['s3://my-bucket/cookies/mask-images/anomaly-1.png', 'cookies/mask-images/anomaly-1.png'],
    ['s3://bucket/deep/prefix/parts/train/img_0001.png', 'parts/train/img_0001.png'],
    ['s3://bucket/elsewhere/solo.png', 'solo.png'],
    ['.\\normal\\1.png', 'normal/1.png'],
  ])('%s → %s', (ref, path) => {
    expect(resolveReference(ref, index, site)).toEqual({ ok: true, path });
  });

  it('calls a file-name match with several candidates ambiguous, listing them', () => {
    expect(resolveReference('s3://bucket/img_0001.png', index, site)).toEqual({
      ok: false,
      issue: {
        code: 'import:reference.ambiguous',
        severity: 'error',
        params: { ...site, ref: 's3://bucket/img_0001.png', candidates: 'parts/test/img_0001.png, parts/train/img_0001.png' },
      },
    });
  });

  it('reports a missing file', () => {
    const result = resolveReference('images/missing.png', index, site);
    expect(result).toEqual({ ok: false, issue: { code: 'import:reference.missing', severity: 'error', params: { ...site, ref: 'images/missing.png' } } });
  });
});

describe('classifyByFolder', () => {
  it.each([
    ['normal/1.png', 'normal'],
    ['Anomaly/1.png', 'anomaly'],
    ['NORMAL/deeper/x.png', 'normal'],
    ['extra/normal/x.png', null],
    ['normal.png', null],
    ['other/1.png', null],
  ])('%s → %s', (path, expected) => {
    expect(classifyByFolder(path)).toBe(expected);
  });
});
