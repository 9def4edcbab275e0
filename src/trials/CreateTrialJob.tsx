// Creating a trial detection (spec §7, item 6): a name, a trained model version, up to 2,000 images
// picked as files or a folder (or dropped). The images are checked like an import (format by
// content, size limits, the project size — with resize/crop on request) in the import worker, with
// progress and cancel; the job and its images are then stored at once and the job starts running.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { importWorker } from '../app/workers';
import { filesFromInput, type SourceFile } from '../app/fileSources';
import { FileDropZone } from '../app/FileDropZone';
import { issueToError, type ValidationIssue } from '../domain/rules/issues';
import { checkTrialImageCount } from '../domain/rules/quotas';
import type { Project } from '../domain/types';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { createTrialJob } from '../storage/trialJobs';
import { proxy } from '../../workers/bridge';
import type { FitMode } from '../../workers/import/inspectImage';
import { RunningModelPicker, type PickedModel } from './RunningModelPicker';
import { startTrialRun } from './trialRuns';

const manifestExtension = '.manifest';
type SizeChoice = FitMode | 'leaveOut';

export function CreateTrialJob({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <section className="trial-section" aria-labelledby="create-trial-title">
      <h2 id="create-trial-title">{t('trials:create.title')}</h2>
      <RunningModelPicker projectId={project.id} withStart={false}>
        {(model) => <CreateTrialJobForm project={project} model={model} />}
      </RunningModelPicker>
    </section>
  );
}

function CreateTrialJobForm({ project, model }: { project: Project; model: PickedModel | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useUiStore((state) => state.showError);
  const [name, setName] = useState('');
  const [sources, setSources] = useState<SourceFile[]>([]);
  const [sizeChoice, setSizeChoice] = useState<SizeChoice>('leaveOut');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const abortRef = useRef<AbortController | null>(null);

  const images = sources.filter((source) => !source.path.toLowerCase().endsWith(manifestExtension));
  const overLimit = checkTrialImageCount(images.length);

  function choose(picked: SourceFile[]) {
    setSources(picked);
    setProblems([]);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!model || overLimit) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setProblems([]);
    setProgress({ done: 0, total: images.length });
    try {
      const prepared = await importWorker.run(
        (api) =>
          api.prepareImport(
            {
              files: images.map((source) => ({ path: source.path, blob: source.file })),
              projectSize: project.imageSize,
              existingLabels: [],
              ...(sizeChoice === 'leaveOut' ? {} : { fitMode: sizeChoice }),
            },
            proxy((done: number, total: number) => setProgress({ done, total })),
          ),
        controller.signal,
      );
      const leftOut: ValidationIssue[] = [...prepared.errors, ...prepared.skipped, ...prepared.sizeMismatches];
      setProblems(leftOut.map((issue) => describeError(issueToError(issue))));
      const db = await openSpotcheckDb();
      const job = await createTrialJob(db, {
        projectId: project.id,
        name,
        modelVersionId: model.modelVersionId,
        leftOut,
        images: prepared.items.map((item) => ({
          fileName: item.sourceRef,
          contentHash: item.contentHash,
          image: item.image,
          ...(item.thumbnail ? { thumbnail: item.thumbnail } : {}),
          width: item.width,
          height: item.height,
        })),
      });
      setName('');
      setSources([]);
      void startTrialRun(job.id);
      if (leftOut.length === 0) void navigate(job.id);
    } catch (error) {
      showError(error);
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label={t('trials:create.title')}>
      <label>
        <span>{t('trials:create.name')}</span>
        <input name="trial-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={255} />
      </label>
      <FileDropZone onFiles={(files) => choose(files)}>
        <p>{t('trials:create.hint')}</p>
        <div className="toolbar">
          <label className="button-link">
            {t('trials:create.pickFiles')}
            <input
              type="file"
              multiple
              hidden
              accept="image/png,image/jpeg"
              data-testid="trial-files"
              onChange={(event) => choose(filesFromInput(event.target.files ?? []))}
            />
          </label>
          <label className="button-link button-secondary">
            {t('trials:create.pickFolder')}
            <input
              type="file"
              multiple
              hidden
              data-testid="trial-folder"
              ref={(input) => input?.setAttribute('webkitdirectory', '')}
              onChange={(event) => choose(filesFromInput(event.target.files ?? []))}
            />
          </label>
        </div>
        <p data-testid="trial-chosen">{t('trials:create.chosen', { count: images.length })}</p>
      </FileDropZone>
      <label>
        <span>{t('trials:create.otherSize')}</span>
        <select value={sizeChoice} onChange={(event) => setSizeChoice(event.target.value as SizeChoice)}>
          <option value="leaveOut">{t('trials:create.sizeLeaveOut')}</option>
          <option value="resize">{t('trials:create.sizeResize')}</option>
          <option value="crop">{t('trials:create.sizeCrop')}</option>
        </select>
      </label>
      {overLimit && (
        <p className="field-problem" role="alert">
          {describeError(issueToError(overLimit))}
        </p>
      )}
      {progress ? (
        <div className="progress-row" role="status">
          <span>{t('trials:create.checking', { done: progress.done, total: progress.total })}</span>
          <progress max={progress.total} value={progress.done} />
          <button type="button" className="button-quiet" onClick={() => abortRef.current?.abort()}>
            {t('actions.cancel')}
          </button>
        </div>
      ) : (
        <div>
          <button type="submit" disabled={!model || images.length === 0 || overLimit !== null || name.trim() === ''}>
            {t('trials:create.submit')}
          </button>
        </div>
      )}
      {problems.length > 0 && (
        <div className="import-report notice-error" role="alert" data-testid="trial-left-out">
          <p>{t('trials:create.leftOut', { count: problems.length })}</p>
          <ul>
            {problems.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
