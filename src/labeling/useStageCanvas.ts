// The fabric canvas inside the mask stage's host element: one StaticCanvas per image holding the
// picture and the coloured mask overlay, sized to the host and transformed by the view, plus the
// one preview shape being drawn (a stroke, rectangle or polygon outline).
import { FabricImage, StaticCanvas, type FabricObject } from 'fabric';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { drawLabelMask } from '../app/drawLabelMask';
import type { AnomalyLabel } from '../domain/types';
import type { Size, View } from './viewport';

interface StageCanvasInput {
  image: HTMLImageElement;
  pixels: Uint8Array;
  labels: readonly AnomalyLabel[];
  /** Label index shown alone, or null to show every label. */
  onlyIndex: number | null;
  opacity: number;
  size: Size | null;
  view: View | null;
}

interface Stage {
  canvas: StaticCanvas;
  overlay: FabricImage;
  overlayElement: HTMLCanvasElement;
}

/** Draws the stage into `hostRef`'s element; returns how to show (or, with null, remove) the preview shape. */
export function useStageCanvas(
  hostRef: RefObject<HTMLDivElement | null>,
  { image, pixels, labels, onlyIndex, opacity, size, view }: StageCanvasInput,
): (shape: FabricObject | null) => void {
  const stage = useRef<Stage | null>(null);
  const preview = useRef<FabricObject | null>(null);

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
    return () => {
      stage.current = null;
      void canvas.dispose().finally(() => mount.remove());
    };
  }, [hostRef, image]);

  useEffect(() => {
    if (!size || !stage.current) return;
    stage.current.canvas.setDimensions(size);
    stage.current.canvas.requestRenderAll();
  }, [size, image]);

  useEffect(() => {
    const current = stage.current;
    if (!current) return;
    const { overlayElement } = current;
    drawLabelMask(overlayElement, { width: overlayElement.width, height: overlayElement.height, indices: pixels }, labels, { onlyIndex });
    current.overlay.set({ opacity, dirty: true });
    current.canvas.requestRenderAll();
  }, [pixels, labels, onlyIndex, opacity, image]);

  useEffect(() => {
    if (!view || !stage.current) return;
    stage.current.canvas.setViewportTransform([view.zoom, 0, 0, view.zoom, view.panX, view.panY]);
    stage.current.canvas.requestRenderAll();
  }, [view, image]);

  return useCallback((shape: FabricObject | null) => {
    const canvas = stage.current?.canvas;
    if (!canvas) return;
    if (preview.current) canvas.remove(preview.current);
    preview.current = shape;
    if (shape) canvas.add(shape);
    canvas.requestRenderAll();
  }, []);
}
