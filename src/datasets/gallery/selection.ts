// Gallery selection rules: a click toggles one image, a shift-click adds the range from the last
// clicked image (the anchor) to the clicked one, in the order the gallery shows them.

export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/** `selected` plus every id from `anchorIndex` to `index` (both included, either order). */
export function withRange(selected: ReadonlySet<string>, orderedIds: readonly string[], anchorIndex: number, index: number): Set<string> {
  const [from, to] = anchorIndex <= index ? [anchorIndex, index] : [index, anchorIndex];
  return new Set([...selected, ...orderedIds.slice(from, to + 1)]);
}
