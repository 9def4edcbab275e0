// The bench's --region flag: four fractions forming a region inside the picture; anything else is refused with
// the usage (exit code 2) before a dataset is read.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/bench/run';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('npm run bench -- --region', () => {
  it.each([
    ['past the right edge', ['--region', '0.5,0,0.6,1']],
    ['three numbers', ['--region', '0.1,0.1,0.8']],
    ['not numbers', ['--region', 'left,top,width,height']],
  ])('refuses a region %s with the usage', async (_case, flags) => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['--train', 'no-such-folder', '--cv', '5', ...flags])).toBe(2);
    expect(printed.mock.calls.flat().join('\n')).toContain('--region (node runtime) is the project region of interest as fractions of the picture');
  });
});
