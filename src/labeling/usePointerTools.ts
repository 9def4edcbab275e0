// The mask stage's pointer input (mouse, touch, pen): the drawing tools (brush, eraser, rectangle,
// lasso strokes; polygons placed point by point), panning with the pan tool or middle button,
// and two-finger pinch zoom. A finished shape goes to `onShape` in image coordinates.
import type { FabricObject } from 'fabric';
import { useCallback, useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { areaShape, outlineShape, rectangleShape, strokeShape, type Point } from './shapes';
import type { Tool } from './tools';
import { toImagePoint, zoomAbout, type View } from './viewport';

/** A tap this close to the polygon's first point (screen pixels) closes it. */
const closeRadiusPx = 20;
/** Outline of a polygon being placed, in screen pixels whatever the zoom. */
const outlineWidthPx = 2;
/** Erased areas preview in white. */
const eraserColor = '#ffffff';

type Gesture = { kind: 'pinch'; startDistance: number; startMid: Point; startView: View } | { kind: 'pan'; start: Point; startView: View };

interface PointerToolsInput {
  hostRef: RefObject<HTMLDivElement | null>;
  tool: Tool;
  brushSizePx: number;
  color: string;
  viewRef: RefObject<View | null>;
  changeView(next: View): void;
  showPreview(shape: FabricObject | null): void;
  onShape(tool: Tool, shape: FabricObject): void;
}

type PointerHandler = (event: ReactPointerEvent<HTMLDivElement>) => void;

export interface PointerTools {
  onPointerDown: PointerHandler;
  onPointerMove: PointerHandler;
  /** For pointerup (finishes a stroke) and pointercancel (drops it). */
  onPointerEnd: PointerHandler;
  /** Closes the polygon being placed, if it has at least three points. */
  finishPolygon(): void;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function usePointerTools({ hostRef, tool, brushSizePx, color, viewRef, changeView, showPreview, onShape }: PointerToolsInput): PointerTools {
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);
  const stroke = useRef<Point[] | null>(null);
  const polygon = useRef<Point[]>([]);

  const cancelDrawing = useCallback(() => {
    stroke.current = null;
    polygon.current = [];
    showPreview(null);
  }, [showPreview]);

  // A half-placed polygon belongs to the tool it was started with.
  useEffect(() => cancelDrawing(), [tool, cancelDrawing]);

  function finishPolygon() {
    const points = polygon.current;
    if (points.length >= 3) onShape('polygon', areaShape(points, color));
    cancelDrawing();
  }

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
      stroke.current =
        tool === 'rectangle'
          ? [stroke.current[0]!, toImagePoint(currentView, point.x, point.y)]
          : [...stroke.current, toImagePoint(currentView, point.x, point.y)];
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

  return { onPointerDown, onPointerMove, onPointerEnd, finishPolygon };
}
