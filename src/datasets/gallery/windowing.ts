// Pure arithmetic of the virtualised grid: how many columns fit and which rows are on screen.

/** Columns of at least `minTileWidthPx` (with `gapPx` between them) that fit in `widthPx`; never fewer than 1. */
export function columnsFor(widthPx: number, minTileWidthPx: number, gapPx: number): number {
  return Math.max(1, Math.floor((widthPx + gapPx) / (minTileWidthPx + gapPx)));
}

export interface RowRange {
  /** First row to render. */
  firstRow: number;
  /** One past the last row to render. */
  endRow: number;
}

/** The rows visible in a viewport scrolled to `scrollRow` (first row at the top), plus `overscanRows` either side. */
export function visibleRows(scrollRow: number, viewportHeightPx: number, rowHeightPx: number, rowCount: number, overscanRows: number): RowRange {
  const rowsOnScreen = Math.ceil(viewportHeightPx / rowHeightPx) + 1;
  const firstRow = Math.max(0, Math.min(scrollRow, rowCount) - overscanRows);
  const endRow = Math.min(rowCount, scrollRow + rowsOnScreen + overscanRows);
  return { firstRow, endRow: Math.max(firstRow, endRow) };
}
