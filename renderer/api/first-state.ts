import type { KioskApi } from '../../electron/contract/channels';
import { kioskApi } from './kiosk-client';

/**
 * The host's first answer about the kiosk, asked as soon as the page's scripts start to run
 * (main.tsx imports this first), before React is set up: Welcome cannot be drawn without it, so
 * its round trip overlaps the start instead of following it. The kiosk rests at start.
 */
let first: ReturnType<KioskApi['kiosk:state']> | undefined = kioskApi['kiosk:state']({ resting: true });

/** That first answer, once; afterwards undefined (ask the host again). */
export function takeFirstState(): ReturnType<KioskApi['kiosk:state']> | undefined {
  const answer = first;
  first = undefined;
  return answer;
}
