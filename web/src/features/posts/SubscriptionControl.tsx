import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import {
  SUBSCRIPTION_LEVELS, useSubscriptionLevel, type SubscriptionLevel, type SubscriptionTarget,
} from './useSubscriptionLevel';

/**
 * 通知する / 通常 / ミュート for one channel or one post, saved as soon as it is chosen. `assumed` is what to show
 * when nothing was chosen in this browser: the services make the author of a post and those who reply watch it.
 */
export function SubscriptionControl({ target, assumed = 'NORMAL' }: { target: SubscriptionTarget; assumed?: SubscriptionLevel }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const name = useId();
  const { level, choose, saving, error } = useSubscriptionLevel(target, {
    assumed,
    onSaved: (next) => announce(t(`posts.subscription.saved.${next}`)),
  });

  return (
    <div>
      <fieldset role="radiogroup" aria-labelledby={`${name}-legend`} className="rounded-8 border border-solid-gray-300 p-3" aria-busy={saving}>
        <legend id={`${name}-legend`} className="px-1 text-std-16B-170">{t(`posts.subscription.legend.${target.type}`)}</legend>
        <div className="flex flex-wrap gap-x-4">
          {SUBSCRIPTION_LEVELS.map((option) => (
            <label key={option} className="flex min-h-11 cursor-pointer items-center gap-2">
              <input
                type="radio"
                name={name}
                value={option}
                checked={level === option}
                className="size-5"
                onChange={() => choose(option)}
              />
              {t(`posts.subscription.level.${option}`)}
            </label>
          ))}
        </div>
        <p className="text-dns-14N-130 text-solid-gray-700">{t(`posts.subscription.explain.${target.type}.${level}`)}</p>
      </fieldset>
      <ErrorAlert error={error} />
    </div>
  );
}
