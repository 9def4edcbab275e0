// Picking one of the project's trained model versions for detection, with its runtime status and,
// when it is not running, a button that starts it in the detection worker (spec §4.3).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import { startModelAndWait, useModelDescription, useProjectModels } from '../runtime/modelHosting';
import type { ModelDescription } from '../contracts/detectionWorkerApi';

export interface PickedModel {
  modelComponent: string;
  modelVersionId: string;
  version: number;
  running: boolean;
}

interface RunningModelPickerProps {
  projectId: string;
  /** Whether to show the runtime status and the start button. */
  withStart: boolean;
  children: (picked: PickedModel | null) => React.ReactNode;
}

export function RunningModelPicker({ projectId, withStart, children }: RunningModelPickerProps) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const models = useProjectModels(projectId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const list = models.status === 'ready' ? models.data : [];
  const model = list.find((each) => each.modelComponent === chosen) ?? list[0] ?? null;
  const { description, refresh, setDescription } = useModelDescription(model?.modelComponent ?? null);

  if (models.status === 'loading') return <p>{t('common.loading')}</p>;
  if (list.length === 0) return <p className="hint">{t('trials:model.none')}</p>;

  async function start(component: string) {
    setStarting(true);
    try {
      const started: ModelDescription = await startModelAndWait(component);
      setDescription(started);
      if (started.status !== 'RUNNING') showError(new Error(started.status_message || started.status));
    } catch (error) {
      showError(error);
      refresh();
    } finally {
      setStarting(false);
    }
  }

  const running = description?.status === 'RUNNING';
  const picked: PickedModel | null = model && {
    modelComponent: model.modelComponent,
    modelVersionId: model.version.id,
    version: model.version.version,
    running,
  };
  return (
    <>
      <div className="inline-form">
        <label>
          <span>{t('trials:model.label')}</span>
          <select value={model?.modelComponent ?? ''} onChange={(event) => setChosen(event.target.value)} data-testid="model-picker">
            {list.map(({ modelComponent, version }) => (
              <option key={modelComponent} value={modelComponent}>
                {t('trials:model.option', { version: version.version })}
              </option>
            ))}
          </select>
        </label>
        {withStart && (
          <>
            <span className="hint" data-testid="model-status">
              {description ? t(`trials:model.status.${description.status}`) : t('common.loading')}
            </span>
            {description && !running && description.status !== 'STARTING' && description.status !== 'STOPPING' && (
              <button type="button" onClick={() => model && void start(model.modelComponent)} disabled={starting}>
                {starting ? t('trials:model.starting') : t('trials:model.start')}
              </button>
            )}
          </>
        )}
      </div>
      {children(picked)}
    </>
  );
}
