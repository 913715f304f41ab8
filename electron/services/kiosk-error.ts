import type { ErrorCode } from '../contract/channels';

/** An expected failure a service reports on purpose; hosts turn it into `{ ok: false, code, message }`. */
export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskError';
  }
}
