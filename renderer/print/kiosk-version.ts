/** The kiosk's version from `kiosk:state`, when the host sends one (the staff test page prints it). */
export function kioskVersion(state: object): string | undefined {
  const version = 'version' in state ? state.version : undefined;
  return typeof version === 'string' && version.trim() !== '' ? version.trim().slice(0, 64) : undefined;
}
