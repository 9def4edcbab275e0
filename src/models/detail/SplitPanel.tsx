// The train/test split the version was trained with (spec §9 item 7): how many images each part had,
// how it was made (a seeded split of one dataset, or the separate datasets as given), and which images.
import { useTranslation } from 'react-i18next';
import type { DatasetEntry, ModelVersionSplit } from '../../domain/types';

function ImageList({ ids, entries, title, testId }: { ids: readonly string[]; entries: ReadonlyMap<string, DatasetEntry>; title: string; testId: string }) {
  const { t } = useTranslation();
  const names = ids.map((id) => entries.get(id)?.sourceRef ?? t('modelDetail:results.removedImage', { id })).sort((a, b) => a.localeCompare(b));
  return (
    <details className="split-list" data-testid={testId}>
      <summary>{title}</summary>
      <ul>
        {names.map((name, index) => (
          <li key={`${index}-${name}`}>{name}</li>
        ))}
      </ul>
    </details>
  );
}

export function SplitPanel({ split, entries }: { split: ModelVersionSplit | undefined; entries: ReadonlyMap<string, DatasetEntry> }) {
  const { t } = useTranslation();
  return (
    <section className="model-detail-section" aria-labelledby="split-title">
      <h2 id="split-title">{t('modelDetail:split.title')}</h2>
      {split ? (
        <>
          <p data-testid="split-summary">
            {t('modelDetail:split.counts', { train: split.trainIds.length, test: split.testIds.length })}{' '}
            {t(split.fromDatasets ? 'modelDetail:split.fromDatasets' : 'modelDetail:split.seeded', { seed: split.seed })}
          </p>
          <ImageList ids={split.trainIds} entries={entries} title={t('modelDetail:split.trainImages', { count: split.trainIds.length })} testId="split-train" />
          <ImageList ids={split.testIds} entries={entries} title={t('modelDetail:split.testImages', { count: split.testIds.length })} testId="split-test" />
        </>
      ) : (
        <p>{t('modelDetail:split.unknown')}</p>
      )}
    </section>
  );
}
