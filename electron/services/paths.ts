import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The app's lowercase name: the web host's data folder on every OS, and /etc/<name> on Linux. */
export const APP_FOLDER = 'clinic-entrance-kiosk';

/** Where the web host keeps counts, logs and default PDF output when no --data-dir is given. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KIOSK_DATA_DIR) return resolve(env.KIOSK_DATA_DIR);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_FOLDER);
}

/** The log file's name; old ones are kiosk.1.log, kiosk.2.log and so on. */
export const LOG_FILE_NAME = 'kiosk.log';

/** The web host's log file, inside its data folder. (Electron uses its own logs folder.) */
export function logFile(dataDir: string): string {
  return join(dataDir, 'logs', LOG_FILE_NAME);
}
