import { useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, done, notificationsApi, postsApi } from '../../api/client';
import type { ChannelView } from '../../api/generated/posts';
import type { MirrorView } from '../../api/generated/notifications';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { formatDateTime } from '../../shared/format';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { LoadMoreButton } from '../../shared/ui/LoadMoreButton';
import { Loading } from '../../shared/ui/Loading';
import { TextArea } from '../../shared/ui/TextArea';
import { TextField } from '../../shared/ui/TextField';
import { channelDescription, channelName, channelsKey } from '../posts/channels';
import { consoleChannelsKey, mirrorsKey } from './channelKeys';
import { EditChannelForm } from './EditChannelForm';
import { PostingPolicyField, type Policy } from './PostingPolicyField';


export function ChannelsAdmin() {
  const { t } = useTranslation();
  const channels = useInfiniteQuery({
    queryKey: consoleChannelsKey,
    queryFn: ({ pageParam }) => data(postsApi.GET('/api/channels', { params: { query: { limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const mirrors = useQuery({
    queryKey: mirrorsKey,
    queryFn: () => data(notificationsApi.GET('/api/notifications/channel-mirrors')),
  });
  const items = channels.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const active = items.filter((channel) => !channel.archived);
  const archived = items.filter((channel) => channel.archived);
  return (
    <>
      <CreateChannelForm />
      <h3 className="mb-2 mt-6 text-std-18B-160">{t('console.channels.list')}</h3>
      <ErrorAlert error={mirrors.error} onRetry={() => void mirrors.refetch()} />
      {channels.isPending ? (
        <Loading />
      ) : channels.isError ? (
        <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
      ) : (
        <>
          <ul aria-label={t('console.channels.list')} className="space-y-3">
            {active.map((channel) => (
              <ChannelRow key={channel.slug} channel={channel} mirror={mirrors.data?.find((m) => m.channel === channel.slug)} />
            ))}
          </ul>
          {archived.length > 0 && (
            <>
              <h3 className="mb-2 mt-6 text-std-18B-160">{t('console.channels.archivedList')}</h3>
              <p className="mb-3 text-std-16N-170">{t('console.channels.archivedLead')}</p>
              <ul aria-label={t('console.channels.archivedList')} className="space-y-3">
                {archived.map((channel) => (
                  <ChannelRow key={channel.slug} channel={channel} mirror={mirrors.data?.find((m) => m.channel === channel.slug)} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <LoadMoreButton pages={channels} />
    </>
  );
}

function CreateChannelForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [postingPolicy, setPostingPolicy] = useState<Policy>('OPEN');
  const create = useMutation({
    mutationFn: () =>
      data(postsApi.POST('/api/channels', {
        body: { slug: slug.trim(), name: name.trim(), description: description.trim(), postingPolicy },
      })),
    onSuccess: (channel) => {
      const created = channel?.slug ?? slug.trim();
      announce(t('console.channels.created', { name: channelName(channel, name.trim()) }), {
        to: `/channels/${created}`,
        label: t('console.channels.open'),
      });
      setSlug('');
      setName('');
      setDescription('');
      setPostingPolicy('OPEN');
      void queryClient.invalidateQueries({ queryKey: consoleChannelsKey });
      void queryClient.invalidateQueries({ queryKey: channelsKey });
    },
  });
  const problem = create.error ? asApiError(create.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!create.isPending) create.mutate();
  };
  return (
    <form noValidate onSubmit={submit} className="card max-w-2xl" aria-labelledby="console-channel-create">
      <h3 id="console-channel-create" className="mb-3 text-std-18B-160">{t('console.channels.create')}</h3>
      <TextField label={t('console.channels.slug')} hint={t('console.channels.slugHint')} required
        autoCapitalize="none" spellCheck={false} value={slug} onChange={(event) => setSlug(event.target.value)}
        error={problem?.fieldMessage('slug')} />
      <TextField label={t('console.channels.name')} hint={t('console.channels.nameHint')} required maxLength={50}
        value={name} onChange={(event) => setName(event.target.value)} error={problem?.fieldMessage('name')} />
      <TextArea label={t('console.channels.description')} maxLength={500} rows={3} value={description}
        onChange={(event) => setDescription(event.target.value)} error={problem?.fieldMessage('description')} />
      <PostingPolicyField name="postingPolicy" value={postingPolicy} onChange={setPostingPolicy}
        error={problem?.fieldMessage('postingPolicy')} />
      <ErrorAlert error={create.error} />
      <button type="submit" className="btn-primary" disabled={create.isPending}>{t('console.channels.submit')}</button>
    </form>
  );
}

function ChannelRow({ channel, mirror }: { channel: ChannelView; mirror: MirrorView | undefined }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const name = channelName(channel);
  const editId = `console-channel-edit-${channel.slug}`;
  const headingId = `console-channel-${channel.slug}`;
  return (
    <li>
      <article aria-labelledby={headingId} className={`card ${channel.archived ? 'bg-solid-gray-50' : ''}`}>
        <h4 id={headingId} className="text-std-16B-170">
          <Link to={`/channels/${channel.slug}`}>{name}</Link>
          <span className="ml-2 text-dns-14N-130 font-normal text-solid-gray-700">{channel.slug}</span>
        </h4>
        {channelDescription(channel) && <p className="text-std-16N-170">{channelDescription(channel)}</p>}
        <p className="text-dns-14N-130 text-solid-gray-700">
          {t(`console.channels.policy${channel.postingPolicy ?? 'OPEN'}`)}{t('console.separator')}{t('console.channels.posts', { count: channel.postCount ?? 0 })}
        </p>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <button type="button" className="btn-secondary" aria-expanded={editing} aria-controls={editId}
            onClick={() => setEditing((open) => !open)}>
            {t('console.channels.edit', { name })}
          </button>
          <ArchiveControl channel={channel} name={name} describedBy={headingId} />
        </div>
        <div id={editId}>{editing && <EditChannelForm channel={channel} onDone={() => setEditing(false)} />}</div>
        {!channel.archived && <MirrorControl slug={channel.slug ?? ''} name={name} mirror={mirror} />}
      </article>
    </li>
  );
}

/** Archiving closes a channel to new posts and keeps what is in it readable and searchable. */
function ArchiveControl({ channel, name, describedBy }: { channel: ChannelView; name: string; describedBy: string }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const slug = channel.slug ?? '';
  const toggle = useMutation({
    mutationFn: (archive: boolean) =>
      archive
        ? data(postsApi.POST('/api/channels/{slug}/archive', { params: { path: { slug } } }))
        : data(postsApi.POST('/api/channels/{slug}/unarchive', { params: { path: { slug } } })),
    onSuccess: (_, archive) => {
      announce(t(archive ? 'console.channels.archived' : 'console.channels.unarchived', { name }));
      void queryClient.invalidateQueries({ queryKey: consoleChannelsKey });
      void queryClient.invalidateQueries({ queryKey: channelsKey });
    },
  });
  return (
    <div>
      {channel.archived && <p className="mb-2 text-std-16B-170">{t('console.channels.archivedState')}</p>}
      <ErrorAlert error={toggle.error} />
      <button type="button" className="btn-secondary" aria-describedby={describedBy} disabled={toggle.isPending}
        onClick={() => toggle.mutate(!channel.archived)}>
        {channel.archived ? t('console.channels.unarchive') : t('console.channels.archive')}
      </button>
    </div>
  );
}

function MirrorControl({ slug, name, mirror }: { slug: string; name: string; mirror: MirrorView | undefined }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: mirrorsKey });
  const save = useMutation({
    mutationFn: () =>
      data(notificationsApi.PUT('/api/notifications/channel-mirrors/{slug}', {
        params: { path: { slug } },
        body: { slackWebhookUrl: url.trim() },
      })),
    onSuccess: () => {
      setEditing(false);
      setUrl('');
      announce(t('console.channels.mirrorSaved', { channel: name }));
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => done(notificationsApi.DELETE('/api/notifications/channel-mirrors/{slug}', { params: { path: { slug } } })),
    onSuccess: () => {
      announce(t('console.channels.mirrorRemoved', { channel: name }));
      refresh();
    },
  });
  const problem = save.error ? asApiError(save.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <div className="mt-3 border-t border-solid-gray-200 pt-3">
      <p className="text-std-16N-170">
        {mirror ? t('console.channels.mirrorOn', { time: formatDateTime(mirror.updatedAt) }) : t('console.channels.mirrorOff')}
      </p>
      <div className="mt-2 flex flex-wrap gap-3">
        <button type="button" className="btn-secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('console.channels.mirrorEdit', { channel: name })}
        </button>
        {mirror && (
          <button type="button" className="btn-tertiary" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {t('console.channels.mirrorRemove', { channel: name })}
          </button>
        )}
      </div>
      <ErrorAlert error={remove.error} />
      {editing && (
        <form noValidate onSubmit={submit} className="mt-3">
          <TextField label={t('console.channels.mirrorUrl')} hint={t('console.channels.mirrorUrlHint')} type="url" required
            autoComplete="off" spellCheck={false} value={url} onChange={(event) => setUrl(event.target.value)}
            error={problem?.fieldMessage('slackWebhookUrl')} />
          <ErrorAlert error={save.error} />
          <button type="submit" className="btn-primary" disabled={save.isPending}>{t('console.channels.mirrorSave')}</button>
        </form>
      )}
    </div>
  );
}
