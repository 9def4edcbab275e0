// Adding images to one dataset: pick files, a folder, a zip or a manifest (or drop them), watch
// the progress, cancel, decide about images of another size, and read what happened.
import { duplicateConflictMessages } from '../../app/duplicateConflicts';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../app/uiStore';
import { downloadFile } from '../../app/downloadFile';
import { issueToError, type ValidationIssue } from '../../domain/rules/issues';
import type { Dataset } from '../../domain/types';
import { describeError } from '../../i18n';
import type { FitMode } from '../../../workers/import/inspectImage';
import { filesFromInput, type SourceFile } from '../../app/fileSources';
import { FileDropZone } from '../../app/FileDropZone';
import { commitPreparedImport, prepareDatasetImport, type ImportOutcome, type ImportStage, type ReplaceChoice } from '../../runtime/datasetImport';

interface Progress {
  stage: ImportStage;
  done: number;
  total: number;
}

const messagesOf = (issues: readonly ValidationIssue[]) => issues.map((issue) => describeError(issueToError(issue)));

export function ImportPanel({ dataset }: { dataset: Dataset }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const sourcesRef = useRef<SourceFile[]>([]);

  async function run(work: (signal: AbortSignal) => Promise<ImportOutcome>) {
    const controller = new AbortController();
    abortRef.current = controller;
    setOutcome(null);
    setProgress({ stage: 'reading', done: 0, total: 1 });
    try {
      const result = await work(controller.signal);
      setOutcome(result);
    } catch (error) {
      showError(error);
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  }

  const request = (signal: AbortSignal, fitMode?: FitMode, replaceChanged?: ReplaceChoice) => ({
    projectId: dataset.projectId,
    datasetId: dataset.id,
    sources: sourcesRef.current,
    signal,
    onProgress: (stage: ImportStage, done: number, total: number) => setProgress({ stage, done, total }),
    ...(fitMode ? { fitMode } : {}),
    ...(replaceChanged ? { replaceChanged } : {}),
  });

  function start(sources: SourceFile[]) {
    if (sources.length === 0) return;
    sourcesRef.current = sources;
    void run((signal) => prepareDatasetImport(request(signal)));
  }

  /** Cleared after reading, so that choosing the same files again (a re-import) starts an import too. */
  function startFromInput(event: ChangeEvent<HTMLInputElement>) {
    const sources = filesFromInput(event.target.files ?? []);
    event.target.value = '';
    start(sources);
  }

  function decideFit(choice: FitMode | 'leaveOut') {
    if (outcome?.status !== 'needsFitDecision') return;
    const prepared = outcome.prepared;
    if (choice === 'leaveOut') void run((signal) => commitPreparedImport(request(signal), prepared));
    else void run((signal) => prepareDatasetImport(request(signal, choice)));
  }

  function decideReplace(choice: ReplaceChoice) {
    if (outcome?.status !== 'needsReplaceDecision') return;
    const prepared = outcome.prepared;
    void run((signal) => commitPreparedImport(request(signal, undefined, choice), prepared));
  }

  return (
    <section className="import-panel" aria-label={t('importPanel.label', { dataset: t(`datasets.phrase.${dataset.type}`) })}>
      <FileDropZone onFiles={(files) => start(files)}>
        <p>{t('importPanel.hint')}</p>
        <div className="toolbar">
          <label className="button-link">
            {t('importPanel.pickFiles')}
            <input
              type="file"
              multiple
              hidden
              data-testid={`import-files-${dataset.type}`}
              accept="image/png,image/jpeg,.manifest,.zip,.csv"
              onChange={startFromInput}
            />
          </label>
          <label className="button-link button-secondary">
            {t('importPanel.pickFolder')}
            <input
              type="file"
              multiple
              hidden
              data-testid={`import-folder-${dataset.type}`}
              ref={(input) => input?.setAttribute('webkitdirectory', '')}
              onChange={startFromInput}
            />
          </label>
        </div>
      </FileDropZone>
      {progress && (
        <div className="progress-row" role="status">
          <span>{t(`importPanel.stage.${progress.stage}`, { done: progress.done, total: progress.total })}</span>
          <progress max={progress.total} value={progress.done} />
          <button type="button" className="button-quiet" onClick={() => abortRef.current?.abort()}>
            {t('actions.cancel')}
          </button>
        </div>
      )}
      {outcome && <ImportOutcomeView outcome={outcome} onFitDecision={decideFit} onReplaceDecision={decideReplace} />}
    </section>
  );
}

/** Paths shown in the replace question; the count says how many there are in all. */
const maxListedPaths = 10;

interface OutcomeViewProps {
  outcome: ImportOutcome;
  onFitDecision: (choice: FitMode | 'leaveOut') => void;
  onReplaceDecision: (choice: ReplaceChoice) => void;
}

function ImportOutcomeView({ outcome, onFitDecision, onReplaceDecision }: OutcomeViewProps) {
  const { t } = useTranslation();
  if (outcome.status === 'failed') {
    const report = outcome.csvReport;
    return (
      <div className="import-report notice-error" role="alert" data-testid="import-report">
        <p>{t('importPanel.failed')}</p>
        <ul>
          {messagesOf(outcome.errors).map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
        {report && (
          <div className="toolbar">
            <button type="button" onClick={() => downloadFile(report.errorsFileName, report.errorsCsv, 'text/csv')}>
              {report.errorsFileName}
            </button>
            <button type="button" onClick={() => downloadFile(report.deduplicatedFileName, report.deduplicatedCsv, 'text/csv')}>
              {report.deduplicatedFileName}
            </button>
          </div>
        )}
      </div>
    );
  }
  const { prepared } = outcome;
  if (outcome.status === 'needsFitDecision') {
    return (
      <div className="import-report" role="alertdialog" data-testid="import-fit-decision">
        <p>{t('importPanel.fit.question', { count: prepared.sizeMismatches.length, width: prepared.imageSize?.width, height: prepared.imageSize?.height })}</p>
        <div className="toolbar">
          <button type="button" onClick={() => onFitDecision('resize')}>
            {t('importPanel.fit.resize')}
          </button>
          <button type="button" onClick={() => onFitDecision('crop')}>
            {t('importPanel.fit.crop')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onFitDecision('leaveOut')}>
            {t('importPanel.fit.leaveOut')}
          </button>
        </div>
      </div>
    );
  }
  if (outcome.status === 'needsReplaceDecision') {
    const { changedPaths, labelledCount } = outcome;
    const listed = changedPaths.slice(0, maxListedPaths).join(', ') + (changedPaths.length > maxListedPaths ? ', …' : '');
    return (
      <div className="import-report" role="alertdialog" data-testid="import-replace-decision">
        <p>{t('importPanel.replace.question', { count: changedPaths.length, paths: listed })}</p>
        {labelledCount > 0 && <p>{t('importPanel.replace.labelsReplaced', { count: labelledCount })}</p>}
        <div className="toolbar">
          <button type="button" onClick={() => onReplaceDecision('replace')}>
            {t('importPanel.replace.replace')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onReplaceDecision('keep')}>
            {t('importPanel.replace.keep')}
          </button>
        </div>
      </div>
    );
  }
  const { report, keptChanged, leftOut } = outcome;
  return (
    <div className="import-report notice-info" role="status" data-testid="import-report">
      <p>{t('importPanel.added', { count: report.added })}</p>
      <ul>
        {report.updated > 0 && <li>{t('importPanel.updated', { count: report.updated })}</li>}
        {report.unchanged > 0 && <li>{t('importPanel.unchanged', { count: report.unchanged })}</li>}
        {keptChanged > 0 && <li>{t('importPanel.replace.kept', { count: keptChanged })}</li>}
        {report.skippedDuplicates.length > 0 && <li>{t('importPanel.duplicates', { count: report.skippedDuplicates.length })}</li>}
        {duplicateConflictMessages(t, report.skippedDuplicates).map((message) => (
          <li key={message} className="issue-error">
            {message}
          </li>
        ))}
        {report.labelsCreated.length > 0 && <li>{t('importPanel.labelsCreated', { names: report.labelsCreated.map((label) => label.name).join(', ') })}</li>}
        {prepared.fitted.length > 0 && <li>{t('importPanel.fitted', { count: prepared.fitted.length })}</li>}
        {messagesOf([...leftOut, ...prepared.warnings]).map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
