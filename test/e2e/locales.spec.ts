// Spotcheck in the operator's language (issue 16): with the browser's locale set to each supported
// language, the app opens in it — page title, navigation, a refusal from the import worker, numbers in
// the locale's format — and says so in <html lang>. A choice made in Settings holds with the network
// cut and after reloading offline. Expected texts come from the catalogues themselves (helpers/catalogues).
import { expect, test } from '@playwright/test';
import { supportedLanguages } from '../../src/domain/languages';
import { text } from './helpers/catalogues';

/** The browser locale each language is tested with: regional variants, as real browsers send them. */
const browserLocales: Record<string, string> = { en: 'en-GB', 'zh-CN': 'zh-CN', 'pt-BR': 'pt-BR', id: 'id-ID', fr: 'fr-FR', es: 'es-MX' };

for (const { code } of supportedLanguages) {
  test.describe(`browser in ${browserLocales[code]}`, () => {
    test.use({ locale: browserLocales[code] });

    test(`opens in ${code}: title, navigation, an import refusal and the locale's numbers`, async ({ page }) => {
      const say = (namespace: string, key: string, variables?: Record<string, string>) => text(code, namespace, key, variables);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('dashboard', 'title'));
      await expect(page.locator('html')).toHaveAttribute('lang', code);
      const navigation = page.getByRole('navigation', { name: say('common', 'nav.label') });
      await expect(navigation.getByRole('link')).toHaveText([say('common', 'nav.dashboard'), say('common', 'nav.projects'), say('common', 'nav.settings')]);
      // First visit: the language strip offers the picker, preset to the browser's language.
      await expect(page.getByTestId('first-visit-language').getByTestId('language-picker')).toHaveValue(code);

      // A refusal made by the import worker (not a zip) reaches the operator in their language.
      await navigation.getByRole('link', { name: say('common', 'nav.projects') }).click();
      await page.getByTestId('import-project-zip').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
      await page.getByRole('button', { name: say('common', 'projects.importZip.submit') }).click();
      await expect(page.getByText(say('import', 'archive.notZip', { file: 'notes.zip' }))).toBeVisible({ timeout: 30_000 });
      await expect(page.getByText(say('common', 'projects.empty'))).toBeVisible();

      // Numbers: the storage figures in Settings are written as the locale writes decimals.
      await navigation.getByRole('link', { name: say('common', 'nav.settings') }).click();
      const usage = page.getByTestId('storage-estimate').locator('dd').first();
      await expect(usage).toHaveText(/\d/);
      const decimalSeparator = new Intl.NumberFormat(code).formatToParts(1.5).find((part) => part.type === 'decimal')!.value;
      // The first figure is the megabytes used, with one decimal (a fresh profile uses far less than 1,000 MB).
      const usedMb = /\d[\d.,]*/u.exec((await usage.textContent())!)![0];
      expect(usedMb).toMatch(new RegExp(`^\\d+\\${decimalSeparator}\\d$`));
    });
  });
}

test.describe('choosing another language', () => {
  test.use({ locale: 'en-US' });

  test('Settings switches the language with the network cut, and the choice holds after an offline reload', async ({ page, context }) => {
    await page.goto('/settings');
    await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('en', 'common', 'settings.title'));

    await page.getByTestId('language-picker').selectOption('zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('zh-CN', 'common', 'settings.title'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('zh-CN', 'common', 'settings.title'));
    await expect(page.getByTestId('language-picker')).toHaveValue('zh-CN');

    await page.getByTestId('language-picker').selectOption('pt-BR');
    await expect(page.getByRole('link', { name: text('pt-BR', 'common', 'nav.projects') })).toBeVisible();
    // Chosen once, the dashboard no longer offers the first-visit strip.
    await page.getByRole('link', { name: text('pt-BR', 'common', 'nav.dashboard') }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('pt-BR', 'dashboard', 'title'));
    await expect(page.getByTestId('first-visit-language')).toHaveCount(0);
    await context.setOffline(false);
  });

  test('a choice made in one tab reaches the other open tab', async ({ page, context }) => {
    await page.goto('/');
    const other = await context.newPage();
    await other.goto('/projects');
    await expect(other.getByRole('heading', { level: 1 })).toHaveText(text('en', 'common', 'projects.title'));
    await page.getByTestId('first-visit-language').getByTestId('language-picker').selectOption('fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('fr', 'dashboard', 'title'));
    await expect(other.getByRole('heading', { level: 1 })).toHaveText(text('fr', 'common', 'projects.title'));
    await expect(other.locator('html')).toHaveAttribute('lang', 'fr');
  });
});

test('the installed app is named and described in every language (web app manifest localization)', async ({ request }) => {
  const manifest = (await (await request.get('/manifest.webmanifest')).json()) as Record<string, unknown>;
  expect(manifest.lang).toBe('en');
  expect(manifest.description).toBe(text('en', 'common', 'manifest.description'));
  for (const { code } of supportedLanguages.filter((language) => language.code !== 'en')) {
    expect((manifest.name_localized as Record<string, string>)[code]).toBe(text(code, 'common', 'manifest.name'));
    expect((manifest.description_localized as Record<string, string>)[code]).toBe(text(code, 'common', 'manifest.description'));
  }
});
