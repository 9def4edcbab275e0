// The project's models tab.
import { FeaturePlaceholder } from '../app/FeaturePlaceholder';

export function ModelsPage() {
  return <FeaturePlaceholder feature="models" />;
}
