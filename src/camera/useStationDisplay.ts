// What the camera station needs to know about the page it is shown in: whether the tab is hidden (no
// detections then) and whether the station fills the screen (kiosk mode), with the toggle for it.
import { useEffect, useState, type RefObject } from 'react';

export function useStationDisplay(stationRef: RefObject<HTMLElement | null>, onFullScreenRefused: (error: unknown) => void) {
  const [hidden, setHidden] = useState(document.hidden);
  const [fullScreen, setFullScreen] = useState(false);

  useEffect(() => {
    const onVisibility = () => setHidden(document.hidden);
    const onFullScreen = () => setFullScreen(document.fullscreenElement === stationRef.current);
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('fullscreenchange', onFullScreen);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('fullscreenchange', onFullScreen);
    };
  }, [stationRef]);

  function toggleFullScreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void stationRef.current?.requestFullscreen().catch(onFullScreenRefused);
  }

  return { hidden, fullScreen, toggleFullScreen };
}
