// Fabric objects for what a tool draws, in image coordinates: the same object is the preview on
// the stage and, cloned, the source of the rasterised mask pixels.
import { Polygon, Polyline, Rect, type FabricObject } from 'fabric';

export interface Point {
  x: number;
  y: number;
}

const common = { objectCaching: false, selectable: false, evented: false } as const;

/** A free-hand stroke `widthPx` wide with round ends, so a single tap paints a dot. */
export function strokeShape(points: readonly Point[], widthPx: number, color: string): FabricObject {
  const first = points[0] ?? { x: 0, y: 0 };
  // A zero-length path draws nothing; a hair's offset makes a tap paint its round cap.
  const drawn = points.length > 1 ? points : [first, { x: first.x + 0.01, y: first.y }];
  return new Polyline(
    drawn.map(({ x, y }) => ({ x, y })),
    {
      ...common,
      fill: '',
      stroke: color,
      strokeWidth: widthPx,
      strokeLineCap: 'round',
      strokeLineJoin: 'round',
    },
  );
}

/** A closed, filled outline (polygon and lasso). */
export function areaShape(points: readonly Point[], color: string): FabricObject {
  return new Polygon(
    points.map(({ x, y }) => ({ x, y })),
    { ...common, fill: color, strokeWidth: 0 },
  );
}

/** The open outline of a polygon still being placed, with its rubber-band edge to the pointer. */
export function outlineShape(points: readonly Point[], widthPx: number, color: string): FabricObject {
  return new Polyline(
    points.map(({ x, y }) => ({ x, y })),
    { ...common, fill: '', stroke: color, strokeWidth: widthPx },
  );
}

export function rectangleShape(corner: Point, opposite: Point, color: string): FabricObject {
  return new Rect({
    ...common,
    left: Math.min(corner.x, opposite.x),
    top: Math.min(corner.y, opposite.y),
    width: Math.abs(opposite.x - corner.x),
    height: Math.abs(opposite.y - corner.y),
    fill: color,
    strokeWidth: 0,
  });
}
