import { render } from '@testing-library/react';
import { Markdown, renderMarkdown } from './Markdown';

function dom(markdown: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = renderMarkdown(markdown);
  return container;
}

describe('Markdown', () => {
  it('renders emphasis and lists', () => {
    const { container } = render(<Markdown source={'**大事**\n\n- 一\n- 二'} />);
    expect(container.querySelector('strong')?.textContent).toBe('大事');
    expect(container.querySelectorAll('li')).toHaveLength(2);
  });

  describe('sanitising', () => {
    it('drops script and inline handlers', () => {
      const html = renderMarkdown('<script>alert(1)</script><a href="#" onclick="x()">link</a>');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('onclick');
    });

    it('drops forms, inputs and buttons written as HTML', () => {
      const root = dom('<form action="https://evil.example/"><input name="password"><button>送信</button></form>');
      expect(root.querySelector('form, input, button')).toBeNull();
    });

    it('drops classes that would lay an overlay over the page', () => {
      const root = dom('<div class="fixed inset-0 z-50">偽のログイン</div>\n\n<p class="fixed">x</p>');
      expect(root.querySelector('[class]')).toBeNull();
      expect(root.innerHTML).not.toContain('fixed');
    });

    it('drops ids that would take over #reply-… links', () => {
      const root = dom('<p id="reply-r1">偽の返信</p>\n\n<span id="x">y</span>');
      expect(root.querySelector('[id]')).toBeNull();
    });

    it('drops inline styles, which the CSP forbids', () => {
      const root = dom('<p style="position:fixed">x</p><span style="color:red">y</span>');
      expect(root.querySelector('[style]')).toBeNull();
      expect(root.querySelector('style')).toBeNull();
    });

    it('drops images and data or javascript links but keeps http(s), mailto and relative ones', () => {
      const root = dom([
        '![x](https://tracker.example/p.png)',
        '[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.lg.jp/x) [d](mailto:taro@example.lg.jp) [e](/posts/p1)',
      ].join('\n\n'));
      expect(root.querySelector('img')).toBeNull();
      const hrefs = Array.from(root.querySelectorAll('a'), (a) => a.getAttribute('href'));
      expect(hrefs).toEqual([null, null, 'https://example.lg.jp/x', 'mailto:taro@example.lg.jp', '/posts/p1']);
    });

    it('marks links as user content and leaves their target alone', () => {
      const link = dom('[市のサイト](https://example.lg.jp/ "市")').querySelector('a');
      expect(link?.getAttribute('rel')).toBe('ugc nofollow noopener noreferrer');
      expect(link?.getAttribute('title')).toBe('市');
      expect(link?.hasAttribute('target')).toBe(false);
      expect(dom('<a href="/x" target="_top">x</a>').querySelector('a')?.hasAttribute('target')).toBe(false);
    });

    it('shows a task list without form controls', () => {
      const root = dom('- [x] 済み\n- [ ] まだ');
      expect(root.querySelector('input')).toBeNull();
      expect(root.textContent).toContain('済み');
    });
  });

  describe('mentions', () => {
    it('keeps underscores of handles and marks the handle as a mention', () => {
      const root = dom('@audit_iz5map さん、ありがとう');
      const mention = root.querySelector('span.mention');
      expect(mention?.textContent).toBe('@audit_iz5map');
      expect(root.textContent).not.toContain('\\');
      expect(root.querySelector('em')).toBeNull();
    });

    it('finds mentions after Japanese text and punctuation', () => {
      const root = dom('田中さん（@tanaka_ichiro）と前田さん@maeda_hanako へ');
      expect(Array.from(root.querySelectorAll('span.mention'), (span) => span.textContent)).toEqual(['@tanaka_ichiro', '@maeda_hanako']);
    });

    it('leaves URLs as they are', () => {
      const root = dom('資料 https://example.lg.jp/@foo_bar_x を参照');
      expect(root.querySelector('a')?.getAttribute('href')).toBe('https://example.lg.jp/@foo_bar_x');
      expect(root.innerHTML).not.toContain('%5C');
      expect(root.querySelector('span.mention')).toBeNull();
    });

    it('leaves code spans and code blocks as they are', () => {
      const root = dom('`@my_var_name` と\n\n```\nconst x = @my_var_name;\n```');
      const codes = Array.from(root.querySelectorAll('code'), (code) => code.textContent);
      expect(codes).toEqual(['@my_var_name', 'const x = @my_var_name;\n']);
      expect(root.querySelector('span.mention')).toBeNull();
    });

    it('leaves email addresses as they are', () => {
      const root = dom('連絡先 a@b_c.d と taro@city.example.lg.jp');
      expect(root.textContent).toContain('a@b_c.d');
      expect(root.textContent).toContain('taro@city.example.lg.jp');
      expect(root.querySelector('span.mention')).toBeNull();
    });

    it('does not let written HTML pass for a mention', () => {
      const root = dom('<span class="mention">@偽物</span>');
      expect(root.querySelector('[class]')).toBeNull();
    });
  });

  it('puts a post’s headings below the page’s h1 and section headings', () => {
    const root = dom('# 見出し\n\n## 小見出し\n\n###### 最小');
    expect(root.querySelector('h1, h2')).toBeNull();
    expect(root.querySelector('h3')?.textContent).toBe('見出し');
    expect(root.querySelector('h4')?.textContent).toBe('小見出し');
    expect(root.querySelector('h6')?.textContent).toBe('最小');
  });
});
