// After an anomaly is captured into a segmentation project (datasets' camera and the live camera): it has no
// mask yet and training waits for one, so say so at once and offer to paint it now.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function MaskNeededNotice({ projectId, entryId }: { projectId: string; entryId: string }) {
  const { t } = useTranslation();
  return (
    <p className="notice-info" role="status" data-testid="capture-needs-mask">
      {t('capture.needsMask')} <Link to={`/projects/${projectId}/label/${entryId}`}>{t('capture.paintMask')}</Link>
    </p>
  );
}
