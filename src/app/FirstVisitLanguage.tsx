// On the dashboard (the first page an operator sees) until a language is stored: the language picker,
// preset to what the browser's languages chose; "continue" stores that choice so the strip does not come back.
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from './LanguagePicker';
import { useRememberLanguage, useStoredLanguage } from './useFollowedLanguage';

export function FirstVisitLanguage() {
  const { t, i18n } = useTranslation();
  const remember = useRememberLanguage();
  const stored = useStoredLanguage();
  if (stored.status !== 'ready' || stored.data !== null) return null;
  return (
    <section className="first-visit-language" aria-label={t('language.title')} data-testid="first-visit-language">
      <p>{t('language.firstVisit')}</p>
      <LanguagePicker />
      <button type="button" onClick={() => void remember(i18n.language)}>
        {t('language.keep')}
      </button>
    </section>
  );
}
