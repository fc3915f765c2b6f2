import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** Each interest leads to the other members who share it. */
export function InterestLinks({ interests, limit }: { interests: string[]; limit?: number }) {
  const { t } = useTranslation();
  const shown = limit ? interests.slice(0, limit) : interests;
  return (
    <ul className="flex flex-wrap gap-2">
      {shown.map((interest) => (
        <li key={interest}>
          <Link
            to={`/members?interest=${encodeURIComponent(interest)}`}
            aria-label={t('members.interestLink', { interest })}
            className="inline-flex min-h-11 items-center rounded-full bg-blue-50 px-3 text-dns-14N-130 text-blue-1100"
          >
            #{interest}
          </Link>
        </li>
      ))}
      {shown.length < interests.length && (
        <li className="inline-flex min-h-11 items-center text-dns-14N-130 text-solid-gray-700">
          {t('members.moreInterests', { count: interests.length - shown.length })}
        </li>
      )}
    </ul>
  );
}
