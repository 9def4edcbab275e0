// The one i18next instance. Every user-facing string is a key in locales/<lang>/<namespace>.json.
import i18next, { type i18n as I18n } from 'i18next';
import common from './locales/en/common.json';
import errors from './locales/en/errors.json';
import importMessages from './locales/en/import.json';
import datasets from './locales/en/datasets.json';
import labeling from './locales/en/labeling.json';
import dashboard from './locales/en/dashboard.json';
import camera from './locales/en/camera.json';
import trials from './locales/en/trials.json';
import models from './locales/en/models.json';
import modelDetail from './locales/en/modelDetail.json';
import cli from './locales/en/cli.json';
import { isUserFacingError } from '../domain/errors';

export const defaultNamespace = 'common';
export const resources = { en: { common, errors, import: importMessages, datasets, labeling, dashboard, camera, models, modelDetail, trials, cli } } as const;

export const i18n: I18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  fallbackLng: 'en',
  ns: ['common', 'errors', 'import', 'datasets', 'labeling', 'dashboard', 'camera', 'models', 'modelDetail', 'trials', 'cli'],
  defaultNS: defaultNamespace,
  resources,
  initAsync: false,
  // React escapes rendered text already; user-provided names must never become HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * Text for any thrown value: translated for UserFacingError, a generic line otherwise.
 * Codes live in namespace `errors` unless they name another one (`import:manifest.notJson`).
 */
export function describeError(error: unknown): string {
  if (isUserFacingError(error)) return i18n.t(error.code, { ns: 'errors', ...error.params });
  const detail = error instanceof Error ? error.message : String(error);
  return i18n.t('unexpected', { ns: 'errors', detail });
}
