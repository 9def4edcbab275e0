// What "Create demo project" makes: a single-dataset segmentation project of generated parts.
// 20 images per defect type because that is the single-dataset segmentation minimum (spec §5),
// so the demo can be trained as it comes.
export const demoProject = {
  baseName: 'demo-flange',
  seed: 20261121,
  width: 320,
  height: 240,
  normalCount: 40,
  perDefectCount: 20,
} as const;

/** The first free name among demo-flange, demo-flange-2, demo-flange-3, … */
export function nextDemoProjectName(takenNames: Iterable<string>): string {
  const taken = new Set(takenNames);
  if (!taken.has(demoProject.baseName)) return demoProject.baseName;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${demoProject.baseName}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
