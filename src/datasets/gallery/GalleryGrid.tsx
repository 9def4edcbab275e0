// The virtualised image grid: a fixed-height scroll container in which only the visible rows
// (plus overscan) are rendered, positioned inside a spacer as tall as all rows together.
import { useTranslation } from 'react-i18next';
import type { AnomalyLabel, DatasetEntry } from '../../domain/types';
import { GalleryTile } from './GalleryTile';
import { useGridWindow, type GridLayout } from './useGridWindow';

/** Keep in step with `.gallery-grid-row` and `.gallery-tile` in app.css. */
const gridLayout: GridLayout = { minTileWidthPx: 180, rowHeightPx: 232, gapPx: 12, overscanRows: 2 };

interface GalleryGridProps {
  entries: readonly DatasetEntry[];
  labelsById: ReadonlyMap<string, AnomalyLabel>;
  selectedIds: ReadonlySet<string>;
  onToggle: (index: number, extendRange: boolean) => void;
  onOpen: (index: number) => void;
}

export function GalleryGrid({ entries, labelsById, selectedIds, onToggle, onOpen }: GalleryGridProps) {
  const { t } = useTranslation();
  const grid = useGridWindow(entries.length, gridLayout);
  const rows = Array.from({ length: grid.endRow - grid.firstRow }, (_, offset) => grid.firstRow + offset);
  return (
    <div ref={grid.containerRef} className="gallery-grid" onScroll={grid.onScroll} tabIndex={0} aria-label={t('datasets:gallery.grid')}>
      <div className="gallery-grid-spacer" style={{ height: `${grid.totalHeightPx}px` }}>
        {rows.map((row) => (
          <div
            key={row}
            className="gallery-grid-row"
            style={{
              transform: `translateY(${row * gridLayout.rowHeightPx}px)`,
              gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`,
              gap: `${gridLayout.gapPx}px`,
              height: `${gridLayout.rowHeightPx - gridLayout.gapPx}px`,
            }}
          >
            {entries.slice(row * grid.columns, (row + 1) * grid.columns).map((entry, column) => (
              <GalleryTile
                key={entry.id}
                entry={entry}
                index={row * grid.columns + column}
                labelsById={labelsById}
                selected={selectedIds.has(entry.id)}
                onToggle={onToggle}
                onOpen={onOpen}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
