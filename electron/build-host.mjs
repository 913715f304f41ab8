// Bundles the host side into dist/electron: one CommonJS file per entry point.
//
// - main.cjs and cli.cjs carry their npm packages inside them, so the packaged app needs no
//   node_modules (app.asar holds none) and IT can run the CLI with plain Node on a machine
//   that has neither the app's node_modules nor Electron (it ships as resources/tools/kiosk-cli.cjs).
// - serve.cjs (the web host) carries its npm packages inside it too, though it runs from a checkout:
//   Node then reads and compiles one file, not some 200 (zod's, libphonenumber-js's,
//   gray-matter's), about a tenth of a second less before it answers (npm run bench: host-start).
//   Its PDF process (pdf-process.cjs, which drives Chromium through playwright-core) and start.cjs
//   run from the checkout with node_modules, so their packages stay external: faster to build.
// - The preloads (the kiosk window's, and the print windows' with only the print page's channels)
//   are bundled too, since a sandboxed preload may only require 'electron'.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { stringsFileLanguages } from '../renderer/locales/strings-files.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// The host checks a config's languages against the UI strings files (services/config/ui-languages.ts).
const define = { KIOSK_VERSION: JSON.stringify(version), KIOSK_STRINGS_FILES: JSON.stringify(stringsFileLanguages()) };
// `import()` becomes a lazy require(): modules loaded when first needed (playwright-core in the web
// host), found the way require finds them.
const common = {
  define,
  supported: { 'dynamic-import': false },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main/index.ts', cli: 'electron/cli/cli.ts' },
    // electron is the Electron binary's own module. playwright-core is not bundleable (it finds
    // its own files on disk); neither main nor the CLI may need it, and the packaging test
    // (e2e/specs-packaging) fails if the shipped CLI or app.asar would.
    external: ['electron', 'playwright-core'],
  }),
  // The web host never loads playwright-core: its PDF process does.
  build({ ...common, entryPoints: { serve: 'electron/web-host/serve.ts' }, external: ['playwright-core'] }),
  build({
    ...common,
    // pdf-process.cjs: the web host's PDF process, with playwright-core (web-host/chromium-pdf-process.ts).
    entryPoints: { 'pdf-process': 'electron/web-host/pdf-process.ts', start: 'electron/start.ts' },
    // Run from a checkout, beside node_modules.
    packages: 'external',
  }),
  build({ ...common, entryPoints: { preload: 'electron/preload/index.ts', 'print-preload': 'electron/preload/print.ts' }, external: ['electron'] }),
]);
