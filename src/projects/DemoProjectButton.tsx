// One click to a project full of labelled, masked example images, with progress and cancel.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { createDemoProject } from './createDemoProject';

export function DemoProjectButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const showError = useUiStore((state) => state.showError);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  async function create() {
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ done: 0, total: 1 });
    try {
      const project = await createDemoProject((done, total) => setProgress({ done, total }), controller.signal);
      await navigate(`/projects/${project.id}`);
    } catch (error) {
      showError(error);
    } finally {
      abortRef.current = null;
      setProgress(null);
    }
  }

  if (!progress) {
    return (
      <button type="button" className="button-secondary" onClick={create}>
        {t('projects.demo.create')}
      </button>
    );
  }
  return (
    <div className="progress-row" role="status">
      <span>{t('projects.demo.progress', { done: progress.done, total: progress.total })}</span>
      <progress max={progress.total} value={progress.done} />
      <button type="button" className="button-quiet" onClick={() => abortRef.current?.abort()}>
        {t('actions.cancel')}
      </button>
    </div>
  );
}
