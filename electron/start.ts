import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { electronExecutable, installedElectron } from './electron-binary';

/** dist/electron/start.cjs sits two folders below the app root. */
const appRoot = resolve(__dirname, '..', '..');

const NO_ELECTRON = `
The kiosk's Electron shell could not start: the Electron binary is not on this machine and could
not be downloaded (Electron fetches it on first run; this machine may have no internet access).
Either point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder and run \`npm start\`
again, or run the same kiosk in a browser: \`npm run serve\`, then
\`chromium --kiosk --app=http://127.0.0.1:4300\`.`;

/** Finds the Electron executable, downloading it in a child whose noise we keep off the screen. */
function electronPath(): { path: string } | { problem: string } {
  const installed = installedElectron(appRoot);
  if (installed) return { path: installed };
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { problem: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${electronExecutable(process.env.ELECTRON_OVERRIDE_DIST_PATH)} does not exist.` };
  }
  const lookup = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: appRoot, encoding: 'utf8', timeout: 300_000 });
  const path = lookup.status === 0 ? lookup.stdout.trim() : '';
  if (path && existsSync(path)) return { path };
  const cause = (lookup.stderr || lookup.stdout || '')
    .split('\n')
    .find((line) => /error|failed/i.test(line))
    ?.trim();
  return { problem: cause ? `The download said: ${cause}` : 'The download did not finish.' };
}

const found = electronPath();
if ('problem' in found) {
  console.error(`${NO_ELECTRON}\n${found.problem}\n`);
  process.exit(1);
}
const child = spawn(found.path, [appRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
