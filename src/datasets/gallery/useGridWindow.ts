// Windowing for the gallery grid: measures the scroll container (ResizeObserver) and follows its
// scroll position, so only the visible rows plus a few either side are in the DOM at 5,000 images.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { columnsFor, visibleRows, type RowRange } from './windowing';

export interface GridLayout {
  minTileWidthPx: number;
  rowHeightPx: number;
  gapPx: number;
  overscanRows: number;
}

export interface GridWindow extends RowRange {
  containerRef: RefObject<HTMLDivElement | null>;
  onScroll: () => void;
  columns: number;
  totalHeightPx: number;
}

export function useGridWindow(itemCount: number, layout: GridLayout): GridWindow {
  const containerRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ widthPx: 0, heightPx: 0 });
  // Whole rows only: scrolling inside a row re-renders nothing.
  const [scrollRow, setScrollRow] = useState(0);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const observer = new ResizeObserver(() => setSize({ widthPx: container.clientWidth, heightPx: container.clientHeight }));
    observer.observe(container);
    return () => observer.disconnect();
  }, []);

  const columns = columnsFor(size.widthPx, layout.minTileWidthPx, layout.gapPx);
  const rowCount = Math.ceil(itemCount / columns);
  const range = visibleRows(scrollRow, size.heightPx, layout.rowHeightPx, rowCount, layout.overscanRows);
  return {
    ...range,
    containerRef,
    columns,
    totalHeightPx: rowCount * layout.rowHeightPx,
    onScroll: () => setScrollRow(Math.floor((containerRef.current?.scrollTop ?? 0) / layout.rowHeightPx)),
  };
}
