/**
 * Channel names alone, without schemas, so the sandboxed preload can list them without bundling zod.
 * electron/contract/channels.ts pairs each with its schemas.
 */
export const CHANNEL_NAMES = [
  'kiosk:state',
  'content:list',
  'content:get',
  'print:submit',
  'print:status',
  'session:record',
  'session:end',
  'print:availability',
  'staff:unlock',
  'staff:status',
  'staff:job-retry',
  'staff:job-cancel',
  'staff:test-page',
  'staff:lock',
  'staff:set-service',
  'staff:reset-session',
  'content:search',
  'content:suggest',
  'speech:unavailable',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The channels the front-desk page may call; the desk host answers every other one with 404. */
export const DESK_CHANNEL_NAMES = [
  'staff:unlock',
  'staff:status',
  'staff:set-service',
  'staff:reset-session',
  'staff:lock',
] as const satisfies readonly ChannelName[];
export type DeskChannel = (typeof DESK_CHANNEL_NAMES)[number];

/** The channels the print page calls (renderer/print/): all its hidden windows' preload offers. */
export const PRINT_PAGE_CHANNEL_NAMES = ['kiosk:state', 'content:get'] as const satisfies readonly ChannelName[];

/**
 * A staff screen (at the kiosk or the desk) closes itself after this long without use. The host
 * keeps a staff token a little longer, so a screen kept open by touches is never refused first.
 */
export const STAFF_IDLE_MS = 2 * 60_000;
