// The frame around every screen: navigation, "Offline" while the network is gone, the offline/update status,
// notices; it keeps every screen in the language the operator chose.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PwaStatus } from '../pwa/PwaStatus';
import { Notices } from './Notices';
import { useFollowedLanguage } from './useFollowedLanguage';
import { useNetworkOnline } from './useNetworkOnline';

export function AppLayout() {
  const { t } = useTranslation();
  const online = useNetworkOnline();
  useFollowedLanguage();
  return (
    <div className="app">
      <header className="app-header">
        <NavLink to="/" className="brand" end>
          <img src="/icons/icon.svg" alt="" width={32} height={32} />
          <span>{t('app.name')}</span>
        </NavLink>
        <nav className="main-nav" aria-label={t('nav.label')}>
          <NavLink to="/" end>
            {t('nav.dashboard')}
          </NavLink>
          <NavLink to="/projects">{t('nav.projects')}</NavLink>
          <NavLink to="/settings">{t('nav.settings')}</NavLink>
        </nav>
        {!online && (
          <span className="badge badge-offline" role="status" data-testid="network-offline">
            {t('pwa.offline')}
          </span>
        )}
        <PwaStatus />
      </header>
      <Notices />
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
