import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMember } from '../../auth/AuthProvider';
import { PageTitle } from '../../shared/ui/PageTitle';
import { markWelcomeShown } from './welcomeSeen';

const STEPS = ['flat', 'ask', 'stays'] as const;
const TEMPLATE_FIELDS = ['organization', 'work', 'interests', 'word'] as const;

/** The first page after the first login: what Kyoso is in three steps, and an invitation to introduce oneself. */
export default function WelcomePage() {
  const { t } = useTranslation();
  const member = useMember();
  useEffect(() => markWelcomeShown(member.memberId), [member.memberId]);
  return (
    <div className="max-w-3xl">
      <PageTitle>{t('onboarding.title', { name: member.displayName })}</PageTitle>
      <p className="mb-8 text-std-18N-160">{t('onboarding.lead')}</p>

      <section aria-labelledby="how-heading" className="mb-10">
        <h2 id="how-heading" className="section-title mb-4">{t('onboarding.how.heading')}</h2>
        <ol className="grid gap-4 md:grid-cols-3">
          {STEPS.map((step, index) => (
            <li key={step} className="card">
              <p className="mb-2 text-std-17B-170 text-blue-1000">
                <span aria-hidden="true" className="mr-2 inline-flex size-8 items-center justify-center rounded-full bg-blue-900 text-white">
                  {index + 1}
                </span>
                {t(`onboarding.how.${step}.title`)}
              </p>
              <p className="text-std-16N-170">{t(`onboarding.how.${step}.body`)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="intro-heading" className="mb-8">
        <h2 id="intro-heading" className="section-title mb-2">{t('onboarding.intro.heading')}</h2>
        <p className="mb-4 text-std-16N-170">{t('onboarding.intro.lead')}</p>
        <figure aria-labelledby="intro-example" className="card mb-6 bg-solid-gray-50">
          <figcaption id="intro-example" className="mb-2 text-std-16B-170">{t('onboarding.intro.exampleCaption')}</figcaption>
          <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
            {TEMPLATE_FIELDS.map((field) => (
              <div key={field} className="contents">
                <dt className="text-std-16B-170">{t(`onboarding.intro.template.${field}.label`)}</dt>
                <dd className="text-std-16N-170">{t(`onboarding.intro.template.${field}.example`)}</dd>
              </div>
            ))}
          </dl>
        </figure>
        <div className="flex flex-wrap items-center gap-4">
          <Link to="/posts/new?channel=introductions&kind=INTRODUCTION" className="btn-primary no-underline">
            {t('onboarding.intro.write')}
          </Link>
          <Link to="/" className="btn-tertiary">{t('onboarding.later')}</Link>
        </div>
      </section>
    </div>
  );
}
