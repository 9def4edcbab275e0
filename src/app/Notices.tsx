// Errors and confirmations the user must see, e.g. a full storage quota with what to delete.
import { useTranslation } from 'react-i18next';
import { useUiStore } from './uiStore';

export function Notices() {
  const { t } = useTranslation();
  const notices = useUiStore((state) => state.notices);
  const dismissNotice = useUiStore((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="button-quiet" onClick={() => dismissNotice(notice.id)}>
            {t('actions.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
