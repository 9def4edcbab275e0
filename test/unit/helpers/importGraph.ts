// The repository's import graph as the dependency-rule test reads it: every static, re-export,
// side-effect and dynamic import of the TypeScript modules under the given folders, resolved to a
// repository path (relative imports) or a package name (bare imports). Type-only imports count: a
// layer that names another layer's types depends on it as much as one that calls it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** Repository-relative path of the importing module, e.g. `src/camera/CameraPage.tsx`. */
  from: string;
  /** Repository-relative module path, or the package name for a bare import (`idb`, `react`). */
  to: string;
  /** False for a package. */
  local: boolean;
}

const moduleExtensions = ['.ts', '.tsx'];
const importPatterns = [/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm, /^\s*import\s+['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

function modulesUnder(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder)).flatMap((name) => {
    const relative = path.posix.join(folder, name);
    if (statSync(path.join(root, relative)).isDirectory()) return modulesUnder(root, relative);
    return moduleExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts') ? [relative] : [];
  });
}

function resolveLocal(root: string, from: string, specifier: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [
    target,
    ...moduleExtensions.map((extension) => target + extension),
    ...moduleExtensions.map((extension) => `${target}/index${extension}`),
  ];
  const found = candidates.find((candidate) => {
    try {
      return statSync(path.join(root, candidate)).isFile();
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`${from} imports ${specifier}, which resolves to no module.`);
  return found;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function importGraph(root: string, folders: readonly string[]): ImportEdge[] {
  return folders
    .flatMap((folder) => modulesUnder(root, folder))
    .flatMap((from) => {
      const text = readFileSync(path.join(root, from), 'utf8');
      const specifiers = new Set(importPatterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!)));
      return [...specifiers].map((specifier): ImportEdge => {
        const local = specifier.startsWith('.');
        return { from, to: local ? resolveLocal(root, from, specifier) : packageName(specifier), local };
      });
    });
}

/** Each import cycle once, as the modules along it (first module repeated at the end). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) if (edge.local) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (module: string): void => {
    const at = onPath.indexOf(module);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), module]);
      return;
    }
    if (done.has(module)) return;
    onPath.push(module);
    for (const target of next.get(module) ?? []) visit(target);
    onPath.pop();
    done.add(module);
  };
  for (const module of [...next.keys()].sort()) visit(module);
  return cycles;
}
