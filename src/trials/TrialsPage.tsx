// The project's trials tab.
import { FeaturePlaceholder } from '../app/FeaturePlaceholder';

export function TrialsPage() {
  return <FeaturePlaceholder feature="trials" />;
}
