// The address of a local model version in the detection runtime (spec §4.3): `<ProjectName>:<ModelVersion>`.
// Project names never contain ':' (spec §5), so the last ':' separates the two parts.

export interface ModelComponentParts {
  projectName: string;
  version: number;
}

export function modelComponentOf(projectName: string, version: number): string {
  return `${projectName}:${version}`;
}

/** Null when `component` is not `<ProjectName>:<positive integer>`. */
export function parseModelComponent(component: unknown): ModelComponentParts | null {
  if (typeof component !== 'string') return null;
  const match = /^([^:\s][^:]*):([1-9]\d{0,8})$/.exec(component);
  if (!match) return null;
  return { projectName: match[1]!, version: Number(match[2]) };
}
