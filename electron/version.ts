declare const KIOSK_VERSION: string | undefined;

/** The app's version, set from package.json when the host is bundled (build-host.mjs); 'dev' when run from source. */
export const APP_VERSION: string = typeof KIOSK_VERSION === 'string' ? KIOSK_VERSION : 'dev';
