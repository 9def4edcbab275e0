// The training dialog (spec §7 item 5): the counts against the minimums, an optional description and
// tags, the threshold's operating point, where the segmentation head trains, an optional seed that repeats
// an earlier run's split and training order, then confirmation. One idempotency key per opened dialog,
// so a double-clicked or repeated submission returns the same version instead of starting a second run.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { TrainingReadinessView } from '../app/TrainingReadinessPanel';
import { normalizeModelTags } from '../domain/modelTags';
import { maxSplitSeed, parseSeedEntry } from '../domain/split';
import type { TrainingReadiness } from '../domain/rules/readiness';
import type { ModelTag } from '../domain/types';
import { openSpotcheckDb } from '../storage/db';
import { createModelVersion } from '../storage/modelVersions';
import { defaultOperatingPoint, operatingPoints, type OperatingPoint, type TrainingBackend } from '../contracts/trainingWorkerApi';
import { TagsEditor } from './TagsEditor';
import { startTrainingJob } from './trainingJobs';

const backends: readonly TrainingBackend[] = ['auto', 'wasm', 'webgpu'];

interface TrainModelDialogProps {
  projectId: string;
  readiness: TrainingReadiness;
  /** "Train as classification (masks ignored)" (spec §1.3), chosen on the Models page. */
  trainAsClassification: boolean;
  onClose: () => void;
}

export function TrainModelDialog({ projectId, readiness, trainAsClassification, onClose }: TrainModelDialogProps) {
  const { t } = useTranslation();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<ModelTag[]>([]);
  const [backend, setBackend] = useState<TrainingBackend>('auto');
  const [operatingPoint, setOperatingPoint] = useState<OperatingPoint>(defaultOperatingPoint);
  const [seedText, setSeedText] = useState('');
  const seedEntry = parseSeedEntry(seedText);

  async function train() {
    const db = await openSpotcheckDb();
    const version = await createModelVersion(db, projectId, {
      description: description.trim(),
      tags: normalizeModelTags(tags),
      idempotencyKey,
      trainAsClassification,
    });
    startTrainingJob(db, version, { backend, operatingPoint, ...(seedEntry.kind === 'seed' ? { seed: seedEntry.seed } : {}) });
  }

  return (
    <ConfirmDialog
      title={t('models:train.title')}
      confirmLabel={t('models:train.confirm')}
      onConfirm={train}
      onClose={onClose}
      confirmDisabled={seedEntry.kind === 'invalid'}
    >
      <TrainingReadinessView readiness={readiness} />
      <label>
        <span>{t('models:train.description')}</span>
        <textarea name="description" value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
      </label>
      <TagsEditor tags={tags} onChange={setTags} />
      <fieldset>
        <legend>{t('models:train.operatingPoint.label')}</legend>
        {operatingPoints.map((option) => (
          <label key={option}>
            <input type="radio" name="operatingPoint" value={option} checked={operatingPoint === option} onChange={() => setOperatingPoint(option)} />{' '}
            {t(`models:train.operatingPoint.${option}`)}
          </label>
        ))}
        <p className="hint" data-testid="operating-point-explanation">
          {t(`models:train.operatingPoint.${operatingPoint}Explain`)}
        </p>
      </fieldset>
      {readiness.modelType === 'segmentation' && (
        <label>
          <span>{t('models:train.backend.label')}</span>
          <select name="backend" value={backend} onChange={(event) => setBackend(event.target.value as TrainingBackend)}>
            {backends.map((option) => (
              <option key={option} value={option}>
                {t(`models:train.backend.${option}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('models:train.seed.label')}</span>
        <input
          name="seed"
          inputMode="numeric"
          value={seedText}
          placeholder={t('models:train.seed.placeholder')}
          aria-invalid={seedEntry.kind === 'invalid'}
          aria-describedby="train-seed-hint"
          onChange={(event) => setSeedText(event.target.value)}
        />
      </label>
      <p className={seedEntry.kind === 'invalid' ? 'field-problem' : 'hint'} id="train-seed-hint" data-testid="train-seed-hint">
        {seedEntry.kind === 'invalid' ? t('models:train.seed.invalid', { max: maxSplitSeed }) : t('models:train.resultsVary')}
      </p>
    </ConfirmDialog>
  );
}
