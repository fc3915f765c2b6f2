import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { ChannelView } from '../../api/generated/posts';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { isModerator, useAuth } from '../../auth/AuthProvider';
import type { Claims } from '../../auth/session';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { Loading } from '../../shared/ui/Loading';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextField } from '../../shared/ui/TextField';
import { markChannelSeen, seenCounts } from '../channels/seenChannels';
import { channelDescription, channelName, channelsKey, useChannels } from './channels';
import { composerPlace, draftStorage, needsNewIdempotencyKey, newIdempotencyKey } from './editor/draftStorage';
import { MarkdownEditor } from './editor/MarkdownEditor';
import { SimilarPosts } from './editor/SimilarPosts';
import { TagInput } from './editor/TagInput';
import { usePanelFocus } from './usePanelFocus';
import { introductionTemplate, isPostKind, MEMBER_KINDS, MODERATOR_KINDS, type PostKind } from './kinds';

export default function ComposerPage() {
  const { t } = useTranslation();
  const { member } = useAuth();
  const channels = useChannels({ forPosting: true });
  const [params] = useSearchParams();
  if (!member || channels.isPending) {
    return (
      <>
        <PageTitle>{t('posts.composer.title')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (channels.isError) {
    return (
      <>
        <PageTitle>{t('posts.composer.title')}</PageTitle>
        <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
      </>
    );
  }
  return (
    <ComposerForm
      // a new link to the composer (another channel or kind) starts the form again from that link
      key={`${member.memberId}?${params.toString()}`}
      member={member}
      channels={channels.data}
      requestedChannel={params.get('channel')}
      requestedKind={params.get('kind')}
    />
  );
}

function defaultKindFor(channel: string, moderator: boolean): PostKind {
  if (channel === 'introductions') return 'INTRODUCTION';
  if (channel === 'announcements' && moderator) return 'ANNOUNCEMENT';
  return 'DISCUSSION';
}

function isBlank(title: string, body: string, tags: string[]) {
  return !title.trim() && (!body.trim() || body === introductionTemplate()) && tags.length === 0;
}

interface ComposerFormProps {
  member: Claims;
  channels: ChannelView[];
  requestedChannel: string | null;
  requestedKind: string | null;
}

function ComposerForm({ member, channels, requestedChannel, requestedKind }: ComposerFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const moderator = isModerator(member);
  const kinds = moderator ? MODERATOR_KINDS : MEMBER_KINDS;
  const writable = useMemo(
    () => channels.filter((channel) => channel.slug && (channel.postingPolicy !== 'MODERATORS' || moderator)),
    [channels, moderator],
  );

  // Everything below starts from the link that opened the composer, then from a draft left in this browser.
  const [initial] = useState(() => {
    const allowedKind = isPostKind(requestedKind) && (kinds as string[]).includes(requestedKind) ? requestedKind : null;
    const has = (slug: string) => writable.some((channel) => channel.slug === slug);
    const channel =
      (requestedChannel && has(requestedChannel) && requestedChannel) ||
      (allowedKind === 'INTRODUCTION' && has('introductions') && 'introductions') ||
      (has('general') && 'general') ||
      writable[0]?.slug ||
      '';
    const draft = channel ? draftStorage.load(member.memberId, composerPlace(channel)) : null;
    const draftKind = isPostKind(draft?.kind) && (kinds as string[]).includes(draft.kind) ? draft.kind : null;
    const kind = draftKind ?? allowedKind ?? defaultKindFor(channel, moderator);
    return {
      channel,
      kind,
      title: draft?.title ?? '',
      body: draft?.body || (kind === 'INTRODUCTION' ? introductionTemplate() : ''),
      tags: draft?.tags ?? [],
      idempotencyKey: draft?.idempotencyKey ?? newIdempotencyKey(),
      restoredAt: draft?.savedAt ?? null,
    };
  });

  const [channel, setChannel] = useState(initial.channel);
  const [kind, setKind] = useState<PostKind>(initial.kind);
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [tags, setTags] = useState<string[]>(initial.tags);
  const [idempotencyKey, setIdempotencyKey] = useState(initial.idempotencyKey);
  const [restoredAt, setRestoredAt] = useState<string | null>(initial.restoredAt);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const discardFocus = usePanelFocus<HTMLDivElement, HTMLSpanElement>(confirmingDiscard);
  const form = useRef<HTMLFormElement>(null);
  const edited = useRef(false);
  const published = useRef(false);

  useEffect(() => {
    if (!edited.current || published.current || !channel) return;
    const place = composerPlace(channel);
    if (isBlank(title, body, tags)) {
      draftStorage.remove(member.memberId, place);
      setSavedAt(null);
      return;
    }
    const stored = draftStorage.save(member.memberId, place, { title, body, kind, tags, idempotencyKey });
    setSavedAt(stored.savedAt);
  }, [member.memberId, channel, kind, title, body, tags, idempotencyKey]);

  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    edited.current = true;
    setter(value);
  };

  const changeChannel = (next: string) => {
    edited.current = true;
    // the draft follows the text to its new channel
    draftStorage.remove(member.memberId, composerPlace(channel));
    setChannel(next);
    if (isBlank(title, body, tags)) {
      const nextKind = defaultKindFor(next, moderator);
      if (nextKind !== kind && (kind === 'INTRODUCTION' || nextKind === 'INTRODUCTION' || nextKind === 'ANNOUNCEMENT')) {
        changeKind(nextKind);
      }
    }
  };

  const changeKind = (next: PostKind) => {
    edited.current = true;
    setKind(next);
    if (next === 'INTRODUCTION' && !body.trim()) setBody(introductionTemplate());
    if (next !== 'INTRODUCTION' && body === introductionTemplate()) setBody('');
  };

  const discard = () => {
    draftStorage.remove(member.memberId, composerPlace(channel));
    edited.current = false;
    setTitle('');
    setBody(kind === 'INTRODUCTION' ? introductionTemplate() : '');
    setTags([]);
    setIdempotencyKey(newIdempotencyKey());
    setRestoredAt(null);
    setSavedAt(null);
    setConfirmingDiscard(false);
    mutation.reset();
    announce(t('posts.composer.discarded'));
    // the button that opened the confirmation goes with the draft: writing starts again at the title
    setTimeout(() => (form.current?.elements.namedItem('title') as HTMLInputElement | null)?.focus());
  };

  const mutation = useMutation({
    mutationFn: () =>
      data(
        postsApi.POST('/api/posts', {
          body: { channel, kind, title: title.trim(), body, tags },
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: (post) => {
      published.current = true;
      draftStorage.remove(member.memberId, composerPlace(channel));
      if (post.id) queryClient.setQueryData(['post', post.id], post);
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
      void queryClient.invalidateQueries({ queryKey: channelsKey });
      const slug = post.channel ?? channel;
      const target = channels.find((candidate) => candidate.slug === slug);
      // one's own post is not news: a channel that was read up to now stays read
      if (target && seenCounts(member.memberId)[slug] === (target.postCount ?? 0)) {
        markChannelSeen(member.memberId, slug, (target.postCount ?? 0) + 1);
      }
      const name = channelName(target, slug);
      announce(t('posts.composer.published', { channel: name }), {
        to: `/channels/${slug}`,
        label: t('posts.composer.seeChannel', { channel: name }),
      });
      navigate(`/posts/${post.id}`);
    },
    onError: (error) => {
      if (needsNewIdempotencyKey(error)) setIdempotencyKey(newIdempotencyKey());
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  };

  const problem = mutation.error ? asApiError(mutation.error) : null;
  const selected = writable.find((candidate) => candidate.slug === channel);
  const showDraftTools = restoredAt !== null || savedAt !== null;

  return (
    <>
      <PageTitle>{t('posts.composer.title')}</PageTitle>
      {restoredAt && (
        <p className="mb-4 rounded-8 border border-blue-300 bg-blue-50 p-3">
          {t('posts.composer.restored', { time: formatDateTime(restoredAt) })}
        </p>
      )}
      <form ref={form} noValidate onSubmit={submit} className="max-w-3xl">
        <div className="mb-5">
          <label htmlFor="composer-channel" className="field-label">{t('posts.composer.channel')}</label>
          <select
            id="composer-channel"
            className="field-input"
            value={channel}
            aria-describedby="composer-channel-hint"
            aria-invalid={problem?.fieldMessage('channel') ? true : undefined}
            onChange={(event) => changeChannel(event.target.value)}
          >
            {writable.map((option) => (
              <option key={option.slug} value={option.slug}>{channelName(option)}</option>
            ))}
          </select>
          <span id="composer-channel-hint" className="field-hint">{channelDescription(selected)}</span>
          {problem?.fieldMessage('channel') && <span className="field-error">{problem.fieldMessage('channel')}</span>}
        </div>

        <div className="mb-5">
          <label htmlFor="composer-kind" className="field-label">{t('posts.composer.kind')}</label>
          <select
            id="composer-kind"
            className="field-input"
            value={kind}
            aria-invalid={problem?.fieldMessage('kind') ? true : undefined}
            onChange={(event) => changeKind(event.target.value as PostKind)}
          >
            {kinds.map((option) => (
              <option key={option} value={option}>{t(`kinds.${option}`)}</option>
            ))}
          </select>
          {problem?.fieldMessage('kind') && <span className="field-error">{problem.fieldMessage('kind')}</span>}
        </div>

        <TextField
          name="title"
          label={t('posts.composer.titleField')}
          value={title}
          required
          maxLength={200}
          onChange={(event) => edit(setTitle)(event.target.value)}
          error={problem?.fieldMessage('title')}
        />

        <MarkdownEditor
          label={t('posts.composer.body')}
          value={body}
          onChange={edit(setBody)}
          required
          rows={12}
          error={problem?.fieldMessage('body')}
        />

        {kind === 'QUESTION' && <SimilarPosts title={title} body={body} />}

        <TagInput tags={tags} onChange={edit(setTags)} error={problem?.fieldMessage('tags')} />

        <ErrorAlert error={mutation.error} />

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('posts.composer.sending') : t('posts.composer.submit')}
          </button>
          {savedAt && (
            <span className="text-dns-14N-130 text-solid-gray-700">
              {t('posts.composer.draftSaved', { time: formatDateTime(savedAt) })}
            </span>
          )}
          {showDraftTools && !confirmingDiscard && (
            <button ref={discardFocus.opener} type="button" className="btn-tertiary" onClick={() => setConfirmingDiscard(true)}>
              {t('posts.composer.discard')}
            </button>
          )}
        </div>
        {confirmingDiscard && (
          <div ref={discardFocus.panel} className="mt-3 flex flex-wrap items-center gap-3 rounded-8 border border-error-1 p-3">
            <span ref={discardFocus.first} tabIndex={-1} className="outline-none">{t('posts.composer.discardConfirm')}</span>
            <button type="button" className="btn-danger" onClick={discard}>{t('posts.composer.discardConfirmButton')}</button>
            <button type="button" className="btn-secondary" onClick={() => setConfirmingDiscard(false)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
