import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  failed: boolean;
}

/**
 * A screen that throws while rendering must not blank the whole app: the member gets a sentence, a way to try
 * again and the way home, and the header stays usable. Resets when the page changes (`resetKey`).
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    // for whoever opens the console to report it; no member data is in a render error's stack
    console.error('a screen failed to render', error, info.componentStack);
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div role="alert" className="my-6 rounded-8 border-2 border-error-1 bg-red-50 p-4">
            <h1 className="page-title mb-2">{t('errors.screenFailedTitle')}</h1>
            <p className="mb-4">{t('errors.screenFailedBody')}</p>
            <div className="flex flex-wrap gap-3">
              <button type="button" className="btn-primary" onClick={() => window.location.reload()}>
                {t('common.retry')}
              </button>
              <a href="/" className="btn-secondary">{t('errors.backHome')}</a>
            </div>
          </div>
        )}
      </Translation>
    );
  }
}
