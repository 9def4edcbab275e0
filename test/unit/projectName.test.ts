// Project names follow spec §1 exactly; the message tells the user the rule (spec §5).
import { describe, expect, it } from 'vitest';
import { validateProjectName } from '../../src/domain/projectName';
import { describeError } from '../../src/i18n';

const rule = 'Use up to 255 letters, digits, hyphens or underscores, starting with a letter or digit.';

describe('validateProjectName', () => {
  it.each([
    ['single letter', 'a'],
    ['single digit', '7'],
    ['letters, digits, hyphen, underscore', 'Flange_line-3'],
    ['leading digit', '3d-printed_parts'],
    ['trailing hyphen and underscore', 'parts-_'],
    ['255 characters', `p${'x'.repeat(254)}`],
  ])('accepts %s', (_case, name) => {
    expect(validateProjectName(name)).toBeNull();
  });

  it.each([
    ['leading hyphen', '-parts'],
    ['leading underscore', '_parts'],
    ['a space', 'my parts'],
    ['surrounding whitespace', ' parts '],
    ['a trailing newline', 'parts\n'],
    ['HTML', '<b>parts</b>'],
    ['a dot', 'parts.v2'],
    ['a slash', 'line/3'],
    ['accented letters', 'pièces'],
    ['non-Latin script', '部品'],
    ['an emoji', 'parts🔩'],
  ])('rejects %s and quotes the name', (_case, name) => {
    const problem = validateProjectName(name);
    expect(problem?.code).toBe('project.nameInvalid');
    expect(describeError(problem)).toBe(`“${name}” is not a valid project name. ${rule}`);
  });

  it('rejects an empty name without quoting it', () => {
    const problem = validateProjectName('');
    expect(problem?.code).toBe('project.nameInvalid');
    expect(describeError(problem)).toBe(`Enter a project name. ${rule}`);
  });

  it('rejects 256 characters, giving the length instead of echoing the name', () => {
    const problem = validateProjectName(`p${'x'.repeat(255)}`);
    expect(problem?.code).toBe('project.nameInvalid');
    expect(describeError(problem)).toBe(`The project name is 256 characters long. ${rule}`);
  });
});
