// The live camera in the built app, fed by Chromium's fake camera playing a Y4M clip written at test
// time from generated parts (2 normal, 2 anomalous, 8 s each, 640x480, looping); the launch flag is set
// for this spec's browser only. Framing and capture work without a model; with the demo project's
// trained model the station shows, for every clip picture, the score and verdict the exported model gives
// that picture as a file (the model's accuracy on unseen parts is the bench's to measure, not this test's:
// with a fresh split per run an unseen normal scored 0.04–0.35, and once over the threshold), says both NORMAL
// and ANOMALY, draws the mask, reads out FPS, and the dashboard then counts the detections.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { demoProject as demoSettings } from '../../src/domain/demoProject';
import { generateSyntheticDataset } from '../../src/syntheticImages';
import { demoProject } from './helpers/annotation';
import { fingerprint, upscale, writeY4m, type ClipPicture } from './helpers/y4m';
import { plainSpaces, text } from './helpers/catalogues';
import * as ort from 'onnxruntime-node';
import { rgbaToRgb } from '../../workers/runtime/detectionInput';
import { expectNoSidewaysScroll, screenshotDir } from './helpers/layout';
import { exportModelPackage, storedVersion } from './helpers/models';

const clipFps = 2;
/** Typed into the training dialog: the run must record it, so that it can be repeated. */
const trainingSeed = 20261207;
/**
 * How far the camera path (I420 frames, 2x up and down again) may move a picture's score from the model's own on
 * the picture as a file: 0.005 at most in Debian Chromium here (e.g. 0.233 on the file, 0.238 on camera).
 */
const cameraScoreTolerance = 0.05;
/** Long enough for a few detections per picture: the demo model takes about a second per frame here. */
const secondsEach = 8;
/** At most this many loops of the clip are watched for a settled verdict on every picture. */
const samplingLoops = 4;
const clipDir = resolve(import.meta.dirname, '../../test-reports');
const clipPath = resolve(clipDir, 'camera-clip.y4m');
/** Unseen parts of the demo's generator (another seed), in the demo's size, shown at twice it. */
const parts = [
  ...generateSyntheticDataset({
    seed: 77,
    width: demoSettings.width,
    height: demoSettings.height,
    normalCount: 2,
    perDefectCount: 1,
    defectTypes: ['dent', 'missing-component'],
  }),
];
const clipOrder = [
  parts.find((p) => p.classification === 'normal')!,
  parts.find((p) => p.sample.defects.includes('dent'))!,
  parts.filter((p) => p.classification === 'normal')[1]!,
  parts.find((p) => p.sample.defects.includes('missing-component'))!,
];
const pictures: ClipPicture[] = clipOrder.map((part) => upscale({ rgba: part.sample.rgba, width: demoSettings.width, height: demoSettings.height }, 2));
mkdirSync(clipDir, { recursive: true });
writeY4m(clipPath, pictures, clipFps, clipFps * secondsEach);

const base = chromiumLaunchOptions();
test.use({ launchOptions: { ...base, args: [...base.args, `--use-file-for-fake-video-capture=${clipPath}`] } });

async function openCamera(page: Page): Promise<string> {
  const { projectId } = await demoProject(page);
  await page.getByRole('link', { name: 'Camera' }).click();
  await expect(page.getByTestId('camera-video')).toHaveJSProperty('videoWidth', 640, { timeout: 30_000 });
  return projectId;
}

interface Sample {
  /** Index into clipOrder of the picture the camera shows now. */
  showing: number;
  verdict: string;
  /** From the score readout, e.g. "Anomaly score 0.123 (threshold 0.500)"; NaN before the first answer. */
  score: number;
  detections: number;
}

