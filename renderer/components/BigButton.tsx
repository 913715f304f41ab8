import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'yes' | 'no' | 'quiet';

/** The kiosk's touch button: at least 64 px tall, clear focus ring, one look per purpose. */
export function BigButton({
  variant = 'primary',
  children,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; children: ReactNode }) {
  return (
    <button type="button" className={`big-button big-button--${variant} ${className ?? ''}`} {...rest}>
      {children}
    </button>
  );
}
