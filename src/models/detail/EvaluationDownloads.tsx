// Downloads of the evaluation files training stored (spec §3.2, §3.3), named as the original names them:
// `EvaluationResult-<project>.json` and `EvaluationManifest-<project>.json` (JSON Lines).
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../app/downloadFile';
import { useUiStore } from '../../app/uiStore';
import { UserFacingError } from '../../domain/errors';
import { openSpotcheckDb } from '../../storage/db';
import { modelArtifactNames, readModelArtifact } from '../../storage/modelFiles';

const downloads = [
  { artifact: modelArtifactNames.evaluationResult, fileName: (project: string) => `EvaluationResult-${project}.json`, key: 'evaluationResult' },
  { artifact: modelArtifactNames.evaluationManifest, fileName: (project: string) => `EvaluationManifest-${project}.json`, key: 'evaluationManifest' },
] as const;

export function EvaluationDownloads({ projectName, modelVersionId, version }: { projectName: string; modelVersionId: string; version: number }) {
  const { t } = useTranslation();
  const showError = useUiStore((state) => state.showError);

  async function download(artifact: string, fileName: string) {
    try {
      const blob = await readModelArtifact(await openSpotcheckDb(), modelVersionId, artifact);
      if (!blob) throw new UserFacingError('model.evaluationMissing', { version, file: artifact });
      downloadFile(fileName, blob);
    } catch (error) {
      showError(error);
    }
  }

  return (
    <section className="model-detail-section" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('modelDetail:downloads.title')}</h2>
      <div className="toolbar">
        {downloads.map(({ artifact, fileName, key }) => (
          <button key={key} type="button" className="button-secondary" onClick={() => void download(artifact, fileName(projectName))}>
            {t(`modelDetail:downloads.${key}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
