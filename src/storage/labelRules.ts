// The rules every anomaly label obeys (spec §1, §5), shared by label management, import commits
// and new projects, so each path refuses the same labels with the same message.
import { UserFacingError } from '../domain/errors';
import { checkLabelName, normalizeLabelName } from '../domain/rules/labelName';
import { maxLabelsPerProject } from '../domain/rules/limits';

const HEX_COLOR_PATTERN = /^#[0-9a-f]{6}$/i;
/** Index 0 of every mask; a label may not pose as it (spec §2.4). */
const BACKGROUND_NAME = 'background';
const BACKGROUND_COLOR = '#ffffff';

export interface LabelDraft {
  name: string;
  color: string;
}

/** Throws the first rule `candidate` breaks next to `others`, the project's other labels. */
export function assertLabelAcceptable(candidate: LabelDraft, others: readonly LabelDraft[]): void {
  const { color } = candidate;
  const name = normalizeLabelName(candidate.name);
  const nameProblem = checkLabelName(name);
  if (nameProblem?.reason === 'empty') throw new UserFacingError('label.nameEmpty');
  if (nameProblem?.reason === 'tooLong') throw new UserFacingError('label.nameTooLong', nameProblem.params);
  if (nameProblem?.reason === 'invisible') throw new UserFacingError('label.nameInvisible', nameProblem.params);
  if (!HEX_COLOR_PATTERN.test(color)) throw new UserFacingError('label.colorInvalid', { name, color });
  const [lowerName, lowerColor] = [name.toLowerCase(), color.toLowerCase()];
  if (lowerName === BACKGROUND_NAME || lowerColor === BACKGROUND_COLOR) {
    throw new UserFacingError('label.reserved', { name, color: lowerColor });
  }
  if (others.some((other) => normalizeLabelName(other.name).toLowerCase() === lowerName)) throw new UserFacingError('label.nameTaken', { name });
  const colorHolder = others.find((other) => other.color.toLowerCase() === lowerColor);
  if (colorHolder) throw new UserFacingError('label.colorTaken', { name, color: lowerColor, other: colorHolder.name });
}

/** Throws when `existingCount` labels plus `addedCount` new ones exceed the per-project limit. */
export function assertRoomForLabels(existingCount: number, addedCount: number): void {
  const count = existingCount + addedCount;
  if (count <= maxLabelsPerProject) return;
  // Adding one label to a full project gets the spec's own sentence.
  if (addedCount === 1) throw new UserFacingError('label.projectFull', { max: maxLabelsPerProject });
  throw new UserFacingError('label.limitExceeded', { count, max: maxLabelsPerProject });
}
