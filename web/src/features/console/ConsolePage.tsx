import { useTranslation } from 'react-i18next';
import { isModerator, useAuth } from '../../auth/AuthProvider';
import { PageTitle } from '../../shared/ui/PageTitle';
import { ActivationFunnel } from './ActivationFunnel';
import { ConsoleSection } from './ConsoleSection';
import { NeverPostedMembers } from './NeverPostedMembers';
import { ReportsQueue } from './ReportsQueue';
import { AnnouncementComposer } from './AnnouncementComposer';
import { ChannelsAdmin } from './ChannelsAdmin';
import { MembersAndInvitations } from './MembersAndInvitations';
import { DeliveryLog } from './DeliveryLog';
import { SessionsAdmin } from './SessionsAdmin';
import { OutdatedReports } from './OutdatedReports';
import { UnansweredQuestions } from './UnansweredQuestions';

// in the order of a manager's day: how the community is doing, who to encourage, who waits for an answer, then the
// occasional work
const SECTIONS = [
  { id: 'console-funnel', key: 'console.funnel.heading', Component: ActivationFunnel },
  { id: 'console-never-posted', key: 'console.neverPosted.heading', Component: NeverPostedMembers },
  { id: 'console-unanswered', key: 'console.unanswered.heading', Component: UnansweredQuestions },
  { id: 'console-sessions', key: 'console.sessions.heading', Component: SessionsAdmin },
  { id: 'console-reports', key: 'console.reports.heading', Component: ReportsQueue },
  { id: 'console-outdated', key: 'console.outdated.heading', Component: OutdatedReports },
  { id: 'console-announcements', key: 'console.announce.heading', Component: AnnouncementComposer },
  { id: 'console-channels', key: 'console.channels.heading', Component: ChannelsAdmin },
  { id: 'console-members', key: 'console.members.heading', Component: MembersAndInvitations },
  { id: 'console-deliveries', key: 'console.deliveries.heading', Component: DeliveryLog },
] as const;

export default function ConsolePage() {
  const { t } = useTranslation();
  const { member } = useAuth();
  if (!isModerator(member)) {
    // the API refuses these calls with 403 anyway; a plain member is told plainly instead of seeing empty errors
    return (
      <div className="max-w-2xl">
        <PageTitle>{t('console.forbidden')}</PageTitle>
        <p className="text-std-16N-170">{t('console.forbiddenBody')}</p>
      </div>
    );
  }
  return (
    <div>
      <PageTitle>{t('console.title')}</PageTitle>
      <p className="mb-4 text-std-16N-170">{t('console.lead')}</p>
      <nav aria-label={t('console.sections')} className="mb-8">
        <ul className="flex flex-wrap gap-2">
          {SECTIONS.map(({ id, key }) => (
            <li key={id}>
              <a href={`#${id}-heading`} className="btn-secondary">{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTIONS.map(({ id, key, Component }) => (
        <ConsoleSection key={id} id={id} title={t(key)}>
          <Component />
        </ConsoleSection>
      ))}
    </div>
  );
}
