// The view onto the image: a uniform zoom and a pan offset, in canvas pixels. Image pixel (x, y)
// appears at (panX + x·zoom, panY + y·zoom) on the canvas.

export interface View {
  zoom: number;
  panX: number;
  panY: number;
}

export interface Size {
  width: number;
  height: number;
}

export const minZoom = 0.05;
export const maxZoom = 32;
/** Room left around the image when it is fitted, in canvas pixels. */
const fitMarginPx = 8;

export function clampZoom(zoom: number): number {
  return Math.min(maxZoom, Math.max(minZoom, zoom));
}

/** The whole image centred in the canvas. */
export function fitView(image: Size, canvas: Size): View {
  const zoom = clampZoom(Math.min((canvas.width - 2 * fitMarginPx) / image.width, (canvas.height - 2 * fitMarginPx) / image.height));
  return { zoom, panX: (canvas.width - image.width * zoom) / 2, panY: (canvas.height - image.height * zoom) / 2 };
}

/** `view` zoomed to `zoom`, keeping the image point under canvas point (x, y) where it is. */
export function zoomAbout(view: View, zoom: number, x: number, y: number): View {
  const next = clampZoom(zoom);
  const scale = next / view.zoom;
  return { zoom: next, panX: x - (x - view.panX) * scale, panY: y - (y - view.panY) * scale };
}

export function toImagePoint(view: View, x: number, y: number): { x: number; y: number } {
  return { x: (x - view.panX) / view.zoom, y: (y - view.panY) / view.zoom };
}
