// Start / stop of a version in the detection worker (spec §4.3 and §7 item 7): StartModel, then
// DescribeModel polled until RUNNING or FAILED; StopModel returns once stopped. The worker records the
// hosting statuses in IndexedDB; the list re-reads them as storage announces each one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiStore } from '../app/uiStore';
import { startModelAndWait, stopModel } from '../runtime/modelHosting';
import { UserFacingError } from '../domain/errors';
import { modelComponentOf } from '../domain/modelComponent';
import type { ModelVersion } from '../domain/types';
import { describeError } from '../i18n';
import { DetectionRuntimeError } from '../../workers/runtime/runtimeErrors';

function reasonOf(error: unknown): string {
  return error instanceof DetectionRuntimeError ? error.details : describeError(error);
}

export function ModelHostingButton({ version, projectName }: { version: ModelVersion; projectName: string }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);
  const [busy, setBusy] = useState(false);
  const component = modelComponentOf(projectName, version.version);

  async function run(step: () => Promise<unknown>, failureKey: string) {
    setBusy(true);
    try {
      await step();
    } catch (error) {
      showError(new UserFacingError(failureKey, { version: version.version, reason: reasonOf(error) }));
    } finally {
      setBusy(false);
    }
  }

  const start = () => run(() => startModelAndWait(component), 'models:hosting.startFailed');
  const stop = () => run(() => stopModel(component), 'models:hosting.stopFailed');

  if (version.status === 'HOSTED') {
    return (
      <button type="button" className="button-secondary" onClick={stop} disabled={busy}>
        {busy ? t('models:hosting.stopping') : t('models:hosting.stop')}
      </button>
    );
  }
  const startable = version.status === 'TRAINED' || version.status === 'HOSTING_FAILED';
  if (!startable && !busy) return null;
  return (
    <button type="button" className="button-secondary" onClick={start} disabled={busy}>
      {busy ? t('models:hosting.starting') : version.status === 'HOSTING_FAILED' ? t('models:hosting.retry') : t('models:hosting.start')}
    </button>
  );
}
