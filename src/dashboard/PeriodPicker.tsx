// Period choice for the dashboard: presets, or custom dates applied with the refresh button.
import { useTranslation } from 'react-i18next';
import { periodChoices, type CustomDates, type PeriodChoice } from './periods';

interface PeriodPickerProps {
  choice: PeriodChoice;
  custom: CustomDates;
  problem: string | null;
  onChoice(choice: PeriodChoice): void;
  onCustom(custom: CustomDates): void;
  onRefresh(): void;
}

export function PeriodPicker({ choice, custom, problem, onChoice, onCustom, onRefresh }: PeriodPickerProps) {
  const { t } = useTranslation();
  return (
    <div className="period-picker toolbar">
      <fieldset className="chips">
        <legend>{t('dashboard:period.label')}</legend>
        {periodChoices.map((option) => (
          <button key={option} type="button" className="chip" aria-pressed={choice === option} onClick={() => onChoice(option)}>
            {t(`dashboard:period.${option}`)}
          </button>
        ))}
      </fieldset>
      {choice === 'custom' && (
        <div className="inline-form">
          <label>
            <span>{t('dashboard:period.from')}</span>
            <input type="date" value={custom.from} onChange={(event) => onCustom({ ...custom, from: event.target.value })} />
          </label>
          <label>
            <span>{t('dashboard:period.to')}</span>
            <input type="date" value={custom.to} onChange={(event) => onCustom({ ...custom, to: event.target.value })} />
          </label>
        </div>
      )}
      <button type="button" className="button-secondary" onClick={onRefresh}>
        {t('dashboard:refresh')}
      </button>
      {problem && (
        <p role="alert" className="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
