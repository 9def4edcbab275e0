// The camera's kiosk mode at a 1280×800 tablet, rendered in Chromium with the app's stylesheets: the
// ANOMALY verdict shows whole (it was clipped to "ANOMA"), beside the picture, with nothing else of the
// verdict panel but the confidence. The markup is the station's (CameraPage) around the real VerdictPanel.
import { createElement, Fragment } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../src/app/app.css';
import '../../src/camera/camera.css';
import { i18n } from '../../src/i18n';
import { VerdictPanel } from '../../src/camera/VerdictPanel';
import type { InspectionReadout } from '../../src/camera/cameraInspector';

const anomalousReadout: InspectionReadout = {
  prediction: { score: 0.93, rawScore: 4.1, threshold: 0.5, isAnomalous: true, confidence: 0.97, labelAreas: [] },
  framesPerSecond: 2,
  latencyMs: 310,
  roundTripMs: 420,
  frameGrabbedAt: 1000,
  detections: 12,
  invalidFrames: 0,
  droppedFrames: 0,
  maskPixels: 0,
};

let root: Root;
let station: HTMLElement;

beforeAll(async () => {
  await page.viewport(1280, 800);
  station = document.createElement('section');
  station.className = 'camera-station camera-kiosk';
  document.body.append(station);
  root = createRoot(station);
  root.render(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(
        Fragment,
        null,
        createElement(
          'div',
          { className: 'camera-controls' },
          createElement('div', { className: 'toolbar camera-actions' }, createElement('button', null, 'Stop')),
        ),
        createElement(
          'div',
          { className: 'camera-layout' },
          createElement('div', { className: 'camera-view', style: { aspectRatio: '1280 / 720' } }),
          createElement(VerdictPanel, { readout: anomalousReadout, labels: [] }),
        ),
      ),
    ),
  );
});

afterAll(() => {
  root.unmount();
  station.remove();
});

it('shows the whole ANOMALY verdict in kiosk mode at 1280×800', async () => {
  await expect.poll(() => station.querySelector('.verdict-text')?.textContent).toBe('ANOMALY');
  const text = station.querySelector<HTMLElement>('.verdict-text')!;
  const verdict = station.querySelector<HTMLElement>('[data-testid="verdict"]')!;
  expect(text.scrollWidth).toBeLessThanOrEqual(text.clientWidth);
  expect(text.getBoundingClientRect().right).toBeLessThanOrEqual(verdict.getBoundingClientRect().right);
  expect(verdict.getBoundingClientRect().right).toBeLessThanOrEqual(window.innerWidth);
  // Readable from 2 m: at least 40 px letters.
  expect(parseFloat(getComputedStyle(text).fontSize)).toBeGreaterThanOrEqual(40);
  // Only the verdict and its confidence: the stats are hidden.
  expect(station.querySelector<HTMLElement>('.camera-stats')!.offsetParent).toBeNull();
  expect(station.querySelector<HTMLElement>('[data-testid="verdict-confidence"]')!.offsetParent).not.toBeNull();
});
