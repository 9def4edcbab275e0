// The large view of one gallery image: the full image, its name, class and labels,
// Previous/Next through the images the gallery currently lists, and Annotate to edit it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AnomalyLabel, DatasetEntry } from '../../domain/types';
import { ClassBadge, labelsOf } from '../../app/EntryFacts';
import { useStoredImageUrl } from '../../app/useStoredImageUrl';

interface ImageViewerProps {
  entries: readonly DatasetEntry[];
  index: number;
  labelsById: ReadonlyMap<string, AnomalyLabel>;
  onNavigate: (index: number) => void;
  onClose: () => void;
}

export function ImageViewer({ entries, index, labelsById, onNavigate, onClose }: ImageViewerProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const entry = entries[index];
  const imageUrl = useStoredImageUrl(entry?.imageId ?? '', false);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  if (!entry) return null;
  const labels = labelsOf(entry, labelsById);
  return (
    <dialog ref={dialogRef} className="dialog image-viewer" onClose={onClose} aria-label={entry.sourceRef}>
      <div className="image-viewer-picture">{imageUrl && <img src={imageUrl} alt={entry.sourceRef} />}</div>
      <h2 className="image-viewer-name">{entry.sourceRef}</h2>
      <dl className="facts">
        <dt>{t('datasets:gallery.viewer.class')}</dt>
        <dd>
          <ClassBadge classification={entry.classification} />
        </dd>
        <dt>{t('datasets:gallery.viewer.labels')}</dt>
        <dd>
          {labels.length === 0
            ? t('datasets:gallery.viewer.noLabels')
            : labels.map((label) => (
                <span key={label.id} className="image-viewer-label">
                  <span className="label-dot" style={{ backgroundColor: label.color }} aria-hidden="true" />
                  {label.name}
                </span>
              ))}
        </dd>
      </dl>
      <div className="dialog-actions">
        <span className="image-viewer-position">{t('datasets:gallery.viewer.position', { position: index + 1, total: entries.length })}</span>
        <button type="button" className="button-secondary" disabled={index === 0} onClick={() => onNavigate(index - 1)}>
          {t('datasets:gallery.viewer.previous')}
        </button>
        <button type="button" className="button-secondary" disabled={index >= entries.length - 1} onClick={() => onNavigate(index + 1)}>
          {t('datasets:gallery.viewer.next')}
        </button>
        <Link className="button-link button-secondary" to={`/projects/${entry.projectId}/label/${entry.id}`}>
          {t('datasets:gallery.viewer.annotate')}
        </Link>
        <button type="button" onClick={onClose}>
          {t('datasets:gallery.viewer.close')}
        </button>
      </div>
    </dialog>
  );
}
