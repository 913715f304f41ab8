import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSchema, type Language, type PublicConfig } from '../../electron/contract/config';
import { HandoutIdSchema, type Handout } from '../../electron/contract/content';
import { call } from '../api/kiosk-client';
import { HandoutBody } from '../components/HandoutBody';
import { i18next, localized } from '../i18n';
import { PRINT_READY_ATTRIBUTE } from '../../electron/contract/print-page';

type Page = { kind: 'handout'; handout: Handout } | { kind: 'phone-slip' };
type Loaded = { config: PublicConfig; lang: Language; page: Page };

/** Reads what to print from the address: ?kind=handout&lang=en&id=fever or ?kind=phone-slip&lang=es. */
async function load(params: URLSearchParams): Promise<Loaded> {
  const lang = LanguageSchema.parse(params.get('lang'));
  const state = await call('kiosk:state', {});
  if (state.status !== 'ready') throw new Error('kiosk is out of service');
  await i18next.changeLanguage(lang);
  if (params.get('kind') === 'phone-slip') return { config: state.config, lang, page: { kind: 'phone-slip' } };
  const id = HandoutIdSchema.parse(params.get('id'));
  return { config: state.config, lang, page: { kind: 'handout', handout: await call('content:get', { id, lang }) } };
}

function formatDate(date: Date | string, lang: Language, withTime = false): string {
  const value = typeof date === 'string' ? new Date(`${date}T12:00:00`) : date;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) }).format(value);
}

/**
 * What a handout looks like on paper. A table's header and footer repeat on every printed page,
 * so every page carries the clinic, the disclaimer, the credits and the current-as-of date.
 * When everything is laid out, <html> gets data-print-ready for the host to make the PDF.
 */
export function PrintPage() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    load(new URLSearchParams(window.location.search)).then(setLoaded, (error: Error) => {
      console.error(error.message);
      document.documentElement.setAttribute(PRINT_READY_ATTRIBUTE, 'error');
    });
  }, []);
  useEffect(() => {
    if (!loaded) return;
    document.documentElement.lang = loaded.lang;
    void document.fonts.ready.then(() => document.documentElement.setAttribute(PRINT_READY_ATTRIBUTE, 'ready'));
  }, [loaded]);
  if (!loaded) return null;

  const { config, lang, page } = loaded;
  const now = new Date();
  const header = (
    <div className="sheet-header">
      <span className="sheet-clinic">{localized(config.clinic.name, lang)}</span>
      <span className="sheet-phone">{config.clinic.phone}</span>
    </div>
  );
  if (page.kind === 'phone-slip') {
    return (
      <Sheet header={header} footer={<p className="sheet-printed">{t('print.slipPrinted', { time: formatDate(now, lang, true) })}</p>}>
        <h1>{t('print.slipTitle')}</h1>
        <p className="slip-phone">{config.clinic.phone}</p>
        <p className="slip-say">{t('print.slipSay')}</p>
      </Sheet>
    );
  }
  const { handout } = page;
  return (
    <Sheet
      header={header}
      footer={
        <>
          <p className="sheet-disclaimer">{t('print.disclaimer')}</p>
          <p className="sheet-credits">
            {t('print.author', { author: handout.credits.author })}
            {handout.credits.reviewers.length > 0 && ` · ${t('print.reviewers', { names: handout.credits.reviewers.join(', ') })}`}
            {handout.review === 'sample' && ` · ${t('print.sample')}`}
          </p>
          <p className="sheet-dates">
            {t('print.currentAsOf', { date: formatDate(handout.currentAsOf, lang) })} · {t('print.printedOn', { date: formatDate(now, lang) })}
          </p>
        </>
      }
    >
      <h1>{handout.title}</h1>
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

function Sheet({ header, footer, children }: { header: ReactNode; footer: ReactNode; children: ReactNode }) {
  return (
    <table className="sheet">
      <thead>
        <tr>
          <td>{header}</td>
        </tr>
      </thead>
      <tfoot>
        <tr>
          <td className="sheet-footer">{footer}</td>
        </tr>
      </tfoot>
      <tbody>
        <tr>
          <td className="sheet-content">{children}</td>
        </tr>
      </tbody>
    </table>
  );
}
