// The part of the camera picture that is inspected: a rectangle with the project's aspect ratio (so
// the crop, scaled to the project size, frames the part as the training images did), as large as
// the picture allows at zoom 1, smaller when zoomed in, centred where the operator puts it; and, inside it,
// the part the project's models inspect (the project's region of interest, cropped by the model itself).
import type { ImageSize } from '../domain/types';
import { regionPixels } from '../domain/inspectionRegion';
import type { InspectionRegion } from '../domain/inspectionRegion';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RegionSettings {
  /** 1 = the largest region that fits; 2 = half as wide and high; up to `maxZoom`. */
  zoom: number;
  /** Centre of the region as a fraction of the picture's width and height (0.5 = middle). */
  centerX: number;
  centerY: number;
}

export const maxZoom = 4;
export const defaultRegionSettings: RegionSettings = { zoom: 1, centerX: 0.5, centerY: 0.5 };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Whole-pixel region inside `frame`, aspect ratio of `project` (rounded), moved inside when it would overflow. */
export function regionOfInterest(frame: ImageSize, project: ImageSize, settings: RegionSettings): Region {
  const zoom = clamp(settings.zoom, 1, maxZoom);
  const aspect = project.width / project.height;
  const fitWidth = Math.min(frame.width, frame.height * aspect);
  const width = Math.max(1, Math.round(fitWidth / zoom));
  const height = Math.max(1, Math.min(frame.height, Math.round(width / aspect)));
  const x = Math.round(clamp(settings.centerX * frame.width - width / 2, 0, frame.width - width));
  const y = Math.round(clamp(settings.centerY * frame.height - height / 2, 0, frame.height - height));
  return { x, y, width, height };
}

/**
 * The camera pixels the model inspects: the project's region of interest (regionPixels' rule on the
 * project-size grab of `cameraRegion`) mapped back onto the camera frame. Without a region: `cameraRegion`.
 */
export function inspectedPart(cameraRegion: Region, project: ImageSize, projectRegion: InspectionRegion | undefined): Region {
  const inProject = regionPixels(projectRegion, project);
  const scaleX = cameraRegion.width / project.width;
  const scaleY = cameraRegion.height / project.height;
  return {
    x: cameraRegion.x + inProject.left * scaleX,
    y: cameraRegion.y + inProject.top * scaleY,
    width: inProject.width * scaleX,
    height: inProject.height * scaleY,
  };
}
