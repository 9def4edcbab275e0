// The drawing surface: the image and the coloured mask overlay on a fabric canvas, with pan/zoom
// (wheel, pinch, buttons, fit) and the tools driven by pointer events from mouse, touch and pen.
import { FabricImage, StaticCanvas, type FabricObject } from 'fabric';
import { useEffect, useImperativeHandle, useRef, useState, type PointerEvent as ReactPointerEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { drawLabelMask } from '../app/drawLabelMask';
import type { AnomalyLabel } from '../domain/types';
import { areaShape, outlineShape, rectangleShape, strokeShape, type Point } from './shapes';
import type { Tool } from './tools';
import { fitView, toImagePoint, zoomAbout, type Size, type View } from './viewport';

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

/** A tap this close to the polygon's first point (screen pixels) closes it. */
const closeRadiusPx = 20;
const wheelZoomPerPixel = 0.0015;
const buttonZoomFactor = 1.25;
/** Outline of a polygon being placed, in screen pixels whatever the zoom. */
const outlineWidthPx = 2;
/** Erased areas preview in white. */
const eraserColor = '#ffffff';

type Gesture = { kind: 'pinch'; startDistance: number; startMid: Point; startView: View } | { kind: 'pan'; start: Point; startView: View };

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function MaskStage({ ref, image, pixels, labels, onlyIndex, opacity, tool, brushSizePx, color, onShape }: MaskStageProps) {
  const { t } = useTranslation();
  const hostRef = useRef<HTMLDivElement>(null);
  const stage = useRef<{ canvas: StaticCanvas; overlay: FabricImage; overlayElement: HTMLCanvasElement } | null>(null);
  const [size, setSize] = useState<Size | null>(null);
  const [view, setView] = useState<View | null>(null);
  const viewRef = useRef<View | null>(null);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);
  const stroke = useRef<Point[] | null>(null);
  const polygon = useRef<Point[]>([]);
  const preview = useRef<FabricObject | null>(null);
  const imageSize = { width: image.naturalWidth, height: image.naturalHeight };

  function changeView(next: View) {
    viewRef.current = next;
    setView(next);
  }

  // Its own element per image: fabric's dispose is asynchronous and must not race a new canvas.
  useEffect(() => {
    const host = hostRef.current!;
    const mount = document.createElement('div');
    mount.className = 'annotation-stage-mount';
    const element = document.createElement('canvas');
    mount.appendChild(element);
    host.prepend(mount);
    const canvas = new StaticCanvas(element, { enableRetinaScaling: false, renderOnAddRemove: false, imageSmoothingEnabled: false });
    const overlayElement = document.createElement('canvas');
    overlayElement.width = image.naturalWidth;
    overlayElement.height = image.naturalHeight;
    const fixed = { objectCaching: false, selectable: false, evented: false, left: 0, top: 0 } as const;
    const overlay = new FabricImage(overlayElement, fixed);
    canvas.add(new FabricImage(image, fixed), overlay);
    stage.current = { canvas, overlay, overlayElement };
    const observer = new ResizeObserver(() => setSize({ width: host.clientWidth, height: host.clientHeight }));
    observer.observe(host);
    return () => {
      observer.disconnect();
      stage.current = null;
      void canvas.dispose().finally(() => mount.remove());
    };
  }, [image]);

  useEffect(() => {
    if (!size || !stage.current) return;
    stage.current.canvas.setDimensions(size);
    if (!viewRef.current) changeView(fitView(imageSize, size));
    stage.current.canvas.requestRenderAll();
  }, [size?.width, size?.height]);

  useEffect(() => {
    const current = stage.current;
    if (!current) return;
    drawLabelMask(current.overlayElement, { ...imageSize, indices: pixels }, labels, { onlyIndex });
    current.overlay.set({ opacity, dirty: true });
    current.canvas.requestRenderAll();
  }, [pixels, labels, onlyIndex, opacity, image]);

  useEffect(() => {
    if (!view || !stage.current) return;
    stage.current.canvas.setViewportTransform([view.zoom, 0, 0, view.zoom, view.panX, view.panY]);
    stage.current.canvas.requestRenderAll();
  }, [view]);

  function showPreview(shape: FabricObject | null) {
    const canvas = stage.current?.canvas;
    if (!canvas) return;
    if (preview.current) canvas.remove(preview.current);
    preview.current = shape;
    if (shape) canvas.add(shape);
    canvas.requestRenderAll();
  }

  function cancelDrawing() {
    stroke.current = null;
    polygon.current = [];
    showPreview(null);
  }

  // A half-placed polygon belongs to the tool it was started with.
  useEffect(cancelDrawing, [tool]);

  function finishPolygon() {
    const points = polygon.current;
    if (points.length >= 3) onShape('polygon', areaShape(points, color));
    cancelDrawing();
  }

  useImperativeHandle(ref, () => ({ closeShape: finishPolygon }));

  function strokePreview(points: Point[]): FabricObject | null {
    const [first, last = first] = [points[0], points.at(-1)];
    if (!first || !last) return null;
    if (tool === 'brush') return strokeShape(points, brushSizePx, color);
    if (tool === 'eraser') return strokeShape(points, brushSizePx, eraserColor);
    if (tool === 'rectangle') return rectangleShape(first, last, color);
    return points.length >= 3 ? areaShape(points, color) : null;
  }

  function polygonPreview(hover: Point | null) {
    const zoom = viewRef.current?.zoom ?? 1;
    const points = hover ? [...polygon.current, hover] : polygon.current;
    showPreview(points.length > 0 ? outlineShape(points, outlineWidthPx / zoom, color) : null);
  }

  function canvasPoint(event: ReactPointerEvent): Point {
    const rect = hostRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function onPointerDown(event: ReactPointerEvent<HTMLDivElement>) {
    const currentView = viewRef.current;
    if (!currentView) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = canvasPoint(event);
    pointers.current.set(event.pointerId, point);
    if (pointers.current.size === 2) {
      // A second finger turns the touch into a pinch: whatever the first one started is dropped.
      cancelDrawing();
      const [a, b] = [...pointers.current.values()] as [Point, Point];
      gesture.current = { kind: 'pinch', startDistance: distance(a, b), startMid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, startView: currentView };
      return;
    }
    if (pointers.current.size > 2) return;
    if (tool === 'pan' || event.button === 1) {
      gesture.current = { kind: 'pan', start: point, startView: currentView };
      return;
    }
    if (event.button !== 0) return;
    const imagePoint = toImagePoint(currentView, point.x, point.y);
    if (tool === 'polygon') {
      const first = polygon.current[0];
      if (first && polygon.current.length >= 3 && distance(first, imagePoint) * currentView.zoom <= closeRadiusPx) finishPolygon();
      else {
        polygon.current = [...polygon.current, imagePoint];
        polygonPreview(null);
      }
      return;
    }
    stroke.current = [imagePoint];
    showPreview(strokePreview(stroke.current));
  }

  function onPointerMove(event: ReactPointerEvent<HTMLDivElement>) {
    const currentView = viewRef.current;
    if (!currentView) return;
    const point = canvasPoint(event);
    if (pointers.current.has(event.pointerId)) pointers.current.set(event.pointerId, point);
    const active = gesture.current;
    if (active?.kind === 'pinch') {
      const [a, b] = [...pointers.current.values()];
      if (!a || !b) return;
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const { startView, startMid } = active;
      const zoomed = zoomAbout(startView, (startView.zoom * distance(a, b)) / active.startDistance, startMid.x, startMid.y);
      changeView({ ...zoomed, panX: zoomed.panX + mid.x - startMid.x, panY: zoomed.panY + mid.y - startMid.y });
    } else if (active?.kind === 'pan') {
      const { startView, start } = active;
      changeView({ ...startView, panX: startView.panX + point.x - start.x, panY: startView.panY + point.y - start.y });
    } else if (stroke.current) {
      stroke.current = tool === 'rectangle' ? [stroke.current[0]!, toImagePoint(currentView, point.x, point.y)] : [...stroke.current, toImagePoint(currentView, point.x, point.y)];
      showPreview(strokePreview(stroke.current));
    } else if (tool === 'polygon' && polygon.current.length > 0 && event.pointerType !== 'touch') {
      polygonPreview(toImagePoint(currentView, point.x, point.y));
    }
  }

  function onPointerEnd(event: ReactPointerEvent<HTMLDivElement>) {
    pointers.current.delete(event.pointerId);
    if (gesture.current) {
      if (pointers.current.size === 0) gesture.current = null;
      return;
    }
    const points = stroke.current;
    if (!points) return;
    const shape = event.type === 'pointerup' ? strokePreview(points) : null;
    cancelDrawing();
    if (shape && tool !== 'polygon' && tool !== 'pan') onShape(tool, shape);
  }

  useEffect(() => {
    const host = hostRef.current!;
    function onWheel(event: WheelEvent) {
      const currentView = viewRef.current;
      if (!currentView) return;
      event.preventDefault();
      const rect = host.getBoundingClientRect();
      changeView(zoomAbout(currentView, currentView.zoom * Math.exp(-event.deltaY * wheelZoomPerPixel), event.clientX - rect.left, event.clientY - rect.top));
    }
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  }, []);

  function zoomByButton(factor: number) {
    if (view && size) changeView(zoomAbout(view, view.zoom * factor, size.width / 2, size.height / 2));
  }

  return (
    <div className="annotation-stage-frame">
      <div
        ref={hostRef}
        className={`annotation-stage annotation-tool-${tool}`}
        data-testid="annotation-stage"
        data-zoom={view?.zoom}
        data-pan-x={view?.panX}
        data-pan-y={view?.panY}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      />
      <div className="annotation-zoom" role="group" aria-label={t('labeling:zoom.label')}>
        <button type="button" className="button-secondary" onClick={() => zoomByButton(buttonZoomFactor)} aria-label={t('labeling:zoom.in')}>
          +
        </button>
        <button type="button" className="button-secondary" onClick={() => zoomByButton(1 / buttonZoomFactor)} aria-label={t('labeling:zoom.out')}>
          −
        </button>
        <button type="button" className="button-secondary" onClick={() => size && changeView(fitView(imageSize, size))}>
          {t('labeling:zoom.fit')}
        </button>
        {tool === 'polygon' && (
          <button type="button" className="button-secondary" onClick={finishPolygon}>
            {t('labeling:commands.closeShape')}
          </button>
        )}
      </div>
    </div>
  );
}
