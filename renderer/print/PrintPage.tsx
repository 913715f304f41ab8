import { useLayoutEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PublicConfig } from '../../electron/contract/config';
import type { Handout } from '../../electron/contract/content';
import type { PrintTarget } from '../../electron/contract/print-page';
import { call } from '../api/kiosk-client';
import { HandoutBody } from '../components/HandoutBody';
import { i18next, localized, showLanguage } from '../i18n';
import { PhoneNumber } from '../components/PhoneNumber';
import { pageNumberRule } from './page-number';
import { kioskVersion } from './kiosk-version';
import { qrCodeDataUrl } from '../components/qr-code';
import { TestPage } from './TestPage';

type Page =
  | { kind: 'handout'; config: PublicConfig; handout: Handout; qrCode: string | undefined }
  | { kind: 'phone-slip'; config: PublicConfig }
  | { kind: 'test-page'; printer: string | undefined; version: string | undefined };
/** Everything one printed document shows, loaded from the host. */
export type LoadedPrint = { lang: Language; page: Page };

/** Loads what `target` shows from the host, and switches the page to its language. */
export async function loadPrint(target: PrintTarget): Promise<LoadedPrint> {
  const { lang } = target;
  const state = await call('kiosk:state', {});
  await showLanguage(lang);
  if (target.kind === 'test-page') return { lang, page: { kind: 'test-page', printer: target.printer, version: kioskVersion(state) } };
  if (state.status !== 'ready') throw new Error('kiosk is out of service');
  if (target.kind === 'phone-slip') return { lang, page: { kind: 'phone-slip', config: state.config } };
  const handout = await call('content:get', { id: target.id, lang });
  const qrCode = handout.url ? await qrCodeDataUrl(handout.url) : undefined;
  return { lang, page: { kind: 'handout', config: state.config, handout, qrCode } };
}

/**
 * Fonts are fetched only when text uses them: lay out, ask for both weights, then wait for all.
 * A font that cannot load still leaves a printable page (in the fallback font), never a stuck one.
 * Once loaded they stay: the next document on the same page waits for nothing.
 */
export async function whenLaidOut(): Promise<void> {
  void document.body.offsetHeight;
  await Promise.all(['400', '700'].map((weight) => document.fonts.load(`${weight} 12pt "Atkinson Hyperlegible"`))).catch(() =>
    console.error('Atkinson Hyperlegible did not load: printing in the fallback font'),
  );
  await document.fonts.ready;
  await Promise.all(
    [...document.images].map((image) => image.decode().catch(() => console.error(`image did not load: ${image.alt || image.src.slice(0, 40)}`))),
  );
}

/** Dates as people write them; a date-only string is read at noon so no time zone moves its day. */
function formatDate(date: Date | string, lang: Language, withTime = false): string {
  const value = typeof date === 'string' ? new Date(`${date}T12:00:00`) : date;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) }).format(value);
}

/**
 * What a handout, the phone slip and the staff test page look like on paper. A handout is a
 * table whose header and footer repeat on every printed page, so every page carries the clinic,
 * the disclaimer, the credits and the dates (the date printed is the day it is drawn); page
 * numbers come from print.css.
 */
export function PrintPage({ loaded }: { loaded: LoadedPrint }) {
  const { lang, page } = loaded;
  const now = new Date();
  if (page.kind === 'test-page') return <TestPage lang={lang} printer={page.printer} version={page.version} printedAt={formatDate(now, lang, true)} />;
  if (page.kind === 'phone-slip') return <PhoneSlip config={page.config} lang={lang} printedAt={formatDate(now, lang, true)} />;
  return <HandoutSheet config={page.config} lang={lang} handout={page.handout} qrCode={page.qrCode} printedOn={formatDate(now, lang)} />;
}

function ClinicHeader({ config, lang }: { config: PublicConfig; lang: Language }) {
  return (
    <div className="sheet-header">
      <span className="sheet-clinic">{localized(config.clinic.name, lang)}</span>
      <span className="sheet-phone">
        <PhoneNumber clinic={config.clinic} />
      </span>
    </div>
  );
}

function HandoutSheet({
  config,
  lang,
  handout,
  qrCode,
  printedOn,
}: {
  config: PublicConfig;
  lang: Language;
  handout: Handout;
  qrCode: string | undefined;
  printedOn: string;
}) {
  const { t } = useTranslation();
  const online = handout.url && qrCode ? { url: handout.url, qrCode } : undefined;
  return (
    <Sheet
      kind="handout"
      lang={lang}
      header={<ClinicHeader config={config} lang={lang} />}
      footer={
        <>
          <p className="sheet-disclaimer">{t('print.disclaimer')}</p>
          <p className="sheet-credits">
            {t('print.author', { author: handout.credits.author })}
            {handout.credits.reviewers.length > 0 && ` · ${t('print.reviewers', { names: handout.credits.reviewers.join(', ') })}`}
            {handout.review === 'sample' && ` · ${t('print.sample')}`}
          </p>
          <p className="sheet-dates">
            {t('print.currentAsOf', { date: formatDate(handout.currentAsOf, lang) })} · {t('print.printedOn', { date: printedOn })}
          </p>
        </>
      }
    >
      <h1>{handout.title}</h1>
      {online && (
        <figure className="sheet-online">
          <img className="sheet-qr" src={online.qrCode} alt={t('print.qrAlt', { url: online.url })} />
          <figcaption>
            <strong className="sheet-online-label">{t('print.readOnline')}</strong>
            <span className="sheet-url">{online.url}</span>
          </figcaption>
        </figure>
      )}
      <HandoutBody handout={handout} />
      {handout.related.length > 0 && (
        <section className="sheet-related">
          <h2>{t('print.related')}</h2>
          <ul>
            {handout.related.map((r) => (
              <li key={r.id}>{r.title}</li>
            ))}
          </ul>
        </section>
      )}
    </Sheet>
  );
}

function PhoneSlip({ config, lang, printedAt }: { config: PublicConfig; lang: Language; printedAt: string }) {
  const { t } = useTranslation();
  return (
    <Sheet kind="phone-slip" lang={lang} header={<ClinicHeader config={config} lang={lang} />} footer={null}>
      <h1>{t('print.slipTitle')}</h1>
      <p className="slip-phone">
        <PhoneNumber clinic={config.clinic} />
      </p>
      <section className="slip-say">
        <h2>{t('print.slipSayTitle')}</h2>
        <p>{t('print.slipSay')}</p>
      </section>
      <p className="slip-printed">{t('print.slipPrinted', { time: printedAt })}</p>
    </Sheet>
  );
}

/** One printed document; `kind` picks its named @page (margins; a handout's page numbers, in its language). */
function Sheet({ kind, lang, header, footer, children }: { kind: string; lang: Language; header: ReactNode; footer: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const pageNumber = kind === 'handout' ? pageNumberRule(t('print.pageNumber'), i18next.dir(lang)) : undefined;
  // An adopted sheet, not a <style> element: the page's Content-Security-Policy refuses inline
  // styles. In place before the page is painted, so before the host makes its PDF.
  useLayoutEffect(() => {
    if (!pageNumber) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pageNumber);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [pageNumber]);
  return (
    <div className="sheet" data-kind={kind} data-lang={lang}>
      <table className="sheet-table">
        <thead>
          <tr>
            <td>{header}</td>
          </tr>
        </thead>
        {footer && (
          <tfoot>
            <tr>
              <td className="sheet-footer">{footer}</td>
            </tr>
          </tfoot>
        )}
        <tbody>
          <tr>
            <td className="sheet-content">{children}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
