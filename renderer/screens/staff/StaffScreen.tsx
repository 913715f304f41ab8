import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res, Result } from '../../../electron/contract/channels';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';

type Status = Res<'staff:status'>;

/**
 * What front-desk staff can do at the kiosk: end the session, see the printer and its jobs
 * (retry a failed one, cancel one), print a test page. Every call carries the staff token; when
 * it has lapsed (2 minutes unused) the screen closes and the PIN is needed again.
 */
export function StaffScreen({ token, onEndSession, onClose, onLocked }: { token: string; onEndSession: () => void; onClose: () => void; onLocked: () => void }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<Status | null>(null);
  const [message, setMessage] = useState('');

  // Bumping `loads` fetches the status again (after every action, or Refresh).
  const [loads, setLoads] = useState(0);
  const refresh = () => setLoads((n) => n + 1);

  /** A lapsed token locks the screen; other failures are shown as they are. */
  const failed = useCallback(
    (result: Extract<Result<unknown>, { ok: false }>) => {
      if (result.code === 'forbidden') onLocked();
      else setMessage(result.message);
    },
    [onLocked],
  );
  useEffect(() => {
    let current = true;
    void kioskApi['staff:status']({ token }).then((result) => {
      if (!current) return;
      if (result.ok) setStatus(result.value);
      else failed(result);
    });
    return () => {
      current = false;
    };
  }, [token, loads, failed]);

  const act = async (call: Promise<Result<unknown>>) => {
    setMessage('');
    const result = await call;
    if (!result.ok) failed(result);
    refresh();
  };
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(iso));

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="staff-title" data-screen="staff">
      <div className="dialog staff">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <BigButton onClick={onEndSession}>{t('staff.endSession')}</BigButton>
        {status && (
          <section className="staff-section" aria-labelledby="staff-printer">
            <h3 id="staff-printer">
              {t('staff.printer')}: {status.printer.printer} ·{' '}
              <span data-testid="printer-state">{status.printer.ready ? t('staff.printerReady') : t('staff.printerNotReady')}</span>
            </h3>
            {status.printer.reason && <p className="staff-reason">{status.printer.reason}</p>}
            <div className="staff-row">
              <BigButton variant="secondary" onClick={() => void act(kioskApi['staff:test-page']({ token }))}>
                {t('staff.testPage')}
              </BigButton>
              <BigButton variant="quiet" onClick={refresh}>
                {t('staff.refresh')}
              </BigButton>
            </div>
          </section>
        )}
        {message && (
          <p className="staff-reason" role="alert">
            {message}
          </p>
        )}
        {status && (
          <section className="staff-section" aria-labelledby="staff-jobs">
            <h3 id="staff-jobs">{t('staff.jobs')}</h3>
            {status.jobs.length === 0 && <p>{t('staff.noJobs')}</p>}
            <ul className="staff-jobs">
              {status.jobs.map((job) => (
                <li key={job.id} data-job={job.id} data-state={job.state}>
                  <span>
                    {t('staff.jobLine', { time: time(job.createdAt), kind: t(`staff.kind.${job.kind}`), pages: job.pages })} ·{' '}
                    <strong>{t(`staff.state.${job.state}`)}</strong>
                    {job.reason && <span className="staff-reason"> · {job.reason}</span>}
                  </span>
                  {job.state === 'failed' && (
                    <button type="button" className="chip" onClick={() => void act(kioskApi['staff:job-retry']({ token, id: job.id }))}>
                      {t('staff.retry')}
                    </button>
                  )}
                  {(job.state === 'failed' || job.state === 'queued' || job.state === 'printing') && (
                    <button type="button" className="chip" onClick={() => void act(kioskApi['staff:job-cancel']({ token, id: job.id }))}>
                      {t('staff.cancelJob')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        <BigButton variant="secondary" onClick={onClose}>
          {t('staff.back')}
        </BigButton>
        {status && (
          <p className="staff-meta">
            {t('staff.version', { version: status.version })} · {t('staff.contentVersion', { version: status.contentVersion })}
            {status.printers.length > 0 && ` · ${t('staff.printers', { names: status.printers.join(', ') })}`}
          </p>
        )}
      </div>
    </div>
  );
}
