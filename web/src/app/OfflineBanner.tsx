import { useTranslation } from 'react-i18next';
import { useOnline } from './useOnline';

export function OfflineBanner() {
  const online = useOnline();
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite">
      {!online && (
        <p className="bg-yellow-100 px-4 py-2 text-center text-std-16B-170 text-solid-gray-900">{t('network.offline')}</p>
      )}
    </div>
  );
}
