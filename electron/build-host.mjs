// Bundles the host side into dist/electron: one CommonJS file per entry point. The preload is
// bundled too, since a sandboxed preload may only require 'electron'.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = { define: { KIOSK_VERSION: JSON.stringify(version) }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'warning', outdir: 'dist/electron', outExtension: { '.js': '.cjs' } };

await build({
  ...common,
  entryPoints: { main: 'electron/main/index.ts', serve: 'electron/server/serve.ts', cli: 'electron/cli.ts', start: 'electron/start.ts' },
  // Runtime packages ship in node_modules; electron is provided by the Electron binary.
  packages: 'external',
});
await build({ ...common, entryPoints: { preload: 'electron/preload/index.ts' }, external: ['electron'] });
