import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/problem';

/** A failure shown to a person: the problem's title in their language, and its detail when it says more. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = asApiError(error);
  const detail = problem.detail && problem.detail !== problem.title ? problem.detail : '';
  return (
    <div role="alert" className="my-4 rounded-8 border-2 border-error-1 bg-red-50 p-4 text-error-2">
      <p className="text-std-16B-170">{problem.title}</p>
      {detail && <p className="text-std-16N-170">{detail}</p>}
      {onRetry && (
        <button type="button" className="btn-secondary mt-2" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
