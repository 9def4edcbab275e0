// The annotation tools. Each paints with the current label except the eraser (background) and pan.
export const tools = ['brush', 'eraser', 'polygon', 'rectangle', 'lasso', 'pan'] as const;
export type Tool = (typeof tools)[number];

export const minBrushSizePx = 1;
export const maxBrushSizePx = 100;
export const defaultBrushSizePx = 12;
