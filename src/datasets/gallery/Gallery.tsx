// A dataset's images: filter chips with counts, name search, sort, a virtualised grid, selection
// (click, shift-range, all matching) with classify/remove commands, and a large view per image.
import { useCallback, useDeferredValue, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoredData } from '../../app/useStoredData';
import { useUiStore } from '../../app/uiStore';
import { isUserFacingError } from '../../domain/errors';
import type { AnomalyLabel, DatasetEntry, ImageClass } from '../../domain/types';
import { describeError } from '../../i18n';
import { openSpotcheckDb } from '../../storage/db';
import { classifyEntries, countEntriesByFilter, queryEntries, removeEntries, type EntryQuery } from '../../storage/entries';
import { listAnomalyLabels } from '../../storage/labels';
import { commandForKey, type GalleryActions } from './commands';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { queryFiltersFor, type FilterKey } from './filters';
import { GalleryFilters } from './GalleryFilters';
import { GalleryGrid } from './GalleryGrid';
import { GalleryToolbar } from './GalleryToolbar';
import { ImageViewer } from './ImageViewer';
import { toggled, withRange } from './selection';

type PendingChange = { kind: 'remove' } | { kind: 'clearMasks'; message: string };

const noEntries: readonly DatasetEntry[] = [];
const noLabels: readonly AnomalyLabel[] = [];
const noSelection: ReadonlySet<string> = new Set();

export function Gallery({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const { t } = useTranslation();
  const { showError, showInfo } = useUiStore();
  const [filter, setFilter] = useState<FilterKey>('all');
  const [search, setSearch] = useState('');
  // Typing stays responsive while the listing for the previous keystroke is still being read.
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState<EntryQuery['sort']>('name');
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(noSelection);
  const anchorIndexRef = useRef<number | null>(null);
  const [viewerIndex, setViewerIndex] = useState<number | null>(null);
  const [pending, setPending] = useState<PendingChange | null>(null);

  const overview = useStoredData(
    ['datasets', 'entries', 'anomalyLabels'],
    async (db) => ({ counts: await countEntriesByFilter(db, datasetId), labels: await listAnomalyLabels(db, projectId) }),
    [datasetId, projectId],
  );
  // Entry metadata is small, so every matching entry is listed at once; the grid renders only what is on screen.
  const listing = useStoredData(
    ['entries'],
    async (db) => {
      const query = { ...queryFiltersFor(filter), search: deferredSearch, sort, offset: 0, limit: Number.MAX_SAFE_INTEGER };
      return (await queryEntries(db, datasetId, query)).entries;
    },
    [datasetId, filter, deferredSearch, sort],
  );

  const entries = listing.status === 'ready' ? listing.data : noEntries;
  const labels = overview.status === 'ready' ? overview.data.labels : noLabels;
  const labelsById = useMemo(() => new Map(labels.map((label) => [label.id, label])), [labels]);

  const clearSelection = useCallback(() => {
    setSelectedIds(noSelection);
    anchorIndexRef.current = null;
  }, []);

  const onToggle = useCallback(
    (index: number, extendRange: boolean) => {
      const entry = entries[index];
      if (!entry) return;
      const anchorIndex = anchorIndexRef.current;
      if (extendRange && anchorIndex !== null) {
        setSelectedIds((selected) =>
          withRange(
            selected,
            entries.map(({ id }) => id),
            anchorIndex,
            index,
          ),
        );
        return;
      }
      anchorIndexRef.current = index;
      setSelectedIds((selected) => toggled(selected, entry.id));
    },
    [entries],
  );

  function applied() {
    clearSelection();
  }

  async function classify(classification: ImageClass, clearMasks = false) {
    await classifyEntries(await openSpotcheckDb(), [...selectedIds], classification, { clearMasks });
    applied();
  }

  const actions: GalleryActions = {
    selectAllMatching: () => setSelectedIds(new Set(entries.map(({ id }) => id))),
    clearSelection,
    classify: (classification) =>
      void classify(classification).catch((error: unknown) => {
        // Masks belong to anomalies only: ask before a normal classification deletes them.
        if (isUserFacingError(error) && error.code === 'entry.masked') setPending({ kind: 'clearMasks', message: describeError(error) });
        else showError(error);
      }),
    requestRemove: () => setPending({ kind: 'remove' }),
  };

  async function remove() {
    const removed = await removeEntries(await openSpotcheckDb(), [...selectedIds]);
    applied();
    showInfo(t('datasets:gallery.remove.done', { count: removed }));
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const command = commandForKey(event.nativeEvent, selectedIds.size);
    if (!command) return;
    event.preventDefault();
    command.perform(actions);
  }

  function changeFilter(next: FilterKey) {
    setFilter(next);
    clearSelection();
  }

  return (
    <section className="gallery stack" onKeyDown={onKeyDown} data-testid="gallery">
      <h3 className="gallery-title">{t('datasets:gallery.title', { count: overview.status === 'ready' ? overview.data.counts.all : entries.length })}</h3>
      <GalleryFilters counts={overview.status === 'ready' ? overview.data.counts : null} labels={labels} active={filter} onChange={changeFilter} />
      <div className="gallery-controls">
        <label>
          <span>{t('datasets:gallery.search')}</span>
          <input
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              clearSelection();
            }}
          />
        </label>
        <label>
          <span>{t('datasets:gallery.sort.label')}</span>
          <select
            value={sort}
            onChange={(event) => {
              setSort(event.target.value === 'date' ? 'date' : 'name');
              anchorIndexRef.current = null;
            }}
          >
            <option value="name">{t('datasets:gallery.sort.name')}</option>
            <option value="date">{t('datasets:gallery.sort.date')}</option>
          </select>
        </label>
      </div>
      <GalleryToolbar selectedCount={selectedIds.size} actions={actions} />
      {listing.status === 'failed' && <p role="alert">{describeError(listing.error)}</p>}
      {listing.status === 'ready' && entries.length === 0 ? (
        <p className="empty">{t('datasets:gallery.empty')}</p>
      ) : (
        // A new listing starts at its top: remounting resets the scroll position and the window.
        <GalleryGrid
          key={`${filter}|${deferredSearch}|${sort}`}
          entries={entries}
          labelsById={labelsById}
          selectedIds={selectedIds}
          onToggle={onToggle}
          onOpen={setViewerIndex}
        />
      )}
      {viewerIndex !== null && entries[viewerIndex] && (
        <ImageViewer entries={entries} index={viewerIndex} labelsById={labelsById} onNavigate={setViewerIndex} onClose={() => setViewerIndex(null)} />
      )}
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={t('datasets:gallery.remove.title', { count: selectedIds.size })}
          confirmLabel={t('datasets:gallery.remove.confirm', { count: selectedIds.size })}
          danger
          onConfirm={remove}
          onClose={() => setPending(null)}
        >
          <p>{t('datasets:gallery.remove.warning')}</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'clearMasks' && (
        <ConfirmDialog
          title={t('datasets:gallery.clearMasks.title')}
          confirmLabel={t('datasets:gallery.clearMasks.confirm')}
          danger
          onConfirm={() => classify('normal', true)}
          onClose={() => setPending(null)}
        >
          <p>{pending.message}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
