// Turns a drawn shape into mask coverage at the image's full resolution: rendered by fabric on an
// offscreen canvas of the image size, then thresholded so the stored mask has no anti-aliasing.
import { StaticCanvas, type FabricObject } from 'fabric';

/** Pixels at least half covered by the shape count as covered. */
const coveredAlphaThreshold = 128;

/** One byte per image pixel: 1 where `shape` covers it, 0 elsewhere. */
export async function rasterizeCoverage(shape: FabricObject, width: number, height: number): Promise<Uint8Array> {
  const canvas = new StaticCanvas(document.createElement('canvas'), { width, height, enableRetinaScaling: false, renderOnAddRemove: false });
  try {
    const copy = await shape.clone();
    // Not kept by clone(); a cached copy would be clipped to its bounding box, cutting round caps.
    copy.set({ objectCaching: false });
    canvas.add(copy);
    canvas.renderAll();
    const { data } = canvas.getContext().getImageData(0, 0, width, height);
    const coverage = new Uint8Array(width * height);
    for (let i = 0; i < coverage.length; i++) coverage[i] = data[i * 4 + 3]! >= coveredAlphaThreshold ? 1 : 0;
    return coverage;
  } finally {
    void canvas.dispose();
  }
}
