// The layer rules of ARCHITECTURE.md, checked over the real import graph of src/, workers/ and scripts/
// (issue 12). Exceptions are listed one by one with the reason they still exist; an exception that no
// longer matches an import fails the test too, so the list only shrinks.
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, type ImportEdge } from './helpers/importGraph';

const repositoryRoot = new URL('../../', import.meta.url).pathname;
const features = ['dashboard', 'projects', 'datasets', 'labeling', 'models', 'trials', 'camera', 'settings'];

function featureOf(module: string): string | null {
  const folder = /^src\/([^/]+)\//.exec(module)?.[1];
  return folder && features.includes(folder) ? folder : null;
}

const rules: { name: string; breaks: (edge: ImportEdge) => boolean }[] = [
  {
    name: 'src/domain, src/storage and src/contracts import nothing from workers/',
    breaks: (edge) => edge.local && /^src\/(domain|storage|contracts)\//.test(edge.from) && edge.to.startsWith('workers/'),
  },
  {
    name: 'src/contracts imports only src/contracts',
    breaks: (edge) => edge.from.startsWith('src/contracts/') && !(edge.local && edge.to.startsWith('src/contracts/')),
  },
  {
    name: 'no feature folder imports another feature folder',
    breaks: (edge) => edge.local && featureOf(edge.from) !== null && featureOf(edge.to) !== null && featureOf(edge.from) !== featureOf(edge.to),
  },
  {
    name: 'shared code and workers import no feature (only src/app/routes.tsx puts the features together)',
    breaks: (edge) =>
      edge.local && !edge.from.startsWith('scripts/') && featureOf(edge.from) === null && featureOf(edge.to) !== null && edge.from !== 'src/app/routes.tsx',
  },
  {
    name: "src/app imports nothing from src/runtime (the runtime builds on the app's worker bridges and stored-data hook)",
    breaks: (edge) => edge.local && edge.from.startsWith('src/app/') && edge.to.startsWith('src/runtime/'),
  },
  {
    name: 'src/ and workers/ import nothing from scripts/ (build-time code such as the backbone conversion stays out of the bundle)',
    breaks: (edge) => edge.local && !edge.from.startsWith('scripts/') && edge.to.startsWith('scripts/'),
  },
  {
    name: 'only src/storage imports idb',
    breaks: (edge) => !edge.local && edge.to === 'idb' && !edge.from.startsWith('src/storage/'),
  },
];

/** `from → to`, with the reason each may still break a rule. */
const exceptions: { from: string; to: string; reason: string }[] = [];

const edges = importGraph(repositoryRoot, ['src', 'workers', 'scripts']);
const isException = (edge: ImportEdge) => exceptions.some((exception) => exception.from === edge.from && exception.to === edge.to);

describe('dependency rules', () => {
  it.each(rules)('$name', ({ breaks }) => {
    const broken = edges.filter((edge) => breaks(edge) && !isException(edge)).map((edge) => `${edge.from} → ${edge.to}`);
    expect(broken).toEqual([]);
  });

  it('no module imports itself through a cycle', () => {
    expect(importCycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('every listed exception is still needed', () => {
    const stale = exceptions.filter(
      (exception) => !edges.some((edge) => edge.from === exception.from && edge.to === exception.to && rules.some((rule) => rule.breaks(edge))),
    );
    expect(stale.map((exception) => `${exception.from} → ${exception.to}`)).toEqual([]);
  });

  it('reads the graph it checks', () => {
    expect(edges.length).toBeGreaterThan(1000);
    expect(edges).toContainEqual({ from: 'src/app/routes.tsx', to: 'src/camera/CameraPage.tsx', local: true });
  });
});
