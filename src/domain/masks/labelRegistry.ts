// The project's anomaly labels during one import (spec §2.3): colour-map class names are matched
// to labels by name (Unicode NFC, ignoring case); a new name obeys the label-name rules and becomes
// a label with the next mask index.
import { checkProjectLabelCount } from '../rules/quotas';
import { errorIssue, type ValidationIssue } from '../rules/issues';
import { checkLabelName, normalizeLabelName } from '../rules/labelName';
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

/** Where a colour map names the label, for messages. */
export interface LabelSite {
  mask: string;
  line: number;
}

export class LabelRegistry {
  private readonly byName = new Map<string, RegistryLabel>();
  private readonly addedLabels: RegistryLabel[] = [];
  private readonly existingCount: number;
  /** New names refused for the label limit, so each refusal states the count the import asks for. */
  private readonly overLimitNames = new Set<string>();

  constructor(existing: readonly RegistryLabel[]) {
    for (const label of existing) this.byName.set(normalizeLabelName(label.name).toLowerCase(), { ...label, color: label.color.toLowerCase() });
    this.existingCount = this.byName.size;
  }

  /** The labels this import creates, for the caller to store with the entries. */
  get added(): readonly RegistryLabel[] {
    return this.addedLabels;
  }

  /** The label called `className`, created with `hexColor` (or a free colour if that is taken) when new. */
  labelFor(className: string, hexColor: string, site: LabelSite): LabelLookup {
    const name = normalizeLabelName(className);
    const known = this.byName.get(name.toLowerCase());
    if (known) return { ok: true, label: known };
    const nameProblem = checkLabelName(name);
    if (nameProblem) {
      const params = nameProblem.reason === 'empty' ? {} : nameProblem.params;
      return { ok: false, issue: errorIssue(`import:label.${nameProblem.reason}`, { ...site, ...params }) };
    }
    this.overLimitNames.add(name.toLowerCase());
    const requested = this.byName.size + this.overLimitNames.size;
    const limitIssue = checkProjectLabelCount(requested, { ...site, name, existing: this.existingCount });
    if (limitIssue) return { ok: false, issue: limitIssue };
    this.overLimitNames.delete(name.toLowerCase());
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
