import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { data, postsApi } from '../../../api/client';
import type { PostView } from '../../../api/generated/posts';
import { asApiError } from '../../../api/problem';
import { useAnnounce } from '../../../app/Announcer';
import { ErrorAlert } from '../../../shared/ui/ErrorAlert';
import { TextField } from '../../../shared/ui/TextField';
import { MarkdownEditor } from '../editor/MarkdownEditor';
import { TagInput } from '../editor/TagInput';
import { postKey, revisionsKey } from './queries';

export function EditPostForm({ post, onDone }: { post: PostView; onDone: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const id = post.id ?? '';
  const [title, setTitle] = useState(post.title ?? '');
  const [body, setBody] = useState(post.body ?? '');
  const [tags, setTags] = useState<string[]>(post.tags ?? []);
  const mutation = useMutation({
    mutationFn: () => data(postsApi.PATCH('/api/posts/{id}', { params: { path: { id } }, body: { title: title.trim(), body, tags } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(postKey(id), updated);
      void queryClient.invalidateQueries({ queryKey: revisionsKey(id) });
      void queryClient.invalidateQueries({ queryKey: ['posts'] });
      announce(t('posts.edit.saved'));
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const problem = mutation.error ? asApiError(mutation.error) : null;
  return (
    <form noValidate onSubmit={submit} aria-label={t('posts.edit.formLabel')} className="my-4 rounded-8 border border-solid-gray-300 p-4">
      <TextField
        label={t('posts.composer.titleField')}
        value={title}
        required
        maxLength={200}
        onChange={(event) => setTitle(event.target.value)}
        error={problem?.fieldMessage('title')}
      />
      <MarkdownEditor label={t('posts.composer.body')} value={body} onChange={setBody} required rows={12} error={problem?.fieldMessage('body')} />
      <TagInput tags={tags} onChange={setTags} error={problem?.fieldMessage('tags')} />
      <ErrorAlert error={mutation.error} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>{t('posts.edit.submit')}</button>
        <button type="button" className="btn-secondary" onClick={onDone}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
