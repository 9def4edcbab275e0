// How many wasm threads detection runs with, and why: the detection worker's own ORT thread count, and
// whether the page is cross-origin isolated (without COOP/COEP there is no SharedArrayBuffer: one thread).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { detectionWorker } from '../app/workers';

export function ThreadsInUse() {
  const { t } = useTranslation();
  const [threads, setThreads] = useState<number | null>(null);
  useEffect(() => {
    let current = true;
    // Undefined: ORT's own default, which is one thread wherever wasm threads are unavailable.
    const settle = (count: number | undefined) => current && setThreads(count ?? 1);
    detectionWorker.run((api) => api.wasmThreads()).then(settle, () => settle(undefined));
    return () => {
      current = false;
    };
  }, []);
  if (threads === null) return null;
  const reason = !crossOriginIsolated ? 'settings.threads.notIsolated' : threads > 1 ? 'settings.threads.isolated' : 'settings.threads.oneCore';
  return (
    <p data-testid="threads-in-use" role="status">
      {t(reason, { count: threads })}
    </p>
  );
}
