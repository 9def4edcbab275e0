// The annotation view of one image: classify it, paint its mask per label, move to the previous or
// next image without losing changes, and save class, labels and mask together. This file holds the
// editor's state and the save; the parts are AnnotationBar, MaskStage, ClassificationPanel,
// LabelPicker and ToolPanel, with useMaskLabels (label bookkeeping), useUnsavedChangesGuard and
// useEditorShortcuts.
import type { FabricObject } from 'fabric';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useUiStore } from '../app/uiStore';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { UserFacingError } from '../domain/errors';
import { encodeLabelMaskPng } from '../domain/png';
import type { AnomalyLabel, ImageClass } from '../domain/types';
import { saveAnnotation, type AnnotationChange } from '../storage/annotations';
import { openSpotcheckDb } from '../storage/db';
import { AnnotationBar } from './AnnotationBar';
import { ClassificationPanel } from './ClassificationPanel';
import type { EditorActions } from './commands';
import { HelpOverlay } from './HelpOverlay';
import { preselectedLabel } from './labelTracking';
import { useLastUsedLabel } from './lastUsedLabel';
import { LabelPicker } from './LabelPicker';
import type { EditorData } from './loadEditorData';
import { hasMaskPixels, maskedPixelCount, paintCoverage } from './maskModel';
import { MaskStage, type MaskStageHandle } from './MaskStage';
import { rasterizeCoverage } from './rasterize';
import { ToolPanel } from './ToolPanel';
import { defaultBrushSizePx, type Tool } from './tools';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';
import { useEditorShortcuts } from './useEditorShortcuts';
import { useMaskHistory } from './useMaskHistory';
import { useMaskLabels } from './useMaskLabels';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

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
  const lastUsedLabelId = useLastUsedLabel((state) => state.byProject[entry.projectId] ?? null);
  const rememberLabel = useLastUsedLabel((state) => state.remember);
  const [currentLabel, setCurrentLabel] = useState<AnomalyLabel | null>(() => preselectedLabel(labels, entry.anomalyLabelIds, lastUsedLabelId));
  const [brushSizePx, setBrushSizePx] = useState(defaultBrushSizePx);
  const [opacityPercent, setOpacityPercent] = useState(defaultOpacityPercent);
  const [showOtherLabels, setShowOtherLabels] = useState(true);
  const [helpOpen, setHelpOpen] = useState(false);
  const [confirmNormal, setConfirmNormal] = useState(false);
  const stageRef = useRef<MaskStageHandle>(null);
  const maskedPixels = useMemo(() => maskedPixelCount(history.pixels), [history.pixels]);
  const labelTracking = useMaskLabels(history.pixels, labels, currentLabel);
  const { maskIndices, known, deletedInMask, paintable, activeLabel } = labelTracking;
  const dirty = history.pixels !== saved.pixels || classification !== saved.classification;
  const { blocker, markSaved } = useUnsavedChangesGuard(dirty);

  async function applyShape(shapeTool: Tool, shape: FabricObject) {
    const paintIndex = shapeTool === 'eraser' ? 0 : activeLabel?.index;
    if (paintIndex === undefined) {
      showInfo(t('labeling:labels.pickFirst'));
      return;
    }
    try {
      const coverage = await rasterizeCoverage(shape, width, height);
      if (activeLabel && paintIndex !== 0) labelTracking.painted(activeLabel);
      history.edit((pixels) => paintCoverage(pixels, coverage, paintIndex));
      if (paintIndex !== 0) setClassification('anomaly');
    } catch (error) {
      showError(error);
    }
  }

  function pickLabel(label: AnomalyLabel) {
    setCurrentLabel(label);
    rememberLabel(entry.projectId, label.id);
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
      markSaved();
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
      if (label) pickLabel(label);
    },
    undo: history.undo,
    redo: history.redo,
    previous: () => openEntry(data.previousId),
    next: () => openEntry(data.nextId),
    save: () => void save(),
    closeShape: () => stageRef.current?.closeShape(),
    toggleHelp: () => setHelpOpen((open) => !open),
  };
  useEditorShortcuts(actions);

  return (
    <div className="annotation" data-testid="annotation-editor" data-dirty={dirty}>
      <AnnotationBar
        name={entry.sourceRef}
        position={data.position}
        total={data.total}
        hasPrevious={Boolean(data.previousId)}
        hasNext={Boolean(data.nextId)}
        actions={actions}
        onSubmit={() => void submitAndClose()}
      />
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
          <ClassificationPanel classification={classification} onClassify={classify} maskedPixels={maskedPixels} imagePixels={width * height} />
          {deletedInMask.map((label) => (
            <p key={label.id} className="field-problem" role="alert">
              {t('labeling:labels.deletedElsewhere', { name: label.name })}
            </p>
          ))}
          <LabelPicker projectId={entry.projectId} labels={labels} current={activeLabel} onPick={pickLabel} />
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
