import { beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { fakeApi } from '../../test/fakeApi';
import { channelsFixture } from '../posts/testing/fixtures';
import { signIn, signOut } from '../auth/testing/signIn';
import SearchPage from './SearchPage';
import { highlightSnippet } from './highlight';
import { render } from '@testing-library/react';

// what posts-service really answers: HTML-escaped text with the matches in <mark>
const hits = [
  { postId: 'p1', title: '住民票のコンビニ交付について', snippet: '<mark>住民票</mark>のコンビニ交付を始めた自治体の方', score: 3 },
  { postId: 'p1', replyId: 'r7', title: '住民票のコンビニ交付について', snippet: '返信 <mark>住民票</mark>は &lt;script&gt;alert(1)&lt;/script&gt; &amp; 便利', score: 1 },
];

beforeEach(async () => {
  fakeApi();
  await signOut();
});

describe('SearchPage', () => {
  it('highlights the matched words, links reply hits to the reply, and injects no HTML', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/search', { body: { items: hits, nextCursor: null } });
    signIn(api);
    renderScreen(<SearchPage />, { route: '/search?q=住民票', path: '/search' });
    expect(await screen.findByRole('heading', { level: 1, name: '「住民票」の検索結果' })).toBeInTheDocument();
    expect(await screen.findByText('2 件見つかりました')).toBeInTheDocument();

    const postLink = screen.getByRole('link', { name: '住民票のコンビニ交付について' });
    expect(postLink).toHaveAttribute('href', '/posts/p1');
    const replyLink = screen.getByRole('link', { name: '住民票のコンビニ交付について への返信' });
    expect(replyLink).toHaveAttribute('href', '/posts/p1#reply-r7');

    const marks = document.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual(['住民票', '住民票']);
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByText(/<script>alert\(1\)<\/script> & 便利/)).toBeInTheDocument();
    expect(new URL(api.requests.find((r) => r.url.includes('/api/search'))!.url).searchParams.get('q')).toBe('住民票');
  });

  it('says in Japanese when nothing matches', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/search', { body: { items: [], nextCursor: null } });
    signIn(api);
    renderScreen(<SearchPage />, { route: '/search?q=住民票', path: '/search' });
    expect(await screen.findByText('「住民票」に一致する投稿は見つかりませんでした')).toBeInTheDocument();
  });

  it('filters by channel and kind through the URL, and pages with もっと見る', async () => {
    const api = fakeApi()
      .on('GET /api/channels', { body: { items: channelsFixture, nextCursor: null } })
      .on('GET /api/search', (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return cursor
          ? { body: { items: [{ postId: 'p3', title: '二ページ目', snippet: '<mark>窓口</mark>', score: 1 }], nextCursor: null } }
          : { body: { items: [{ postId: 'p2', title: '一ページ目', snippet: '<mark>窓口</mark>', score: 2 }], nextCursor: 'n2' } };
      });
    signIn(api);
    const user = userEvent.setup();
    renderScreen(<SearchPage />, { route: '/search?q=窓口', path: '/search' });
    await screen.findByRole('link', { name: '一ページ目' });
    await user.click(screen.getByRole('button', { name: 'もっと見る' }));
    expect(await screen.findByRole('link', { name: '二ページ目' })).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: '種類' }), '質問');
    await user.selectOptions(screen.getByRole('combobox', { name: 'チャンネル' }), '雑談');
    await waitFor(() => {
      const last = new URL(api.requests.filter((r) => r.url.includes('/api/search')).at(-1)!.url).searchParams;
      expect(last.get('kind')).toBe('QUESTION');
      expect(last.get('channel')).toBe('general');
      expect(last.get('q')).toBe('窓口');
    });
    expect(screen.getByRole('combobox', { name: '種類' })).toHaveValue('QUESTION');
  });
});

describe('highlightSnippet', () => {
  it('keeps everything but <mark> as text', () => {
    const { container } = render(<p>{highlightSnippet('a <mark>b</mark> <img src=x onerror=alert(1)> &amp;lt;')}</p>);
    expect(container.querySelector('img')).toBeNull();
    expect(within(container).getByText('b').tagName).toBe('MARK');
    expect(container.textContent).toBe('a b <img src=x onerror=alert(1)> &lt;');
  });
});