/** What the camera shows (nearest clip picture by fingerprint) and the verdict on screen, read together. */
function sample(page: Page, fingerprints: number[][]): Promise<Sample> {
  return page.evaluate((references) => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="camera-video"]')!;
    const canvas = document.createElement('canvas');
    Object.assign(canvas, { width: 32, height: 24 });
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, 32, 24);
    const { data } = context.getImageData(0, 0, 32, 24);
    const rgb: number[] = [];
    for (let i = 0; i < data.length; i += 4) rgb.push(data[i]!, data[i + 1]!, data[i + 2]!);
    const distances = references.map((reference) => reference.reduce((sum, value, i) => sum + (value - rgb[i]!) ** 2, 0));
    return {
      showing: distances.indexOf(Math.min(...distances)),
      verdict: document.querySelector('[data-testid="verdict"]')!.getAttribute('data-verdict')!,
      score: Number(/Anomaly score ([\d.]+)/.exec(document.querySelector('[data-testid="verdict-score"]')?.textContent ?? '')?.[1] ?? Number.NaN),
      detections: Number(document.querySelector('[data-testid="camera-detections"]')!.textContent),
    };
  }, fingerprints);
}

/** The exported version 1's score of each clip part as a file at the project size, run in onnxruntime-node. */
async function exportedModelScores(page: Page): Promise<{ scores: number[]; threshold: number }> {
  const exported = await exportModelPackage(page, 1);
  const session = await ort.InferenceSession.create(exported.onnx);
  try {
    const scores: number[] = [];
    for (const part of clipOrder) {
      const image = new ort.Tensor('uint8', rgbaToRgb(part.sample.rgba), [1, demoSettings.height, demoSettings.width, 3]);
      const output = await session.run({ [session.inputNames[0]!]: image });
      scores.push((output.anomaly_score!.data as Float32Array)[0]!);
    }
    return { scores, threshold: exported.metadata.threshold };
  } finally {
    await session.release();
  }
}

/**
 * The samples whose verdict is settled: two detections have finished since the picture was first seen
 * on, so the second one started after the change and saw this picture.
 */
function settledSamples(samples: Sample[]): Sample[] {
  return samples.filter((current, index) => {
    let runStart = index;
    while (runStart > 0 && samples[runStart - 1]!.showing === current.showing) runStart--;
    return runStart > 0 && current.detections >= samples[runStart]!.detections + 2;
  });
}

