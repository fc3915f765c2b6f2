import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HandoverView } from '../../api/generated/members';
import { useMember } from '../../auth/AuthProvider';
import { composerPlace, draftStorage, newIdempotencyKey } from '../posts/editor/draftStorage';
import { introductionTemplate } from '../posts/kinds';
import { jobOf } from './PositionHistory';

const CHANNEL = 'introductions';

interface IntroDraft {
  channel: string;
  title: string;
  body: string;
}

/** The service's draft (received handovers carry one), or one written here when it has none. */
function draftOf(handover: HandoverView, me: string, t: TFunction): IntroDraft {
  const draft = handover.introductionDraft;
  if (draft?.title && draft.body) return { channel: draft.channel || CHANNEL, title: draft.title, body: draft.body };
  const name = handover.predecessor?.displayName ?? '';
  return {
    channel: draft?.channel || CHANNEL,
    title: t('handover.intro.fallbackTitle', { name }),
    body: t('handover.intro.fallbackBody', { me, name, job: jobOf(handover.position) }),
  };
}

/**
 * 引き継ぎの自己紹介を書く: the draft is put where the composer restores its drafts from (this browser's draft for the
 * channel), then the composer opens on that channel. A draft already being written there is not overwritten unasked.
 */
export function IntroductionDraftButton({ handover, headingId }: { handover: HandoverView; headingId: string }) {
  const { t } = useTranslation();
  const member = useMember();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  // the button that asked is replaced by the question: focus goes to the question, not back to the page's top
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  const draft = draftOf(handover, member.displayName, t);
  const place = composerPlace(draft.channel);
  const composer = `/posts/new?channel=${encodeURIComponent(draft.channel)}`;

  const write = () => {
    draftStorage.save(member.memberId, place, {
      title: draft.title,
      body: draft.body,
      kind: 'INTRODUCTION',
      tags: [],
      idempotencyKey: newIdempotencyKey(),
    });
    navigate(composer);
  };
  const start = () => {
    const existing = draftStorage.load(member.memberId, place);
    const untouched = !existing || !existing.body.trim() || existing.body === introductionTemplate()
      || (existing.body === draft.body && (existing.title ?? '') === draft.title);
    if (untouched) write();
    else setConfirming(true);
  };

  return (
    <div className="mb-8">
      <h3 id={headingId} className="mb-2 text-std-18B-160">{t('handover.intro.heading')}</h3>
      <p className="mb-3 text-std-16N-170">{t('handover.intro.lead')}</p>
      <p className="mb-3 text-std-16N-170">{t('handover.intro.draftTitle', { title: draft.title })}</p>
      {confirming ? (
        <div role="group" aria-labelledby={`${headingId}-confirm`} className="flex flex-wrap items-center gap-3 rounded-8 border border-orange-900 p-3">
          <p ref={question} tabIndex={-1} id={`${headingId}-confirm`} className="w-full text-std-16N-170 outline-none">{t('handover.intro.existingDraft')}</p>
          <button type="button" className="btn-primary" onClick={write}>{t('handover.intro.replace')}</button>
          <button type="button" className="btn-secondary" onClick={() => navigate(composer)}>{t('handover.intro.keep')}</button>
        </div>
      ) : (
        <button type="button" className="btn-primary" onClick={start}>{t('handover.intro.write')}</button>
      )}
    </div>
  );
}
