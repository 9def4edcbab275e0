// The one i18next instance. Every user-facing string is a key in locales/<lang>/<namespace>.json.
// English is bundled (the fallback, and what the command line and workers' tests read); every other
// language is its own set of chunks, loaded before the switch — the service worker precaches them,
// so switching needs no network.
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
import { fallbackLanguage, type LanguageCode } from '../domain/languages';

export const defaultNamespace = 'common';
export const resources = { en: { common, errors, import: importMessages, datasets, labeling, dashboard, camera, models, modelDetail, trials, cli } } as const;
export const namespaces = Object.keys(resources.en) as (keyof typeof resources.en)[];

export type Catalogue = Record<string, unknown>;
/** Loaders of catalogue files, keyed "./locales/<lang>/<namespace>.json". */
export type CatalogueLoaders = Record<string, () => Promise<Catalogue>>;
/** Every catalogue, each its own chunk, loaded when its language is chosen. */
const catalogueLoaders: CatalogueLoaders = import.meta.glob<Catalogue>('./locales/*/*.json', { import: 'default' });

export const i18n: I18n = i18next.createInstance();
void i18n.init({
  lng: fallbackLanguage,
  fallbackLng: fallbackLanguage,
  ns: namespaces,
  defaultNS: defaultNamespace,
  resources,
  initAsync: false,
  // React escapes rendered text already; user-provided names must never become HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Loads a language's catalogues once (every namespace at once). */
export async function loadLanguage(language: LanguageCode, loaders: CatalogueLoaders = catalogueLoaders): Promise<void> {
  if (i18n.hasResourceBundle(language, defaultNamespace)) return;
  await Promise.all(
    namespaces.map(async (namespace) => {
      const load = loaders[`./locales/${language}/${namespace}.json`];
      if (!load) throw new Error(`No ${namespace} catalogue for ${language}`);
      i18n.addResourceBundle(language, namespace, await load(), true, true);
    }),
  );
}

/** Shows Spotcheck in `language` from now on (loading its catalogues first, from `loaders` if given). */
export async function switchLanguage(language: LanguageCode, loaders?: CatalogueLoaders): Promise<void> {
  await loadLanguage(language, loaders);
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

/**
 * Text for any thrown value: translated for UserFacingError, a generic line otherwise.
 * Codes live in namespace `errors` unless they name another one (`import:manifest.notJson`).
 */
export function describeError(error: unknown): string {
  if (isUserFacingError(error)) return i18n.t(error.code, { ns: 'errors', ...error.params });
  const detail = error instanceof Error ? error.message : String(error);
  return i18n.t('unexpected', { ns: 'errors', detail });
}
