import { contextBridge, ipcRenderer } from 'electron';
import type { ChannelName } from '../contract/channel-names';
import type { KioskApi } from '../contract/channels';

/**
 * Sets `window.kiosk` to one function per channel named, each bound to its own fixed channel. The
 * page can reach nothing else of IPC: no generic send or invoke is exposed.
 */
export function exposeChannels(channels: readonly ChannelName[]): void {
  const api = Object.fromEntries(channels.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)])) as Partial<KioskApi>;
  contextBridge.exposeInMainWorld('kiosk', api);
}
