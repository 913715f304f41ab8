import type { KioskApi } from '../../electron/contract/channels';
import { kioskApi } from '../api/kiosk-client';

/** The channels the front-desk host answers (DESK_CHANNELS in electron/server/remote-staff-host.ts); any other is 404 there. */
export type DeskChannel = 'staff:unlock' | 'staff:status' | 'staff:set-service' | 'staff:reset-session' | 'staff:lock';
export type DeskApi = Pick<KioskApi, DeskChannel>;

/**
 * The desk page's way to the host: the kiosk's own HTTP client (`POST /api/<channel>` on the
 * page's origin), typed down to what the desk host offers.
 */
export const deskApi: DeskApi = kioskApi;

/**
 * How long the host keeps a staff token without use (STAFF_IDLE_MS in
 * electron/services/staff/staff-auth.ts): the desk page locks itself when it has passed.
 */
export const DESK_IDLE_MS = 2 * 60_000;
