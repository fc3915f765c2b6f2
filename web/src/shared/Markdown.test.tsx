import { render } from '@testing-library/react';
import { Markdown, renderMarkdown } from './Markdown';

describe('Markdown', () => {
  it('keeps underscores of handles', () => {
    expect(renderMarkdown('@audit_iz5map さん、ありがとう')).toContain('@audit_iz5map');
  });

  it('drops script and inline handlers', () => {
    const html = renderMarkdown('<script>alert(1)</script><a href="#" onclick="x()">link</a>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onclick');
  });

  it('renders emphasis and lists', () => {
    const { container } = render(<Markdown source={'**大事**\n\n- 一\n- 二'} />);
    expect(container.querySelector('strong')?.textContent).toBe('大事');
    expect(container.querySelectorAll('li')).toHaveLength(2);
  });
});
