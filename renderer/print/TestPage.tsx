import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract/config';
import { MM_PER_INCH, rulerTicks, type RulerTick } from './ruler';

/** Edge rulers are drawn this long: past the longest side of Letter and A4, cut at the paper's edge. */
const EDGE_RULER_MM = 300;
/** Depth of an edge ruler strip, and the length of a whole unit's mark in it. */
const STRIP_MM = 14;
const MARK_MM = 6;

type Edge = 'top' | 'bottom' | 'left' | 'right';

/**
 * A ruler along one edge of the paper, starting at the paper's corner: centimetres on the top
 * and left, inches on the bottom and right. Positions are SVG lengths in mm, so what is printed
 * is true size whatever the paper.
 */
function EdgeRuler({ edge }: { edge: Edge }) {
  const unit = edge === 'top' || edge === 'left' ? 'cm' : 'in';
  const mm = (n: number) => `${Math.round(n * 1000) / 1000}mm`;
  const mark = (tick: RulerTick) => {
    const length = MARK_MM * tick.size;
    const label = tick.label && tick.label !== '0' ? tick.label : undefined;
    switch (edge) {
      case 'top':
        return { line: { x1: mm(tick.at), x2: mm(tick.at), y1: mm(0), y2: mm(length) }, text: { x: mm(tick.at), y: mm(MARK_MM + 3.2) }, label };
      case 'bottom':
        return {
          line: { x1: mm(tick.at), x2: mm(tick.at), y1: mm(STRIP_MM - length), y2: mm(STRIP_MM) },
          text: { x: mm(tick.at), y: mm(STRIP_MM - MARK_MM - 1) },
          label,
        };
      case 'left':
        return { line: { x1: mm(0), x2: mm(length), y1: mm(tick.at), y2: mm(tick.at) }, text: { x: mm(MARK_MM + 2.5), y: mm(tick.at + 1.1) }, label };
      case 'right':
        return {
          line: { x1: mm(STRIP_MM - length), x2: mm(STRIP_MM), y1: mm(tick.at), y2: mm(tick.at) },
          text: { x: mm(STRIP_MM - MARK_MM - 2.5), y: mm(tick.at + 1.1) },
          label,
        };
    }
  };
  const marks = rulerTicks(unit, EDGE_RULER_MM).map((tick) => {
    const { line, text, label } = mark(tick);
    return (
      <g key={tick.at}>
        <line {...line} className={tick.size === 1 ? 'test-mark-major' : 'test-mark'} />
        {label && (
          <text {...text} className="test-mark-label">
            {label}
          </text>
        )}
      </g>
    );
  });
  // The side rulers are clipped between the top and bottom strips (print.css) so the corners stay
  // readable; their marks are shifted back so they still count from the paper's top edge.
  return (
    <svg className={`test-ruler test-ruler-${edge}`} aria-hidden="true">
      {edge === 'left' || edge === 'right' ? (
        <svg y={mm(-STRIP_MM)} overflow="visible">
          {marks}
        </svg>
      ) : (
        marks
      )}
    </svg>
  );
}

/** A reference bar of exactly 10 cm or 4 in, to measure with a ruler: any other length means the printer scales. */
function ReferenceBar({ unit, caption }: { unit: 'cm' | 'in'; caption: string }) {
  const lengthMm = unit === 'cm' ? 100 : 4 * MM_PER_INCH;
  const pad = 4;
  const mm = (n: number) => `${Math.round(n * 1000) / 1000}mm`;
  return (
    <figure className="test-bar">
      <svg width={mm(lengthMm + 2 * pad)} height={mm(13)} aria-hidden="true">
        <line x1={mm(pad)} x2={mm(pad + lengthMm)} y1={mm(MARK_MM)} y2={mm(MARK_MM)} className="test-mark-major" />
        {rulerTicks(unit, lengthMm).map((tick) => (
          <g key={tick.at}>
            <line
              x1={mm(pad + tick.at)}
              x2={mm(pad + tick.at)}
              y1={mm(MARK_MM - MARK_MM * tick.size)}
              y2={mm(MARK_MM)}
              className={tick.size === 1 ? 'test-mark-major' : 'test-mark'}
            />
            {tick.label && (
              <text x={mm(pad + tick.at)} y={mm(MARK_MM + 4)} className="test-mark-label">
                {tick.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/**
 * The staff test page: which printer and kiosk printed it and when, rulers from the paper's
 * edges (where the marks start shows what the printer cannot reach), a dashed line where
 * handouts print, and 10 cm / 4 in bars to check that nothing scales the page.
 */
export function TestPage({
  lang,
  printer,
  version,
  printedAt,
}: {
  lang: Language;
  printer: string | undefined;
  version: string | undefined;
  printedAt: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="sheet" data-kind="test-page" data-lang={lang}>
      {(['top', 'bottom', 'left', 'right'] as const).map((edge) => (
        <EdgeRuler key={edge} edge={edge} />
      ))}
      <div className="test-margin" aria-hidden="true" />
      <main className="test-content">
        <h1>{t('print.testTitle')}</h1>
        <dl className="test-facts">
          <dt>{t('print.testPrinter')}</dt>
          <dd className="test-printer">{printer ?? t('print.testUnknown')}</dd>
          <dt>{t('print.testVersion')}</dt>
          <dd className="test-version">{version ?? t('print.testUnknown')}</dd>
          <dt>{t('print.testPrintedAt')}</dt>
          <dd>{printedAt}</dd>
        </dl>
        <h2>{t('print.testMarginsTitle')}</h2>
        <p>{t('print.testMargins')}</p>
        <h2>{t('print.testScaleTitle')}</h2>
        <p>{t('print.testScale')}</p>
        <ReferenceBar unit="cm" caption={t('print.testBarCm')} />
        <ReferenceBar unit="in" caption={t('print.testBarIn')} />
        <h2>{t('print.testTypeTitle')}</h2>
        <p className="test-type">{t('print.testType')}</p>
        <p className="test-type test-type-bold">{t('print.testType')}</p>
      </main>
    </div>
  );
}
