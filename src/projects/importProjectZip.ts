// A new project from a Spotcheck/Lookout for Vision dataset export zip (spec §3.1): a zip with
// datasets/test.manifest makes a separate-datasets project, otherwise a single one. Everything is
// checked first and written in one transaction, so a bad zip leaves no half-made project. What the
// import left out or changed on the way (a mask ignored…) comes back as warnings for the user.
import { importWorker } from '../app/workers';
import { UserFacingError } from '../domain/errors';
import { issueToError, type ValidationIssue } from '../domain/rules/issues';
import type { DatasetType, Project } from '../domain/types';
import type { RegistryLabel } from '../domain/masks/labelRegistry';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { writeNewProject } from '../storage/importProject';
import type { NewProjectInput } from '../storage/newProject';
import type { PreparedImport } from '../../workers/import/prepareImport';

const datasetTypes: DatasetType[] = ['train', 'test'];
/** An export's colour maps list every project label on every line (spec §3.1), so unused colours there say nothing. */
const exportColorMapNote = 'import:mask.unusedColor';

/** The export wrote `<type>/images/<original key>`; the entry gets its original key back. */
function originalKey(type: DatasetType, sourceRef: string): string {
  const prefix = `${type}/images/`;
  return sourceRef.startsWith(prefix) ? sourceRef.slice(prefix.length) : sourceRef;
}

export interface ImportedProject {
  project: Project;
  warnings: ValidationIssue[];
}

export async function importProjectZip(zip: File, name: string, signal: AbortSignal): Promise<ImportedProject> {
  const files = await importWorker.run((api) => api.readArchive(zip, zip.name), signal);
  const labels: RegistryLabel[] = [];
  const prepared: { type: DatasetType; result: PreparedImport }[] = [];
  for (const type of datasetTypes) {
    const manifest = files.find((file) => file.path === `datasets/${type}.manifest`);
    if (!manifest) continue;
    const datasetFiles = [manifest, ...files.filter((file) => file.path.startsWith(`${type}/`))];
    const projectSize = prepared[0]?.result.imageSize ?? null;
    const result = await importWorker.run((api) => api.prepareImport({ files: datasetFiles, projectSize, existingLabels: [...labels] }), signal);
    const problems = [...result.errors, ...result.skipped, ...result.sizeMismatches];
    if (problems.length > 0) {
      throw new UserFacingError('import:export.invalid', { details: problems.map((issue) => describeError(issueToError(issue))).join(' ') });
    }
    let nextIndex = labels.length;
    for (const label of result.newLabels) labels.push({ ...label, index: ++nextIndex });
    prepared.push({ type, result });
  }
  const imageSize = prepared[0]?.result.imageSize;
  if (!imageSize) throw new UserFacingError('import:export.noManifest');
  const hasMasks = prepared.some(({ result }) => result.items.some((item) => item.mask));
  const input: NewProjectInput = {
    name,
    imageSize,
    modelType: hasMasks ? 'segmentation' : null,
    labels: labels.map(({ name: labelName, color }) => ({ name: labelName, color })),
    datasets: prepared.map(({ type, result }) => ({
      type,
      entries: result.items.map((item) => ({ ...item, sourceRef: originalKey(type, item.sourceRef) })),
    })),
  };
  signal.throwIfAborted();
  const project = await writeNewProject(await openSpotcheckDb(), input);
  return { project, warnings: prepared.flatMap(({ result }) => result.warnings.filter((issue) => issue.code !== exportColorMapNote)) };
}
