// The project's region of interest (issue 13), set once on the Datasets page: the part of every picture
// the project's models look at, in percent of the picture. Saved with the project; the next model trains,
// evaluates and detects on that part alone (the packaged model crops it itself, the camera included).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectionRegion } from '../domain/inspectionRegion';
import { wholePicture } from '../domain/inspectionRegion';
import type { Project } from '../domain/types';
import { describeError } from '../i18n';
import { openSpotcheckDb } from '../storage/db';
import { getProject, setProjectRegion } from '../storage/projects';
import { useStoredData } from '../app/useStoredData';
import './regionOfInterest.css';

const fields = ['x', 'y', 'width', 'height'] as const;
type RegionPercent = Record<(typeof fields)[number], string>;

/** Fractions → the form's percent texts, to one decimal. */
function asPercent(region: InspectionRegion): RegionPercent {
  const percent = (share: number) => String(Math.round(share * 1000) / 10);
  return { x: percent(region.x), y: percent(region.y), width: percent(region.width), height: percent(region.height) };
}

function asRegion(values: RegionPercent): InspectionRegion {
  const share = (text: string) => (text.trim() === '' ? Number.NaN : Number(text) / 100);
  return { x: share(values.x), y: share(values.y), width: share(values.width), height: share(values.height) };
}

export function RegionOfInterestForm({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const project = useStoredData(['projects'], (db) => getProject(db, projectId), [projectId]);
  if (project.status === 'loading') return <p>{t('common.loading')}</p>;
  if (project.status === 'failed') return <p role="alert">{describeError(project.error)}</p>;
  return <RegionForm project={project.data} />;
}

function RegionForm({ project }: { project: Project }) {
  const { t } = useTranslation();
  const stored = project.region ?? wholePicture;
  const [values, setValues] = useState<RegionPercent>(() => asPercent(stored));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (region: InspectionRegion | null) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await setProjectRegion(await openSpotcheckDb(), project.id, region);
      setValues(asPercent(saved.region ?? wholePicture));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  };
  const aspectRatio = project.imageSize ? `${project.imageSize.width} / ${project.imageSize.height}` : undefined;
  return (
    <section className="stack region-of-interest" data-testid="region-of-interest">
      <h2>{t('datasets:region.title')}</h2>
      <p className="hint">{t('datasets:region.explanation')}</p>
      <p data-testid="region-summary">{project.region ? t('datasets:region.current', asPercent(project.region)) : t('datasets:region.whole')}</p>
      <div className="region-preview" style={{ aspectRatio }} aria-hidden="true">
        <div
          className="region-preview-box"
          style={{ left: `${stored.x * 100}%`, top: `${stored.y * 100}%`, width: `${stored.width * 100}%`, height: `${stored.height * 100}%` }}
        />
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(asRegion(values));
        }}
      >
        {fields.map((field) => (
          <label key={field}>
            <span>{t(`datasets:region.${field}`)}</span>
            <input
              type="number"
              min={0}
              max={100}
              step={0.1}
              value={values[field]}
              onChange={(event) => setValues({ ...values, [field]: event.target.value })}
            />
          </label>
        ))}
        <button type="submit" className="button-secondary" disabled={saving}>
          {t('datasets:region.save')}
        </button>
        <button type="button" className="button-quiet" disabled={saving} onClick={() => void save(null)}>
          {t('datasets:region.reset')}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
