// The project's camera tab.
import { FeaturePlaceholder } from '../app/FeaturePlaceholder';

export function CameraPage() {
  return <FeaturePlaceholder feature="camera" />;
}
