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
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];
