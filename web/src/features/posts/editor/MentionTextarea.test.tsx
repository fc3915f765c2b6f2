import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../../test/render';
import { fakeApi } from '../../../test/fakeApi';
import { MentionTextarea } from './MentionTextarea';
import { insertMention, mentionBeforeCaret } from './mentions';

function Box() {
  const [value, setValue] = useState('');
  return <MentionTextarea label="本文" value={value} onChange={setValue} />;
}

const members = [
  { id: 'm1', handle: 'maeda_hanako', displayName: '前田 花子', organization: '北町役場' },
  { id: 'm2', handle: 'matsui_ken', displayName: '松井 健', organization: 'デジタル庁' },
];

function withMembers() {
  return fakeApi().on('GET /api/members', (request) => {
    const q = new URL(request.url).searchParams.get('q') ?? '';
    return { body: { items: members.filter((member) => member.handle.startsWith(q)), nextCursor: null } };
  });
}

describe('mention autocomplete', () => {
  it('finds the mention being typed, not an email address', () => {
    expect(mentionBeforeCaret('こんにちは @mae', 10)).toEqual({ start: 6, end: 10, text: 'mae' });
    expect(mentionBeforeCaret('mail a@b.lg.jp', 15)).toBeNull();
    expect(mentionBeforeCaret('@', 1)).toBeNull();
    expect(insertMention('hi @ma there', { start: 3, end: 6, text: 'ma' }, 'maeda_hanako'))
      .toEqual({ text: 'hi @maeda_hanako there', caret: 17 });
  });

  it('offers members after @ and moves through them with the arrows, Enter inserts the handle', async () => {
    const api = withMembers();
    const user = userEvent.setup();
    renderScreen(<Box />);
    const box = screen.getByRole('textbox', { name: '本文' });
    await user.type(box, 'お願いします @ma');

    const list = await screen.findByRole('listbox');
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(2);
    expect(box).toHaveAttribute('aria-controls', list.id);
    expect(box).toHaveAttribute('aria-activedescendant', options[0].id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1].id);
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0].id);
    await user.keyboard('{ArrowUp}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1].id);

    await user.keyboard('{Enter}');
    expect(box).toHaveValue('お願いします @matsui_ken ');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(box).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('です');
    expect(box).toHaveValue('お願いします @matsui_ken です');
    expect(new URL(api.requests.find((r) => r.url.includes('/api/members'))!.url).searchParams.get('q')).toMatch(/^ma?$/);
  });

  it('closes with Escape and keeps the text as typed; Enter then makes a new line', async () => {
    withMembers();
    const user = userEvent.setup();
    renderScreen(<Box />);
    const box = screen.getByRole('textbox', { name: '本文' });
    await user.type(box, '@mae');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('@mae\n');
  });

  it('takes a clicked member', async () => {
    withMembers();
    const user = userEvent.setup();
    renderScreen(<Box />);
    const box = screen.getByRole('textbox', { name: '本文' });
    await user.type(box, '@maeda');
    await user.click(await screen.findByRole('option', { name: /前田 花子/ }));
    await waitFor(() => expect(box).toHaveValue('@maeda_hanako '));
  });
});
