// A project tab whose feature has not landed yet says so instead of showing nothing.
import { useTranslation } from 'react-i18next';

export function FeaturePlaceholder({ feature }: { feature: 'models' | 'trials' | 'camera' }) {
  const { t } = useTranslation();
  return <p className="empty">{t(`project.placeholder.${feature}`)}</p>;
}
