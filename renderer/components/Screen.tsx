import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const NEXT_KEYS = new Set(['ArrowDown', 'ArrowRight']);
const PREVIOUS_KEYS = new Set(['ArrowUp', 'ArrowLeft']);

/** Arrow keys step through a screen's action buttons, round and round (a keypad or a switch has arrows, not Tab). */
function stepWithArrows(event: KeyboardEvent<HTMLDivElement>) {
  const step = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
  if (step === 0) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at === -1) return;
  event.preventDefault();
  buttons[(at + step + buttons.length) % buttons.length]!.focus();
}

/**
 * One kiosk screen: a heading and content at the top, actions at the bottom where a person
 * standing or in a wheelchair can reach them.
 */
export function Screen({
  title,
  name,
  eyebrow,
  children,
  actions,
}: {
  title: ReactNode;
  name: string;
  eyebrow?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // A new screen (or a new question) moves focus to its heading, so screen readers and keyboard
  // users start there. Keyed on text, not on the title element, so re-renders do not steal focus.
  const titleText = typeof title === 'string' ? title : '';
  useEffect(() => heading.current?.focus({ preventScroll: true }), [name, titleText]);
  return (
    <main className="screen" data-screen={name} aria-labelledby={`${name}-title`}>
      <div className="screen-body">
        {eyebrow && <p className="screen-eyebrow">{eyebrow}</p>}
        <h1 id={`${name}-title`} ref={heading} className="screen-title" tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
      {actions && (
        <div className="screen-actions" onKeyDown={stepWithArrows}>
          {actions}
        </div>
      )}
    </main>
  );
}
