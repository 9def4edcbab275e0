// Which mask index a new anomaly label gets. Importers (which write mask pixels) and storage (which
// creates the label records) must agree, so both use this one rule.

/** The lowest index ≥ 1 no label holds; 0 is the background of every mask. */
export function nextFreeLabelIndex(usedIndices: ReadonlySet<number>): number {
  let index = 1;
  while (usedIndices.has(index)) index += 1;
  return index;
}
