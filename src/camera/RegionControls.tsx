// Sliders for the region of interest: zoom (smaller region) and where its centre sits.
import { useTranslation } from 'react-i18next';
import { defaultRegionSettings, maxZoom, type RegionSettings } from './regionOfInterest';

const zoomStep = 0.1;
const centerStep = 0.01;

export function RegionControls({ value, onChange }: { value: RegionSettings; onChange(value: RegionSettings): void }) {
  const { t } = useTranslation();
  const slider = (key: keyof RegionSettings, min: number, max: number, step: number) => (
    <label key={key}>
      <span>{t(`camera:region.${key}`)}</span>
      <input type="range" min={min} max={max} step={step} value={value[key]} onChange={(event) => onChange({ ...value, [key]: Number(event.target.value) })} />
    </label>
  );
  return (
    <fieldset className="inline-form region-controls">
      <legend>{t('camera:region.title')}</legend>
      {slider('zoom', 1, maxZoom, zoomStep)}
      {slider('centerX', 0, 1, centerStep)}
      {slider('centerY', 0, 1, centerStep)}
      <button type="button" className="button-quiet" onClick={() => onChange(defaultRegionSettings)}>
        {t('camera:region.reset')}
      </button>
    </fieldset>
  );
}
