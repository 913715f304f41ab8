import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { retryFailedLoads } from './lazy-component';

/** How long "One moment" shows before the screen is tried again. */
const RETRY_MS = 3_000;

/**
 * Keeps the kiosk up when a screen cannot be drawn: most often its code could not be fetched (the
 * screens after Welcome come apart from it, and a tablet's network can drop). Instead of a blank
 * page it says "One moment" and tries again every few seconds; the header, with the staff corner,
 * stays. The cause goes to the console for staff and IT, never on screen.
 */
export class RetryOnError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  private timer: number | undefined;

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    console.error(`a screen could not be shown, trying again in ${RETRY_MS / 1000} s: ${error.message}`);
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      retryFailedLoads();
      this.setState({ failed: false });
    }, RETRY_MS);
  }

  override componentWillUnmount(): void {
    window.clearTimeout(this.timer);
  }

  override render(): ReactNode {
    return this.state.failed ? <OneMoment /> : this.props.children;
  }
}

function OneMoment() {
  const { t } = useTranslation();
  return (
    <main className="screen">
      <p className="lead" role="status">
        {t('common.oneMoment')}
      </p>
    </main>
  );
}
