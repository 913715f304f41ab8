import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, StaffEvent, StaffStatus } from '../../../electron/contract/channels';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';
import { useActivity } from '../../hooks/use-activity';
import { useHostCall } from '../../hooks/use-host-call';
import { saveProblemText } from './save-problem-text';

const COUNT_COLUMNS = ['sessions', 'comeIn', 'stayOut', 'turnedAway', 'handoutsPrinted'] as const;
/**
 * While staff touch the screen, the status is fetched again at most this often: fresh numbers,
 * and the host's token (which only staff calls keep alive) lasts as long as the touches do.
 */
const TOUCH_REFRESH_MS = 10_000;

/**
 * What front-desk staff can do at the kiosk: end the session, take the kiosk out of service and
 * back, see the printer and its jobs (retry, cancel), print a test page, read the week's counts,
 * the recent events, handout files the library left out, and what is loaded. Every call carries the staff token; when it has lapsed
 * the PIN is needed again.
 */
export function StaffScreen({
  token,
  inService,
  onEndSession,
  onServiceChanged,
  onClose,
  onLocked,
}: {
  token: string;
  inService: boolean;
  onEndSession: () => void;
  onServiceChanged: () => void;
  onClose: () => void;
  onLocked: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<StaffStatus | null>(null);
  const [message, setMessage] = useState('');

  // Bumping `loads` fetches the status again (after every action, or Refresh).
  const [loads, setLoads] = useState(0);
  const refresh = () => setLoads((n) => n + 1);
  const lastCall = useRef(0);
  useActivity(() => {
    if (Date.now() - lastCall.current > TOUCH_REFRESH_MS) setLoads((n) => n + 1);
  });

  /** A lapsed token locks the screen; other failures are shown as they are. */
  const failed = useCallback(
    (result: Extract<Result<unknown>, { ok: false }>) => {
      if (result.code === 'forbidden') onLocked();
      else setMessage(result.message);
    },
    [onLocked],
  );
  useHostCall(
    [token, loads],
    () => {
      lastCall.current = Date.now();
      return kioskApi['staff:status']({ token });
    },
    (result) => (result.ok ? setStatus(result.value) : failed(result)),
  );

  const act = async (call: Promise<Result<unknown>>) => {
    setMessage('');
    const result = await call;
    if (!result.ok) failed(result);
    refresh();
  };
  const setService = async (wanted: boolean) => {
    await act(kioskApi['staff:set-service']({ token, inService: wanted }));
    onServiceChanged();
  };
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(new Date(iso));
  const dateTime = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const weekday = (day: string) => new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric' }).format(new Date(`${day}T12:00:00`));
  const eventText = (e: StaffEvent) =>
    t(`staff.event.${e.event}`, { detail: e.event === 'session-reset' && e.detail ? t(`staff.resetReason.${e.detail}`) : (e.detail ?? '') });

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="staff-title" data-screen="staff">
      <div className="dialog staff">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <p className="staff-service" data-testid="service-state">
          {inService ? t('staff.inServiceNow') : t('staff.outOfServiceNow')}
        </p>
        <div className="staff-row">
          {inService && <BigButton onClick={onEndSession}>{t('staff.endSession')}</BigButton>}
          {inService ? (
            <BigButton variant="secondary" onClick={() => void setService(false)}>
              {t('staff.takeOutOfService')}
            </BigButton>
          ) : (
            <BigButton onClick={() => void setService(true)}>{t('staff.putBackInService')}</BigButton>
          )}
        </div>
        {message && (
          <p className="staff-reason" role="alert">
            {message}
          </p>
        )}
        {status && status.saveProblems.length > 0 && (
          <section className="staff-section" aria-labelledby="staff-save-problems" data-testid="save-problems">
            <h3 id="staff-save-problems">{t('staff.saveProblems')}</h3>
            {status.saveProblems.map((problem) => (
              <p key={problem.folder} className="staff-reason" data-place={problem.place}>
                {saveProblemText(t, problem)}
              </p>
            ))}
          </section>
        )}
        {status && (
          <section className="staff-section" aria-labelledby="staff-printer">
            <h3 id="staff-printer">
              {t('staff.printer')}: <span translate="no">{status.printer.printer}</span> ·{' '}
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
        {status && (
          <section className="staff-section" aria-labelledby="staff-jobs">
            <h3 id="staff-jobs">{t('staff.jobs')}</h3>
            {status.jobs.length === 0 && <p>{t('staff.noJobs')}</p>}
            <ul className="staff-jobs">
              {status.jobs.map((job) => (
                <li key={job.id} data-job={job.id} data-state={job.state}>
                  <span>
                    {t('staff.jobLine', { time: time(job.createdAt), kind: t(`staff.kind.${job.kind}`), count: job.pages })} ·{' '}
                    <strong>{t(`staff.state.${job.state}`)}</strong>
                    {job.attempts > 1 && <> · {t('staff.attempts', { count: job.attempts })}</>}
                    {job.reason && <span className="staff-reason"> · {job.reason}</span>}
                    {job.state === 'unknown' && <span className="staff-reason"> {t(job.canRetry ? 'staff.unknownCheckTray' : 'staff.unknownWaiting')}</span>}
                  </span>
                  {job.canRetry && (
                    <button type="button" className="chip" onClick={() => void act(kioskApi['staff:job-retry']({ token, id: job.id }))}>
                      {t(job.state === 'unknown' ? 'staff.retryUnknown' : 'staff.retry')}
                    </button>
                  )}
                  {job.canCancel && (
                    <button type="button" className="chip" onClick={() => void act(kioskApi['staff:job-cancel']({ token, id: job.id }))}>
                      {t('staff.cancelJob')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        {status && (
          <section className="staff-section" aria-labelledby="staff-counts">
            <h3 id="staff-counts">{t('staff.counts')}</h3>
            <table className="staff-counts">
              <thead>
                <tr>
                  <th scope="col">{t('staff.day')}</th>
                  {COUNT_COLUMNS.map((c) => (
                    <th scope="col" key={c}>
                      {t(`staff.count.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {status.days.map((d, i) => (
                  <tr key={d.day} data-day={d.day}>
                    <th scope="row">{i === 0 ? t('staff.today') : <time dateTime={d.day}>{weekday(d.day)}</time>}</th>
                    {COUNT_COLUMNS.map((c) => (
                      <td key={c}>{d[c]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {status && (
          <section className="staff-section" aria-labelledby="staff-events">
            <h3 id="staff-events">{t('staff.events')}</h3>
            {status.events.length === 0 && <p>{t('staff.noEvents')}</p>}
            <ul className="staff-events">
              {status.events.map((e, i) => (
                <li key={`${e.time}-${i}`} data-event={e.event}>
                  <time className="staff-event-time" dateTime={e.time}>
                    {time(e.time)}
                  </time>{' '}
                  {eventText(e)}
                </li>
              ))}
            </ul>
          </section>
        )}
        {status && status.contentProblems.length > 0 && (
          <section className="staff-section" aria-labelledby="staff-content-problems" data-testid="content-problems">
            <h3 id="staff-content-problems">{t('staff.contentProblems')}</h3>
            <p className="staff-reason">{t('staff.contentProblemsCount', { count: status.contentProblems.length })}</p>
            <ul className="staff-events">
              {status.contentProblems.map((p, i) => (
                <li key={`${p.file}-${i}`} data-file={p.file}>
                  <strong>{p.file}</strong>: {p.message}
                </li>
              ))}
            </ul>
          </section>
        )}
        <BigButton variant="secondary" onClick={onClose}>
          {t('staff.back')}
        </BigButton>
        {status && (
          <div className="staff-meta">
            <p>
              {t('staff.version', { version: status.version })} · {t('staff.contentVersion', { version: status.contentVersion })}
              {status.printers.length > 0 && ` · ${t('staff.printers', { names: status.printers.join(', ') })}`}
            </p>
            <p data-testid="config-file">{t('staff.configFile', { path: status.config.path, time: dateTime(status.config.loadedAt) })}</p>
            {status.config.pending && <p>{t('staff.configPending')}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
