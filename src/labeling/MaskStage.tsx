// The drawing surface: the image and the coloured mask overlay (useStageCanvas), pan and zoom
// (useStageView, ZoomControls) and the tools driven by pointer events from mouse, touch and pen
// (usePointerTools). This file only wires them to one element.
import type { FabricObject } from 'fabric';
import { useImperativeHandle, useRef, type Ref } from 'react';
import type { AnomalyLabel } from '../domain/types';
import type { Tool } from './tools';
import { usePointerTools } from './usePointerTools';
import { useStageCanvas } from './useStageCanvas';
import { useStageView } from './useStageView';
import { ZoomControls } from './ZoomControls';

export interface MaskStageHandle {
  /** Closes the polygon being placed, if it has at least three points. */
  closeShape(): void;
}

interface MaskStageProps {
  ref: Ref<MaskStageHandle>;
  image: HTMLImageElement;
  pixels: Uint8Array;
  labels: readonly AnomalyLabel[];
  /** Label index shown alone, or null to show every label. */
  onlyIndex: number | null;
  opacity: number;
  tool: Tool;
  brushSizePx: number;
  color: string;
  onShape(tool: Tool, shape: FabricObject): void;
}

export function MaskStage({ ref, image, pixels, labels, onlyIndex, opacity, tool, brushSizePx, color, onShape }: MaskStageProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const { size, view, viewRef, changeView, zoomBy, fit } = useStageView(hostRef, image);
  const showPreview = useStageCanvas(hostRef, { image, pixels, labels, onlyIndex, opacity, size, view });
  const pointerTools = usePointerTools({ hostRef, tool, brushSizePx, color, viewRef, changeView, showPreview, onShape });

  useImperativeHandle(ref, () => ({ closeShape: pointerTools.finishPolygon }));

  return (
    <div className="annotation-stage-frame">
      <div
        ref={hostRef}
        className={`annotation-stage annotation-tool-${tool}`}
        data-testid="annotation-stage"
        data-zoom={view?.zoom}
        data-pan-x={view?.panX}
        data-pan-y={view?.panY}
        onPointerDown={pointerTools.onPointerDown}
        onPointerMove={pointerTools.onPointerMove}
        onPointerUp={pointerTools.onPointerEnd}
        onPointerCancel={pointerTools.onPointerEnd}
      />
      <ZoomControls onZoom={zoomBy} onFit={fit} onCloseShape={tool === 'polygon' ? pointerTools.finishPolygon : null} />
    </div>
  );
}
