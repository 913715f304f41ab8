import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, StaffStatus } from '../../electron/contract/channels';
import { BigButton } from '../components/BigButton';
import { STAFF_IDLE_MS } from '../../electron/contract/channel-names';
import { deskApi } from './desk-client';
import { saveProblemText } from '../screens/staff/save-problem-text';
import { useHostCall } from '../hooks/use-host-call';
import { useInactivityTimeout } from '../hooks/use-inactivity-timeout';

type Message = { tone: 'done' | 'problem'; text: string };

/**
 * The kiosk as the desk sees it once unlocked: in or out of service, the printer, and the
 * three things the desk may do: end the session on the kiosk, take it out of (or back into)
 * service, lock this page. Each action says what it did. The staff token lapses after
 * STAFF_IDLE_MS unused: this page then locks itself (the host would refuse the token anyway).
 */
export function DeskStatus({ token, onLocked }: { token: string; onLocked: (note: string) => void }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<StaffStatus | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  /** Set once this page has locked, so nothing after that asks the host again. */
  const locked = useRef(false);
  const lapsed = useCallback(() => {
    locked.current = true;
    onLocked(t('desk.lapsed'));
  }, [onLocked, t]);
  // Every answer from the host restarts the token's 2 minutes; when they pass, lock.
  const keepAlive = useInactivityTimeout(STAFF_IDLE_MS, lapsed);

  /** A staff call's answer: its value, or undefined after showing why it failed (a lapsed token locks the page). */
  const settle = useCallback(
    <T,>(result: Result<T>): T | undefined => {
      if (result.ok) {
        keepAlive();
        return result.value;
      }
      if (result.code === 'forbidden') lapsed();
      else setMessage({ tone: 'problem', text: result.code === 'unavailable' ? t('desk.unavailable') : t('desk.failed', { reason: result.message }) });
      return undefined;
    },
    [keepAlive, lapsed, t],
  );
  const run = useCallback(async <T,>(call: Promise<Result<T>>) => settle(await call), [settle]);

  const load = useCallback(async () => {
    const next = await run(deskApi['staff:status']({ token }));
    if (next) setStatus(next);
  }, [run, token]);

  useHostCall(
    [token],
    () => deskApi['staff:status']({ token }),
    (result) => {
      const next = settle(result);
      if (next) setStatus(next);
    },
  );
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);

  /** Runs an action, then shows what it did and the kiosk as it is now. */
  const act = async (call: () => Promise<Result<unknown>>, done: string) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    if ((await run(call())) !== undefined) setMessage({ tone: 'done', text: done });
    if (locked.current) return;
    await load();
    setBusy(false);
  };
  const refresh = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    await load();
    setBusy(false);
  };
  const endSession = () => act(() => deskApi['staff:reset-session']({ token }), t('desk.sessionEnded'));
  const setService = (inService: boolean) =>
    act(() => deskApi['staff:set-service']({ token, inService }), inService ? t('desk.putBackDone') : t('desk.takenOut'));
  const lock = () => {
    void deskApi['staff:lock']({ token });
    onLocked(t('desk.lockedNote'));
  };
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(iso));

  return (
    <main className="desk-card desk-status" data-screen="desk-status" aria-labelledby="desk-status-title" aria-busy={busy}>
      <h2 id="desk-status-title" ref={heading} tabIndex={-1}>
        {t('desk.status')}
      </h2>
      {status ? (
        <dl className="desk-state">
          <dt>{t('desk.service')}</dt>
          <dd>
            <span className="desk-badge" data-good={status.inService} data-testid="service-state">
              {status.inService ? t('desk.inService') : t('desk.outOfService')}
            </span>
            {!status.inService && <span className="desk-note">{t('desk.outOfServiceNote')}</span>}
          </dd>
          <dt>{t('desk.printer')}</dt>
          <dd>
            <span className="desk-badge" data-good={status.printer.ready} data-testid="printer-state">
              {status.printer.ready ? t('desk.printerReady') : t('desk.printerNotReady')}
            </span>
            <span className="desk-note">
              {status.printer.printer}
              {status.printer.reason && ` · ${status.printer.reason}`}
            </span>
          </dd>
        </dl>
      ) : (
        <p className="desk-note">{t('desk.loading')}</p>
      )}
      {status?.saveProblems.map((problem) => (
        <p key={problem.folder} className="desk-message" data-tone="problem" data-testid="save-problem">
          {saveProblemText(t, problem)}
        </p>
      ))}
      <p className="desk-message" role="status" data-tone={message?.tone} data-testid="desk-message">
        {message?.text}
      </p>
      <div className="desk-actions">
        <BigButton onClick={() => void endSession()} disabled={busy || !status?.inService}>
          {t('desk.endSession')}
        </BigButton>
        {status && (
          <BigButton variant={status.inService ? 'secondary' : 'no'} onClick={() => void setService(!status.inService)} disabled={busy}>
            {status.inService ? t('desk.takeOut') : t('desk.putBack')}
          </BigButton>
        )}
      </div>
      <div className="desk-row">
        <BigButton variant="quiet" onClick={() => void refresh()} disabled={busy}>
          {t('desk.refresh')}
        </BigButton>
        <BigButton variant="quiet" onClick={lock}>
          {t('desk.lock')}
        </BigButton>
      </div>
      {status && <p className="desk-meta">{t('desk.checked', { time: time(status.printer.checkedAt), version: status.version })}</p>}
    </main>
  );
}
