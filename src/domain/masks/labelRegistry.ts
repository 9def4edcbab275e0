// The project's anomaly labels during one import (spec §2.3): colour-map class names are matched
// to labels by name ignoring case; a new name becomes a label with the next mask index.
import { checkProjectLabelCount } from '../rules/quotas';
import type { ValidationIssue } from '../rules/issues';
import { nextFreeLabelIndex } from '../labelIndex';
import { pickDistinctColor } from '../labelColors';
import { backgroundColor } from '../manifest/parseLine';

export interface RegistryLabel {
  name: string;
  /** `#rrggbb`, lower case. */
  color: string;
  /** The value written in label-index masks; 0 is the background. */
  index: number;
}

export type LabelLookup = { ok: true; label: RegistryLabel } | { ok: false; issue: ValidationIssue };

export class LabelRegistry {
  private readonly byName = new Map<string, RegistryLabel>();
  private readonly addedLabels: RegistryLabel[] = [];

  constructor(existing: readonly RegistryLabel[]) {
    for (const label of existing) this.byName.set(label.name.toLowerCase(), { ...label, color: label.color.toLowerCase() });
  }

  /** The labels this import creates, for the caller to store with the entries. */
  get added(): readonly RegistryLabel[] {
    return this.addedLabels;
  }

  /** The label called `className`, created with `hexColor` (or a free colour if that is taken) when new. */
  labelFor(className: string, hexColor: string): LabelLookup {
    const name = className.trim();
    const known = this.byName.get(name.toLowerCase());
    if (known) return { ok: true, label: known };
    const limitIssue = checkProjectLabelCount(this.byName.size + 1);
    if (limitIssue) return { ok: false, issue: limitIssue };
    const taken = [...this.byName.values()].map((label) => label.color);
    const wanted = hexColor.toLowerCase();
    // pickDistinctColor never returns the background's #ffffff nor a taken colour.
    const color = taken.includes(wanted) || wanted === backgroundColor ? pickDistinctColor(taken) : wanted;
    const index = nextFreeLabelIndex(new Set([...this.byName.values()].map((label) => label.index)));
    const label = { name, color, index };
    this.byName.set(name.toLowerCase(), label);
    this.addedLabels.push(label);
    return { ok: true, label };
  }
}
