// Loading the converted backbone for training over real HTTP (a local server): the bytes when the file is
// there; otherwise one message naming the file and the fix — for a missing file, an app page served in
// its place, an empty file and an unreachable server — and a training run that stops storing nothing.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { IDBPDatabase } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpotcheckDB } from '../../src/storage/schema';
import { backboneModelPath, defaultBackboneId } from '../../workers/engine/backbone/registry';
import { fetchBackboneModel } from '../../workers/training/backboneFile';
import { trainStoredModelVersion } from '../../workers/training/trainModelVersion';
import { failureMessage, snapshotDatabase, useFreshDatabase } from '../fixtures/storageTestKit';
import { writeSyntheticProject } from '../fixtures/syntheticProject';
import { nodeImageDecoder } from './helpers/nodeImageDecoder';
import { trainingVersion } from './helpers/storedModels';

const modelBytes = Uint8Array.of(8, 7, 18, 4, 115, 112, 111, 116);
const fix = 'Open the app once while online so that it is stored for offline use (or reinstall the app if it still fails), then train again.';
const file = backboneModelPath(defaultBackboneId);

/** Site roots on the test server: each answers `models/<id>.onnx` its own way; any other path is a 404. */
const answers: Record<string, { type: string; body: Uint8Array | string }> = {
  '/published/': { type: 'application/octet-stream', body: modelBytes },
  '/spa/': { type: 'text/html; charset=utf-8', body: '<!doctype html><html><body><div id="root"></div></body></html>' },
  '/empty/': { type: 'application/octet-stream', body: new Uint8Array(0) },
};

let server: Server;
let origin = '';
let unreachableOrigin = '';

function listen(target: Server): Promise<string> {
  return new Promise((resolve) => target.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(target.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const answer = Object.entries(answers).find(([root]) => request.url === `${root}${file}`)?.[1];
    if (!answer) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': answer.type }).end(answer.body);
  });
  origin = await listen(server);
  // A port that was just free and is closed again: connections are refused, as for a server that is gone.
  const closed = createServer();
  unreachableOrigin = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const messageFor = (root: string, detail: string) => `The feature extractor ${defaultBackboneId} could not be loaded from ${root}${file} (${detail}). ${fix}`;

describe('fetching the converted backbone', () => {
  it('returns the published file byte for byte', async () => {
    expect(await fetchBackboneModel(defaultBackboneId, `${origin}/published/`)).toEqual(modelBytes);
  });

  it('names the file and the fix when it is missing, replaced by a web page, empty, or the server is unreachable', async () => {
    expect(await failureMessage(fetchBackboneModel(defaultBackboneId, `${origin}/missing/`))).toBe(messageFor(`${origin}/missing/`, 'HTTP 404 Not Found'));
    expect(await failureMessage(fetchBackboneModel(defaultBackboneId, `${origin}/spa/`))).toBe(
      messageFor(`${origin}/spa/`, 'the server sent a web page instead of the model'),
    );
    expect(await failureMessage(fetchBackboneModel(defaultBackboneId, `${origin}/empty/`))).toBe(messageFor(`${origin}/empty/`, 'the file is empty'));
    const unreachable = await failureMessage(fetchBackboneModel(defaultBackboneId, `${unreachableOrigin}/`));
    expect(unreachable).toMatch(new RegExp(`^The feature extractor ${defaultBackboneId} could not be loaded from ${unreachableOrigin}/${file} \\(.+\\)\\. `));
    expect(unreachable.endsWith(fix)).toBe(true);
  });
});

describe('training without its backbone', () => {
  let db: IDBPDatabase<SpotcheckDB>;
  useFreshDatabase((opened) => (db = opened));

  it('stops with that message and stores nothing', async () => {
    const project = await writeSyntheticProject(db, {
      name: 'parts',
      seed: 4,
      side: 64,
      normalCount: 12,
      perDefectCount: 6,
      defectTypes: ['missing-component'],
    });
    const version = trainingVersion(project.id, 1, 'segmentation');
    await db.put('modelVersions', version);
    const before = await snapshotDatabase(db);
    const run = trainStoredModelVersion({ modelVersionId: version.id, backend: 'wasm', seed: 1 }, () => undefined, {
      openDb: async () => db,
      decoder: nodeImageDecoder,
      loadBackbone: (backboneId) => fetchBackboneModel(backboneId, `${origin}/missing/`),
      hasWebGpu: async () => false,
    });
    expect(await failureMessage(run)).toBe(messageFor(`${origin}/missing/`, 'HTTP 404 Not Found'));
    expect(await snapshotDatabase(db)).toEqual(before);
  });
});
