import { render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

function Broken(): never {
  throw new Error('render failed');
}

describe('ErrorBoundary', () => {
  it('shows a sentence and a way on instead of a blank app', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<ErrorBoundary resetKey="/a"><Broken /></ErrorBoundary>);
    expect(screen.getByRole('alert')).toHaveTextContent('この画面を表示できませんでした');
    expect(screen.getByRole('button', { name: 'もう一度試す' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ホームへ戻る' })).toHaveAttribute('href', '/');
  });

  it('shows the next page again once the member goes elsewhere', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { rerender } = render(<ErrorBoundary resetKey="/a"><Broken /></ErrorBoundary>);
    rerender(<ErrorBoundary resetKey="/b"><p>次の画面</p></ErrorBoundary>);
    expect(screen.getByText('次の画面')).toBeInTheDocument();
  });
});
