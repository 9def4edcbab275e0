// The local model identifier written into evaluation files (spec §3.2): `spotcheck:project/<name>/model/<version>`.

export function modelArn(projectName: string, modelVersion: number): string {
  return `spotcheck:project/${projectName}/model/${modelVersion}`;
}
