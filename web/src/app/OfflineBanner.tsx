import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { useStreamLost } from './connectionStatus';
import { useOnline } from './useOnline';

/** Says plainly when the connection is gone, or when live notices are not arriving, above everything else. */
export function OfflineBanner() {
  const online = useOnline();
  const streamLost = useStreamLost();
  const { member } = useAuth();
  const { t } = useTranslation();
  const message = !online ? t('network.offline') : streamLost && member ? t('network.streamLost') : '';
  return (
    <div role="status" aria-live="polite">
      {message && (
        <p className="bg-yellow-100 px-4 py-2 text-center text-std-16B-170 text-solid-gray-900">{message}</p>
      )}
    </div>
  );
}
