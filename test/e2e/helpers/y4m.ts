// A Y4M (YUV4MPEG2, 4:2:0) clip from RGBA pictures, for Chromium's fake camera
// (--use-file-for-fake-video-capture plays it in a loop, frame by frame). BT.601 limited range,
// the way Chromium reads I420 camera frames back to RGB.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface ClipPicture {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

function planesOf({ rgba, width, height }: ClipPicture): Uint8Array {
  const y = new Uint8Array(width * height);
  const chromaWidth = width / 2;
  const u = new Uint8Array(chromaWidth * (height / 2));
  const v = new Uint8Array(u.length);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 4;
      y[row * width + col] = Math.round(16 + (65.481 * rgba[i]! + 128.553 * rgba[i + 1]! + 24.966 * rgba[i + 2]!) / 255);
    }
  }
  // Chroma from the average of each 2x2 block.
  for (let row = 0; row < height; row += 2) {
    for (let col = 0; col < width; col += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const i = ((row + dy) * width + col + dx) * 4;
        r += rgba[i]! / 4;
        g += rgba[i + 1]! / 4;
        b += rgba[i + 2]! / 4;
      }
      const c = (row / 2) * chromaWidth + col / 2;
      u[c] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      v[c] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  const planes = new Uint8Array(y.length + u.length * 2);
  planes.set(y, 0);
  planes.set(u, y.length);
  planes.set(v, y.length + u.length);
  return planes;
}

/** Writes each picture `framesEach` times, at `fps`; all pictures share one even width and height. */
export function writeY4m(path: string, pictures: ClipPicture[], fps: number, framesEach: number): void {
  const { width, height } = pictures[0]!;
  const file = openSync(path, 'w');
  try {
    writeSync(file, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const picture of pictures) {
      const planes = planesOf(picture);
      for (let frame = 0; frame < framesEach; frame++) {
        writeSync(file, 'FRAME\n');
        writeSync(file, planes);
      }
    }
  } finally {
    closeSync(file);
  }
}

/** Nearest-neighbour upscale by a whole factor (a 320x240 part filling a 640x480 camera picture). */
export function upscale({ rgba, width, height }: ClipPicture, factor: number): ClipPicture {
  const out = new Uint8ClampedArray(width * factor * height * factor * 4);
  for (let row = 0; row < height * factor; row++) {
    for (let col = 0; col < width * factor; col++) {
      const from = (Math.floor(row / factor) * width + Math.floor(col / factor)) * 4;
      out.set(rgba.subarray(from, from + 4), (row * width * factor + col) * 4);
    }
  }
  return { rgba: out, width: width * factor, height: height * factor };
}

/** Block means (RGB) on a `cols` x `rows` grid: a fingerprint that tells the clip pictures apart. */
export function fingerprint({ rgba, width, height }: ClipPicture, cols = 32, rows = 24): number[] {
  const out: number[] = [];
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const sums = [0, 0, 0];
      let n = 0;
      for (let y = Math.floor((by * height) / rows); y < Math.floor(((by + 1) * height) / rows); y++) {
        for (let x = Math.floor((bx * width) / cols); x < Math.floor(((bx + 1) * width) / cols); x++) {
          const i = (y * width + x) * 4;
          sums[0]! += rgba[i]!;
          sums[1]! += rgba[i + 1]!;
          sums[2]! += rgba[i + 2]!;
          n++;
        }
      }
      out.push(...sums.map((sum) => sum / n));
    }
  }
  return out;
}
