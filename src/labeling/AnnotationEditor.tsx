// The annotation view of one image: classify it, paint its mask per label, move to the previous or
// next image without losing changes, and save class, labels and mask together.
import type { FabricObject } from 'fabric';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { UserFacingError } from '../domain/errors';
import { encodeLabelMaskPng } from '../domain/png';
import type { AnomalyLabel, ImageClass } from '../domain/types';
import { labelIndicesInMask, saveAnnotation, type AnnotationChange } from '../storage/annotations';
import { openSpotcheckDb } from '../storage/db';
import { editorCommands, isTypingTarget, type EditorActions } from './commands';
import { HelpOverlay } from './HelpOverlay';
import { LabelPicker } from './LabelPicker';
import { deletedLabelsInMask, paintableLabels, reconcileLabels } from './labelTracking';
import type { EditorData } from './loadEditorData';
import { hasMaskPixels, maskedPixelCount, paintCoverage } from './maskModel';
import { MaskStage, type MaskStageHandle } from './MaskStage';
import { rasterizeCoverage } from './rasterize';
import { ToolPanel } from './ToolPanel';
import { defaultBrushSizePx, type Tool } from './tools';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';
import { useMaskHistory } from './useMaskHistory';

const defaultOpacityPercent = 55;

/**
 * Where an edited image comes from and goes when it is not a dataset entry (a trial result's mask,
 * src/trials): how to save, where previous/next and "Submit and close" lead, and the back link.
 */
export interface AnnotationTarget {
  save(change: AnnotationChange): Promise<void>;
  pathOf(id: string): string;
  closePath: string;
  closeLabel: string;
}

interface AnnotationEditorProps {
  data: EditorData;
  /** The project's labels as stored now: re-read whenever data changes, here or elsewhere. */
  labels: readonly AnomalyLabel[];
  /** Absent for a dataset entry, saved with saveAnnotation. */
  target?: AnnotationTarget;
}

