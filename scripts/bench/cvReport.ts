// Printing the cross-validation results: every figure as mean ± std (min–max), the out-of-fold verdicts pooled
// per seed, the stress set per variant, and the images the models got most wrong.
import type { CrossValidationSummary, PerImageRow } from './crossValidation';
import { formatSpread } from './spread';

/** Worst images listed per kind. */
const worstListed = 6;

export function printCrossValidation(cv: CrossValidationSummary, perImage: readonly PerImageRow[]): void {
  console.log(`\n${cv.folds}-fold stratified cross-validation × ${cv.seeds.length} seed(s) (${cv.seeds.join(', ')}): mean ± ${cv.spread}`);
  const rows: [string, string][] = Object.entries(cv.figures).map(([name, spread]) => {
    const seedMeans = cv.seedMeans[name];
    return [name, `${formatSpread(spread)}${seedMeans && seedMeans.count > 1 ? `; per-seed means ${formatSpread(seedMeans)}` : ''}`];
  });
  rows.push(['train ms per fold', formatSpread(cv.trainMs, 0)]);
  for (const pooled of cv.pooled) {
    rows.push([
      `seed ${pooled.seed} pooled`,
      `F1 ${pooled.f1.toFixed(3)}, ${pooled.falseAlarms}/${pooled.normals} false alarms, ${pooled.misses}/${pooled.anomalies} misses`,
    ]);
  }
  rows.push(['stress false alarms', `${(100 * cv.stress.falseAlarmRate).toFixed(1)} % of ${cv.stress.images} transformed held-out normals`]);
  rows.push(['  on normals passed unframed', `${(100 * cv.stress.falseAlarmRateOnPassedNormals).toFixed(1)} %`]);
  for (const [variant, rate] of Object.entries(cv.stress.byVariant)) rows.push([`  ${variant}`, `${(100 * rate).toFixed(1)} %`]);
  printRows(rows);

  const images = byImage(perImage);
  const wrongness = (image: ImageSummary) => (image.trueClass === 'normal' ? image.meanScore : 1 - image.meanScore);
  const worst = [...images].sort((a, b) => wrongness(b) - wrongness(a)).slice(0, worstListed);
  console.log('\nWorst images (mean normalised score over seeds; threshold 0.5):');
  printRows(worst.map((image) => [image.file, `${image.trueClass}, score ${image.meanScore.toFixed(3)}, wrong in ${image.wrong}/${image.runs}`]));
  const segmented = images
    .filter((image) => image.meanIoU !== null)
    .sort((a, b) => a.meanIoU! - b.meanIoU!)
    .slice(0, worstListed);
  if (segmented.length > 0) {
    console.log('\nLowest mask IoU (mean over seeds and labels):');
    printRows(segmented.map((image) => [image.file, `${image.trueClass}, IoU ${image.meanIoU!.toFixed(3)}`]));
  }
}

interface ImageSummary {
  file: string;
  trueClass: PerImageRow['trueClass'];
  meanScore: number;
  wrong: number;
  runs: number;
  meanIoU: number | null;
}

function byImage(rows: readonly PerImageRow[]): ImageSummary[] {
  const groups = new Map<string, PerImageRow[]>();
  for (const row of rows) groups.set(row.file, [...(groups.get(row.file) ?? []), row]);
  return [...groups.entries()].map(([file, group]) => {
    const ious = group.flatMap((row) => Object.values(row.iou ?? {}).filter((value): value is number => value !== null));
    return {
      file,
      trueClass: group[0]!.trueClass,
      meanScore: mean(group.map((row) => row.score)),
      wrong: group.filter((row) => row.verdict !== row.trueClass).length,
      runs: group.length,
      meanIoU: ious.length > 0 ? mean(ious) : null,
    };
  });
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function printRows(rows: readonly [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}
