// Tags of a model version (spec §1 `Tags` [{Key, Value}], edited from the Tags tab, §7 item 7).
// The spec names no limits, so Spotcheck keeps those of the AWS tagging API the original used:
// at most 50 tags, keys of 1–128 characters and unique, values of at most 256 characters.
import { UserFacingError } from './errors';
import type { ModelTag } from './types';

export const maxTagsPerModel = 50;
export const maxTagKeyLength = 128;
export const maxTagValueLength = 256;

/**
 * Trims every key and value and returns the tags to store, or throws the first problem with the
 * tag's position (1-based) so the person can find the row to fix.
 */
export function normalizeModelTags(tags: readonly ModelTag[]): ModelTag[] {
  if (tags.length > maxTagsPerModel) throw new UserFacingError('modelTags.tooMany', { count: tags.length, max: maxTagsPerModel });
  const seen = new Set<string>();
  return tags.map((tag, index) => {
    const position = index + 1;
    const Key = tag.Key.trim();
    const Value = tag.Value.trim();
    if (Key.length === 0) throw new UserFacingError('modelTags.keyEmpty', { position });
    if (Key.length > maxTagKeyLength) throw new UserFacingError('modelTags.keyTooLong', { position, key: Key, max: maxTagKeyLength });
    if (Value.length > maxTagValueLength) throw new UserFacingError('modelTags.valueTooLong', { position, key: Key, max: maxTagValueLength });
    if (seen.has(Key)) throw new UserFacingError('modelTags.duplicateKey', { position, key: Key });
    seen.add(Key);
    return { Key, Value };
  });
}
