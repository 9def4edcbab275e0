// One gallery image: a select checkbox of its own, and a body that opens the large view.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnomalyLabel, DatasetEntry } from '../../domain/types';
import { ClassBadge, LabelChips, labelsOf } from '../../app/EntryFacts';
import { useStoredImageUrl } from '../../app/useStoredImageUrl';

interface GalleryTileProps {
  entry: DatasetEntry;
  index: number;
  labelsById: ReadonlyMap<string, AnomalyLabel>;
  selected: boolean;
  onToggle: (index: number, extendRange: boolean) => void;
  onOpen: (index: number) => void;
}

export const GalleryTile = memo(function GalleryTile({ entry, index, labelsById, selected, onToggle, onOpen }: GalleryTileProps) {
  const { t } = useTranslation();
  const thumbnailUrl = useStoredImageUrl(entry.imageId, true);
  return (
    <div className={selected ? 'gallery-tile gallery-tile-selected' : 'gallery-tile'} data-entry-name={entry.sourceRef}>
      <label className="gallery-tile-check">
        <input
          type="checkbox"
          checked={selected}
          readOnly
          onClick={(event) => onToggle(index, event.shiftKey)}
          aria-label={t('datasets:gallery.select', { name: entry.sourceRef })}
        />
      </label>
      <button type="button" className="gallery-tile-body" onClick={() => onOpen(index)}>
        {thumbnailUrl ? <img src={thumbnailUrl} alt="" draggable={false} /> : <span className="gallery-tile-placeholder" />}
        <span className="gallery-tile-name" title={entry.sourceRef}>
          {entry.sourceRef}
        </span>
        <span className="gallery-tile-facts">
          <ClassBadge classification={entry.classification} />
          <LabelChips labels={labelsOf(entry, labelsById)} />
        </span>
      </button>
    </div>
  );
});