test('frames the part and captures the region into the dataset without a model', async ({ page }) => {
  await openCamera(page);
  await expect(page.getByTestId('camera-no-model')).toContainText('no trained model yet');
  // The region outline is drawn on the overlay for framing, once the page has sized it to the video
  // (an effect after the video's size is known, then an asynchronous draw): wait for the drawing itself.
  const overlay = page.getByTestId('camera-overlay');
  await expect(overlay).toHaveJSProperty('width', 640);
  await expect
    .poll(() =>
      overlay.evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque++;
        return opaque;
      }),
    )
    .toBeGreaterThan(1000);
  // Kiosk mode: the station fills the screen with the picture, verdict and main buttons only.
  await page.getByRole('button', { name: 'Full screen' }).click();
  await expect(page.getByTestId('camera-station')).toHaveClass(/camera-kiosk/);
  await page.getByRole('button', { name: 'Leave full screen' }).click();
  await expect(page.getByTestId('camera-station')).not.toHaveClass(/camera-kiosk/);
  await page.getByRole('button', { name: 'Capture as anomaly' }).click();
  await expect(page.getByText('Captured image added to the training dataset as anomaly.')).toBeVisible({ timeout: 30_000 });
  // The demo project masks its anomalies: the capture says the new one needs a mask and offers to paint it now.
  await expect(page.getByTestId('capture-needs-mask')).toHaveText(
    'This project marks anomalies with masks: the captured anomaly has none yet, and training waits until it has one. Paint its mask now',
  );
  await page.getByRole('link', { name: 'Paint its mask now' }).click();
  await expect(page).toHaveURL(/\/label\/[^/]+$/);
  await expect(page.getByRole('button', { name: 'Anomaly', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  const train = page.getByTestId('dataset-stats').locator('tr[data-dataset-type="train"]');
  await expect(train.locator('[data-stat="Total"]')).toHaveText('101');
  await expect(train.locator('[data-stat="Anomaly"]')).toHaveText('61');
});

test('judges normal and anomalous parts with the trained demo model, then the dashboard counts them, in every language', async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const projectId = await openCamera(page);
  await page.getByRole('link', { name: 'Models' }).click();
  const train = page.getByRole('button', { name: 'Train model' });
  await expect(train).toBeEnabled({ timeout: 30_000 });
  await train.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Seed (optional)').fill(String(trainingSeed));
  await dialog.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText('Training complete', { exact: true })).toBeVisible({ timeout: 15 * 60_000 });
  expect((await storedVersion(page, projectId, 1))?.split?.seed).toBe(trainingSeed);
  // What the camera must show for each clip picture: the model's own score and verdict on the picture as a file.
  const model = await exportedModelScores(page);
  const verdictOf = (score: number) => (score >= model.threshold ? 'ANOMALY' : 'NORMAL');

  await page.goto(`/projects/${projectId}/camera`);
  await page.getByRole('button', { name: 'Start model' }).click();
  await expect(page.getByTestId('camera-model-status')).toHaveAttribute('data-status', 'RUNNING', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Start inspection' }).click();

  const fingerprints = pictures.map((picture) => fingerprint(picture));
  const samples: Sample[] = [];
  // Sampled at every change of the picture shown or of the detection count, until every clip picture
  // has a settled verdict (how long that takes depends on the detection speed of this machine).
  const deadline = Date.now() + samplingLoops * clipOrder.length * secondsEach * 1000;
  samples.push(await sample(page, fingerprints));
  while (new Set(settledSamples(samples).map((s) => s.showing)).size < clipOrder.length && Date.now() < deadline) {
    const last = samples.at(-1)!;
    let next = last;
    await expect
      .poll(
        async () => {
          next = await sample(page, fingerprints);
          return next.showing !== last.showing || next.detections !== last.detections;
        },
        { intervals: [100], timeout: 60_000 },
      )
      .toBe(true);
    samples.push(next);
  }
  const settled = settledSamples(samples);
  console.info(`camera samples (picture:verdict:detections): ${samples.map((s) => `${s.showing}:${s.verdict[0]}:${s.detections}`).join(' ')}`);
  console.info(
    `scores by clip picture (true class: model on the file / camera): ${clipOrder
      .map(
        (part, index) =>
          `${part.classification} ${model.scores[index]!.toFixed(3)} / ${[...new Set(settled.filter((s) => s.showing === index).map((s) => s.score))].join(', ')}`,
      )
      .join('; ')}`,
  );
  const offScore = settled.filter((s) => !(Math.abs(s.score - model.scores[s.showing]!) <= cameraScoreTolerance));
  expect(offScore).toEqual([]);
  // A verdict is compared where the file's score is clear of the threshold by more than the camera may move it.
  const wrong = settled.filter(
    (s) => Math.abs(model.scores[s.showing]! - model.threshold) > cameraScoreTolerance && s.verdict !== verdictOf(model.scores[s.showing]!),
  );
  expect(wrong).toEqual([]);
  expect(new Set(settled.map((s) => s.showing)).size, 'clip pictures with a settled verdict').toBe(clipOrder.length);
  expect(new Set(settled.map((s) => s.verdict))).toEqual(new Set(['NORMAL', 'ANOMALY']));

  await expect.poll(async () => Number(await page.getByTestId('camera-overlay').getAttribute('data-mask-pixels')), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(async () => Number(await page.getByTestId('camera-fps').textContent())).toBeGreaterThan(0);
  console.info(
    `camera with the demo model (320x240) on a 640x480 fake camera: ${await page.getByTestId('camera-fps').textContent()} FPS (the clip's rate), model latency ${await page.getByTestId('camera-latency').textContent()}, frame to verdict ${await page.getByTestId('camera-round-trip').textContent()}`,
  );
  await page.getByRole('button', { name: 'Capture into a trial job' }).click();
  await expect(page.getByText(/Captured image sent to the new trial job camera-/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop inspection' }).click();
  const detections = Number(await page.getByTestId('camera-detections').textContent());

  await page.getByRole('link', { name: 'Dashboard' }).click();
  // The camera stores its events after showing each verdict and the dashboard re-reads once they are
  // stored: wait for the count to cover every detection shown, then take it.
  const processedText = page.getByTestId('dashboard-images-processed');
  const processedCount = async () => Number((await processedText.textContent())!.replaceAll(',', ''));
  await expect.poll(processedCount).toBeGreaterThanOrEqual(detections);
  const processed = await processedCount();
  await expect(page.getByTestId('dashboard-anomalies')).not.toHaveText('0');
  const chart = page.getByTestId('dashboard-chart');
  await expect(chart).toHaveAttribute('data-detections', String(processed));
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(chart).toHaveAttribute('data-buckets', '28');
  await expect(chart).toHaveAttribute('data-detections', String(processed));

  await speaksEveryLanguage(page, projectId);
});

/**
 * Issue 16, with the model this test trained: in every other language (chosen in Settings) the version's F1
 * reads in the locale's percent format; in French and Chinese the running station's verdict and its figures
 * fit the screen at 1280×800 and 800×1280 (screenshots camera-verdict-<language>-<size>.png).
 */
async function speaksEveryLanguage(page: Page, projectId: string) {
  const languageSwitchTimeoutMs = 60_000;
  await page.goto(`/projects/${projectId}/models`);
  const englishF1 = (await page.getByTestId('model-f1').first().textContent())!;
  const f1 = Number(englishF1.replace('%', '')) / 100;
  expect(englishF1).toBe(new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(f1));
  for (const language of ['zh-CN', 'pt-BR', 'id', 'fr', 'es']) {
    await page.goto('/settings');
    await page.getByTestId('language-picker').selectOption(language);
    // The switch first loads the language's eleven catalogue chunks through the service worker; on a loaded CI
    // machine, with this test's model hosted in the background, one run saw them take longer than the 15 s default.
    await expect(page.locator('html')).toHaveAttribute('lang', language, { timeout: languageSwitchTimeoutMs });
    await page.goto(`/projects/${projectId}/models`);
    const localeF1 = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(f1);
    // Intl in Node and in Chromium may differ in the kind of space only (no-break or narrow no-break).
    await expect.poll(async () => plainSpaces((await page.getByTestId('model-f1').first().textContent()) ?? '')).toBe(plainSpaces(localeF1));
    if (language !== 'fr' && language !== 'zh-CN') continue;

    await page.goto(`/projects/${projectId}/camera`);
    await page.getByRole('button', { name: text(language, 'camera', 'start') }).click();
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-verdict', /^(NORMAL|ANOMALY)$/, { timeout: 60_000 });
    const shown = (await verdict.getAttribute('data-verdict')) === 'ANOMALY' ? 'anomaly' : 'normal';
    await expect(verdict.locator('.verdict-text')).toHaveText(text(language, 'camera', `verdict.${shown}`));
    for (const size of [
      { width: 1280, height: 800 },
      { width: 800, height: 1280 },
    ]) {
      await page.setViewportSize(size);
      await expectNoSidewaysScroll(page, `camera verdict (${language}, ${size.width}x${size.height})`);
      // Nothing in the verdict panel is cut off: each box holds its own text.
      const clipped = await page
        .locator('.verdict-panel')
        .evaluate((panel) =>
          [...panel.querySelectorAll<HTMLElement>('p, td, th, dd, dt, button')]
            .filter((box) => box.scrollWidth > box.clientWidth + 1)
            .map((box) => box.textContent),
        );
      expect(clipped).toEqual([]);
      await page.screenshot({ path: resolve(screenshotDir, `camera-verdict-${language}-${size.width}x${size.height}.png`), fullPage: true });
    }
    await page.getByRole('button', { name: text(language, 'camera', 'stop') }).click();
  }
}
