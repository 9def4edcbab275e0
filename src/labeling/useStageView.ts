// Pan and zoom of the mask stage: the host element's size, the view (zoom and pan, viewport.ts)
// fitted to it once known, and zoom by mouse wheel (about the pointer) or by button (about the
// centre). `viewRef` mirrors the view for pointer handlers that run between renders.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { fitView, zoomAbout, type Size, type View } from './viewport';

const wheelZoomPerPixel = 0.0015;

export interface StageView {
  /** The host element's size in screen pixels, null until first measured. */
  size: Size | null;
  view: View | null;
  viewRef: RefObject<View | null>;
  changeView(next: View): void;
  /** Zooms by `factor` about the centre of the stage. */
  zoomBy(factor: number): void;
  /** Shows the whole image. */
  fit(): void;
}

/** The element's size, kept as the same object while it does not change. */
function useElementSize(elementRef: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = elementRef.current!;
    const observer = new ResizeObserver(() => {
      const { clientWidth: width, clientHeight: height } = element;
      setSize((previous) => (previous?.width === width && previous.height === height ? previous : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [elementRef]);
  return size;
}

function naturalSize(image: HTMLImageElement): Size {
  return { width: image.naturalWidth, height: image.naturalHeight };
}

export function useStageView(hostRef: RefObject<HTMLDivElement | null>, image: HTMLImageElement): StageView {
  const size = useElementSize(hostRef);
  const [view, setView] = useState<View | null>(null);
  const viewRef = useRef<View | null>(null);

  const changeView = useCallback((next: View) => {
    viewRef.current = next;
    setView(next);
  }, []);

  useEffect(() => {
    if (size && !viewRef.current) changeView(fitView(naturalSize(image), size));
  }, [size, image, changeView]);

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
  }, [hostRef, changeView]);

  return {
    size,
    view,
    viewRef,
    changeView,
    zoomBy: (factor) => {
      if (view && size) changeView(zoomAbout(view, view.zoom * factor, size.width / 2, size.height / 2));
    },
    fit: () => {
      if (size) changeView(fitView(naturalSize(image), size));
    },
  };
}
