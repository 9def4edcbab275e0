// The camera page's setup row: which trained model (with its runtime status and a start button while
// it is not running), which camera when there are several, and the resolution asked of it. Locked
// while an inspection runs.
import { useTranslation } from 'react-i18next';
import type { ModelDescription } from '../contracts/detectionWorkerApi';
import type { TrainedModel } from '../runtime/modelHosting';

export const cameraResolutions = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
export const defaultResolutionIndex = 1;

interface CameraSetupBarProps {
  models: readonly TrainedModel[];
  model: TrainedModel | null;
  onModelChange(modelComponent: string): void;
  description: ModelDescription | null;
  startingModel: boolean;
  onStartModel(): void;
  devices: readonly MediaDeviceInfo[];
  deviceId: string;
  onDeviceChange(deviceId: string): void;
  resolutionIndex: number;
  onResolutionChange(index: number): void;
  locked: boolean;
}

export function CameraSetupBar(props: CameraSetupBarProps) {
  const { t } = useTranslation();
  const { model, description, locked } = props;
  const stoppedOrFailed = description?.status === 'STOPPED' || description?.status === 'FAILED';
  return (
    <div className="toolbar camera-setup">
      {model && (
        <>
          <label>
            <span>{t('camera:model')}</span>
            <select value={model.modelComponent} disabled={locked} onChange={(event) => props.onModelChange(event.target.value)}>
              {props.models.map((item) => (
                <option key={item.modelComponent} value={item.modelComponent}>
                  {t('camera:modelOption', { version: item.version.version })}
                </option>
              ))}
            </select>
          </label>
          <span className="camera-model-status" data-testid="camera-model-status" data-status={description?.status ?? 'UNKNOWN'}>
            {description ? t(`camera:modelStatus.${description.status}`) : t('common.loading')}
          </span>
        </>
      )}
      {stoppedOrFailed && (
        <button type="button" onClick={props.onStartModel} disabled={props.startingModel}>
          {props.startingModel ? t('camera:startingModel') : t('camera:startModel')}
        </button>
      )}
      {props.devices.length > 1 && (
        <label>
          <span>{t('camera:camera')}</span>
          <select value={props.deviceId} disabled={locked} onChange={(event) => props.onDeviceChange(event.target.value)}>
            {props.devices.map((device, index) => (
              <option key={device.deviceId} value={device.deviceId}>
                {device.label || t('camera:cameraNumber', { number: index + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('camera:resolution')}</span>
        <select value={props.resolutionIndex} disabled={locked} onChange={(event) => props.onResolutionChange(Number(event.target.value))}>
          {cameraResolutions.map((size, index) => (
            <option key={index} value={index}>
              {t('camera:size', size)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
