// Tool choice, brush size, mask opacity, other labels on/off, and undo/redo.
import { useTranslation } from 'react-i18next';
import { maxBrushSizePx, minBrushSizePx, tools, type Tool } from './tools';
import { editorCommands } from './commands';

interface ToolPanelProps {
  tool: Tool;
  onTool(tool: Tool): void;
  brushSizePx: number;
  onBrushSize(sizePx: number): void;
  opacityPercent: number;
  onOpacity(percent: number): void;
  showOtherLabels: boolean;
  onShowOtherLabels(show: boolean): void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
}

const shortcutOf = (name: string) => editorCommands.find((command) => command.name === name)?.shortcut;

export function ToolPanel(props: ToolPanelProps) {
  const { t } = useTranslation();
  const { tool, onTool, brushSizePx, onBrushSize, opacityPercent, onOpacity, showOtherLabels, onShowOtherLabels } = props;
  return (
    <fieldset className="annotation-panel-group">
      <legend>{t('labeling:tools.title')}</legend>
      <div className="annotation-tools" role="group" aria-label={t('labeling:tools.title')}>
        {tools.map((each) => (
          <button
            key={each}
            type="button"
            className="chip"
            aria-pressed={tool === each}
            aria-keyshortcuts={shortcutOf(`tool-${each}`)}
            onClick={() => onTool(each)}
          >
            {t(`labeling:tools.${each}`)}
          </button>
        ))}
      </div>
      <label className="annotation-slider">
        <span>{t('labeling:tools.brushSize', { size: brushSizePx })}</span>
        <input type="range" min={minBrushSizePx} max={maxBrushSizePx} value={brushSizePx} onChange={(event) => onBrushSize(Number(event.target.value))} />
      </label>
      <label className="annotation-slider">
        <span>{t('labeling:tools.opacity', { percent: opacityPercent })}</span>
        <input type="range" min={0} max={100} value={opacityPercent} onChange={(event) => onOpacity(Number(event.target.value))} />
      </label>
      <label className="checkbox-field">
        <input type="checkbox" checked={showOtherLabels} onChange={(event) => onShowOtherLabels(event.target.checked)} />
        <span>{t('labeling:tools.showOtherLabels')}</span>
      </label>
      <div className="annotation-row">
        <button type="button" className="button-secondary" onClick={props.onUndo} disabled={!props.canUndo} aria-keyshortcuts="Control+Z">
          {t('labeling:commands.undo')}
        </button>
        <button type="button" className="button-secondary" onClick={props.onRedo} disabled={!props.canRedo} aria-keyshortcuts="Control+Shift+Z">
          {t('labeling:commands.redo')}
        </button>
      </div>
    </fieldset>
  );
}
