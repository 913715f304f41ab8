import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../contract/channel-names';
import type { KioskApi } from '../contract/channels';

/**
 * window.kiosk: one function per contract channel, each bound to its own fixed channel name.
 * The page can reach nothing else of IPC: no generic send/invoke is exposed.
 */
const api = Object.fromEntries(
  CHANNEL_NAMES.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
) as unknown as KioskApi;

contextBridge.exposeInMainWorld('kiosk', api);
