// The frame's border that the image score leaves out, the scored centre of a map or picture, and the
// picture's border filled from that centre before the backbone: one rule shared by the kNN score
// (workers/engine/scoring) and the pre-processing, so the two always agree on what counts as "not the part".
import { attr, type GraphBuilder } from '../onnx';

/**
 * Share of each side of the patch grid that the image score leaves out (the anomaly map still covers it).
 * What lies at the frame's edge is mostly not the part: a tray rim, the mirrored fill of a shifted or turned
 * frame, a strip of table, and the backbone's padding makes edge patches rare in the memory bank. PatchCore
 * leaves out 6 % per side by its centre crop; 10 % measured best on the bench's 5-fold CV (issue 13): stress
 * false alarms cookies 43 → 8 %, aliens 61 → 34 %, F1 and AUROC no worse on either set.
 */
export const scoreBorderShare = 0.1;

/** Grid cells per side left out of the image score: 3 of 28 at the default backbones. */
export function scoreBorderCells(grid: number): number {
  return Math.round(grid * scoreBorderShare);
}

/**
 * The score's border in pixels of the backbone input: `scoreBorderCells(grid)` cells of `inputSide / grid` px
 * each (24 of 224 at the default backbones), so what the pre-processing sets aside is exactly what the score
 * leaves out.
 */
export function scoreBorderPixels(inputSide: number, grid: number): number {
  return (scoreBorderCells(grid) * inputSide) / grid;
}

/**
 * An [N, C, side, side] value without `border` cells or pixels per side; `name` names the output and prefixes
 * its initializers.
 */
export function appendScoredCentre(graph: GraphBuilder, value: string, side: number, border: number, name: string): string {
  return graph.node(
    'Slice',
    [
      value,
      graph.int64Initializer(`${name}/starts`, [2], [border, border]),
      graph.int64Initializer(`${name}/ends`, [2], [side - border, side - border]),
      graph.int64Initializer(`${name}/axes`, [2], [2, 3]),
    ],
    {},
    { output: name },
  );
}

/**
 * The centre of a picture grown back by `border` pixels per side, each a copy of the centre's nearest edge
 * pixel (ONNX Pad, mode `edge`). The backbone then never sees what lies in the border: a tray's rim or a
 * strip of table there cannot reach the scored cells through the backbone's receptive field (issue 13's
 * stress set), and a part that fills the frame continues the way its edge does.
 */
export function appendEdgeFilledBorder(graph: GraphBuilder, centre: string, border: number, name: string): string {
  const pads = graph.int64Initializer(`${name}/pads`, [8], [0, 0, border, border, 0, 0, border, border]);
  return graph.node('Pad', [centre, pads], { mode: attr.string('edge') }, { output: name });
}
