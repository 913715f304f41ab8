import type { DeskChannel } from '../../electron/contract/channel-names';
import type { KioskApi } from '../../electron/contract/channels';
import { kioskApi } from '../api/kiosk-client';

export type DeskApi = Pick<KioskApi, DeskChannel>;

/**
 * The desk page's way to the host: the kiosk's own HTTP client (`POST /api/<channel>` on the
 * page's origin), typed down to what the desk host offers (DESK_CHANNEL_NAMES).
 */
export const deskApi: DeskApi = kioskApi;
