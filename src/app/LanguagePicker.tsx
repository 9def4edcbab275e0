// The language menu (Settings and the first-visit strip): each language named in itself. Choosing one
// stores it; every tab then follows the stored choice (useFollowedLanguage), offline as online.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '../domain/languages';
import { useRememberLanguage } from './useFollowedLanguage';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const remember = useRememberLanguage();
  const id = useId();
  return (
    <span className="language-picker">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={i18n.language} onChange={(event) => void remember(event.target.value)} data-testid="language-picker">
        {supportedLanguages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </span>
  );
}
