import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../api/client';
import type { ChannelView } from '../../api/generated/posts';
import { asApiError } from '../../api/problem';
import { useAnnounce } from '../../app/Announcer';
import { ErrorAlert } from '../../shared/ui/ErrorAlert';
import { TextArea } from '../../shared/ui/TextArea';
import { TextField } from '../../shared/ui/TextField';
import { channelName, channelsKey } from '../posts/channels';
import { PostingPolicyField, type Policy } from './PostingPolicyField';
import { consoleChannelsKey } from './channelKeys';

/**
 * Changes a channel's name, description and who may post; the slug stays, since links to the channel use it.
 * Only what changed is sent, so two managers editing different fields do not undo each other.
 */
export function EditChannelForm({ channel, onDone }: { channel: ChannelView; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const slug = channel.slug ?? '';
  const [name, setName] = useState(channel.name ?? '');
  const [description, setDescription] = useState(channel.description ?? '');
  const [postingPolicy, setPostingPolicy] = useState<Policy>(channel.postingPolicy ?? 'OPEN');
  const save = useMutation({
    mutationFn: () => {
      const changes: { name?: string; description?: string; postingPolicy?: Policy } = {};
      if (name.trim() !== (channel.name ?? '')) changes.name = name.trim();
      if (description.trim() !== (channel.description ?? '')) changes.description = description.trim();
      if (postingPolicy !== channel.postingPolicy) changes.postingPolicy = postingPolicy;
      return data(postsApi.PATCH('/api/channels/{slug}', { params: { path: { slug } }, body: changes }));
    },
    onSuccess: (saved) => {
      announce(t('console.channels.saved', { name: channelName(saved, name.trim()) }));
      void queryClient.invalidateQueries({ queryKey: consoleChannelsKey });
      void queryClient.invalidateQueries({ queryKey: channelsKey });
      onDone();
    },
  });
  const problem = save.error ? asApiError(save.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <form noValidate onSubmit={submit} className="mt-3" aria-label={t('console.channels.editForm', { name: channelName(channel) })}>
      <TextField label={t('console.channels.name')} hint={t('console.channels.nameHint')} required maxLength={50}
        value={name} onChange={(event) => setName(event.target.value)} error={problem?.fieldMessage('name')} />
      <TextArea label={t('console.channels.description')} maxLength={500} rows={3} value={description}
        onChange={(event) => setDescription(event.target.value)} error={problem?.fieldMessage('description')} />
      <PostingPolicyField name={`postingPolicy-${slug}`} value={postingPolicy} onChange={setPostingPolicy}
        error={problem?.fieldMessage('postingPolicy')} />
      <ErrorAlert error={save.error} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary" disabled={save.isPending}>{t('console.channels.save')}</button>
        <button type="button" className="btn-tertiary" onClick={onDone}>{t('console.channels.cancelEdit')}</button>
      </div>
    </form>
  );
}