export function AnnotationEditor({ data, labels, target }: AnnotationEditorProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { showError, showInfo } = useUiStore();
  const { entry } = data;
  const { width, height } = entry;
  const history = useMaskHistory(() => data.maskPixels);
  const [classification, setClassification] = useState<ImageClass | null>(entry.classification);
  const [saved, setSaved] = useState({ pixels: data.maskPixels, classification: entry.classification });
  const [tool, setTool] = useState<Tool>('brush');
  const [currentLabel, setCurrentLabel] = useState<AnomalyLabel | null>(labels[0] ?? null);
  const [brushSizePx, setBrushSizePx] = useState(defaultBrushSizePx);
  const [opacityPercent, setOpacityPercent] = useState(defaultOpacityPercent);
  const [showOtherLabels, setShowOtherLabels] = useState(true);
  const [helpOpen, setHelpOpen] = useState(false);
  const [confirmNormal, setConfirmNormal] = useState(false);
  const stageRef = useRef<MaskStageHandle>(null);
  const maskIndices = useMemo(() => labelIndicesInMask(history.pixels), [history.pixels]);
  const maskedPixels = useMemo(() => maskedPixelCount(history.pixels), [history.pixels]);
  // The label each mask index was painted with, kept for labels deleted elsewhere meanwhile.
  const knownLabels = useRef<ReadonlyMap<number, AnomalyLabel>>(new Map());
  knownLabels.current = reconcileLabels(knownLabels.current, labels, maskIndices);
  const known = knownLabels.current;
  const deletedInMask = deletedLabelsInMask(known, labels, maskIndices);
  const paintable = useMemo(() => paintableLabels(known, labels), [known, labels]);

  const dirty = history.pixels !== saved.pixels || classification !== saved.classification;
  // Read by the blocker at navigation time, after a save in the same event has cleared it.
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    const warnOnUnload = (event: BeforeUnloadEvent) => dirtyRef.current && event.preventDefault();
    window.addEventListener('beforeunload', warnOnUnload);
    return () => window.removeEventListener('beforeunload', warnOnUnload);
  }, []);

  // A label deleted elsewhere disappears from the picker; painting with it must stop too. One just
  // added here paints at once, before the re-read lists it.
  const listed = currentLabel !== null && labels.some((label) => label.id === currentLabel.id);
  const activeLabel =
    currentLabel && (listed ? paintable.some((label) => label.id === currentLabel.id) : !known.has(currentLabel.index)) ? currentLabel : null;

  async function applyShape(shapeTool: Tool, shape: FabricObject) {
    const paintIndex = shapeTool === 'eraser' ? 0 : activeLabel?.index;
    if (paintIndex === undefined) {
      showInfo(t('labeling:labels.pickFirst'));
      return;
    }
    try {
      const coverage = await rasterizeCoverage(shape, width, height);
      if (activeLabel && paintIndex !== 0) knownLabels.current = new Map(known).set(paintIndex, activeLabel);
      history.edit((pixels) => paintCoverage(pixels, coverage, paintIndex));
      if (paintIndex !== 0) setClassification('anomaly');
    } catch (error) {
      showError(error);
    }
  }

  function classify(next: ImageClass) {
    if (next === 'normal' && hasMaskPixels(history.pixels)) setConfirmNormal(true);
    else setClassification(next);
  }

  /** Stores class, labels and mask in one transaction; false when refused (the message is shown). */
  async function save(): Promise<boolean> {
    try {
      const deleted = deletedInMask[0];
      if (deleted) throw new UserFacingError('labeling:errors.labelDeleted', { name: deleted.name });
      const maskLabels = [...maskIndices].map((index) => {
        const label = known.get(index);
        if (!label) throw new UserFacingError('labeling:errors.labelDeleted', { name: `#${index}` });
        return label;
      });
      const hasMask = maskLabels.length > 0;
      // Painted pixels make the image anomalous (spec §7, item 4); storage refuses anything else.
      const savedClass = hasMask ? 'anomaly' : classification;
      const change: AnnotationChange = {
        classification: savedClass,
        mask: hasMask ? new Blob([encodeLabelMaskPng(history.pixels, width, height) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) : null,
        labelIds: maskLabels.map((label) => label.id),
        labelNames: Object.fromEntries(maskLabels.map((label) => [label.id, label.name])),
      };
      if (target) await target.save(change);
      else await saveAnnotation(await openSpotcheckDb(), entry.id, change);
      dirtyRef.current = false;
      setClassification(savedClass);
      setSaved({ pixels: history.pixels, classification: savedClass });
      showInfo(t('labeling:saved', { name: entry.sourceRef }));
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  async function submitAndClose() {
    if (await save()) void navigate(target?.closePath ?? `/projects/${entry.projectId}/datasets`);
  }

  const openEntry = (entryId: string | null) => entryId && void navigate(target ? target.pathOf(entryId) : `/projects/${entry.projectId}/label/${entryId}`);

  const actions: EditorActions = {
    selectTool: setTool,
    pickLabel: (position) => {
      const label = labels[position];
      if (label) setCurrentLabel(label);
    },
    undo: history.undo,
    redo: history.redo,
    previous: () => openEntry(data.previousId),
    next: () => openEntry(data.nextId),
    save: () => void save(),
    closeShape: () => stageRef.current?.closeShape(),
    toggleHelp: () => setHelpOpen((open) => !open),
  };
  const actionsRef = useRef(actions);
  actionsRef.current = actions;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      const command = editorCommands.find((each) => each.keyTest(event));
      if (!command) return;
      event.preventDefault();
      command.perform(actionsRef.current, event);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="annotation" data-testid="annotation-editor" data-dirty={dirty}>
      <div className="annotation-bar">
        <h2 className="annotation-name">{entry.sourceRef}</h2>
        <span className="annotation-position">{t('labeling:position', { position: data.position + 1, total: data.total })}</span>
        <button type="button" className="button-secondary" onClick={actions.previous} disabled={!data.previousId} aria-keyshortcuts="ArrowLeft">
          {t('labeling:commands.previous')}
        </button>
        <button type="button" className="button-secondary" onClick={actions.next} disabled={!data.nextId} aria-keyshortcuts="ArrowRight">
          {t('labeling:commands.next')}
        </button>
        <button type="button" className="button-secondary" onClick={actions.save} aria-keyshortcuts="Control+S">
          {t('labeling:commands.save')}
        </button>
        <button type="button" onClick={() => void submitAndClose()}>
          {t('labeling:submit')}
        </button>
        <button type="button" className="button-quiet" onClick={actions.toggleHelp} aria-keyshortcuts="?">
          {t('labeling:commands.help')}
        </button>
      </div>
      <div className="annotation-body">
        <MaskStage
          ref={stageRef}
          image={data.picture}
          pixels={history.pixels}
          labels={paintable}
          onlyIndex={showOtherLabels ? null : (activeLabel?.index ?? null)}
          opacity={opacityPercent / 100}
          tool={tool}
          brushSizePx={brushSizePx}
          color={activeLabel?.color ?? '#000000'}
          onShape={(shapeTool, shape) => void applyShape(shapeTool, shape)}
        />
        <div className="annotation-panel">
          <fieldset className="annotation-panel-group">
            <legend>{t('labeling:classification.title')}</legend>
            <div className="annotation-row" role="group" aria-label={t('labeling:classification.title')}>
              {(['normal', 'anomaly'] as const).map((each) => (
                <button key={each} type="button" className="chip" aria-pressed={classification === each} onClick={() => classify(each)}>
                  {t(`labeling:classification.${each}`)}
                </button>
              ))}
            </div>
            <p className="hint" data-testid="mask-area" data-pixels={maskedPixels}>
              {t('labeling:maskArea', { count: maskedPixels, percent: ((100 * maskedPixels) / (width * height)).toFixed(1) })}
            </p>
          </fieldset>
          {deletedInMask.map((label) => (
            <p key={label.id} className="field-problem" role="alert">
              {t('labeling:labels.deletedElsewhere', { name: label.name })}
            </p>
          ))}
          <LabelPicker projectId={entry.projectId} labels={labels} current={activeLabel} onPick={setCurrentLabel} />
          <ToolPanel
            tool={tool}
            onTool={setTool}
            brushSizePx={brushSizePx}
            onBrushSize={setBrushSizePx}
            opacityPercent={opacityPercent}
            onOpacity={setOpacityPercent}
            showOtherLabels={showOtherLabels}
            onShowOtherLabels={setShowOtherLabels}
            canUndo={history.canUndo}
            canRedo={history.canRedo}
            onUndo={history.undo}
            onRedo={history.redo}
          />
          <p>
            <Link to={target?.closePath ?? `/projects/${entry.projectId}/datasets`}>{target?.closeLabel ?? t('labeling:backToDatasets')}</Link>
          </p>
        </div>
      </div>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {confirmNormal && (
        <ConfirmDialog
          title={t('labeling:classification.clearTitle')}
          confirmLabel={t('labeling:classification.clearConfirm')}
          danger
          onConfirm={async () => {
            history.edit((pixels) => new Uint8Array(pixels.length));
            setClassification('normal');
          }}
          onClose={() => setConfirmNormal(false)}
        >
          <p>{t('labeling:classification.clearBody')}</p>
        </ConfirmDialog>
      )}
      {blocker.state === 'blocked' && (
        <UnsavedChangesDialog
          onSave={() => void save().then((ok) => (ok ? blocker.proceed() : blocker.reset()))}
          onDiscard={() => blocker.proceed()}
          onStay={() => blocker.reset()}
        />
      )}
    </div>
  );
}
