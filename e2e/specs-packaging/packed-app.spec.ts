import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { build, Platform, type Configuration } from 'electron-builder';
import { expect, test, type TestInfo } from '@playwright/test';
import { readFuses, writeStandInElectron, type FuseName } from './stand-in-electron';

/**
 * Builds the Linux `dir` target with electron-builder, offline, from the real package.json config
 * (only electronDist and the output folder are overridden), and checks what would ship: app.asar
 * holds exactly the built app, resources/ holds the content, the CLI and the systemd unit, the
 * fuses are flipped, the shipped CLI runs with plain Node, and the deb's install scripts point at
 * where the deb puts the app. Needs `npm run build` first (`npm test` does it).
 */

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  homepage?: string;
  author?: unknown;
  build: Configuration & { linux: { executableName: string } };
};
const EXECUTABLE = pkg.build.linux.executableName;
const INSTALL_DIR = `/opt/${pkg.build.productName}`; // where electron-builder's deb puts the app
const UNIT = 'clinic-entrance-kiosk.service';

/** The release build's fuses: see build/README.md for why each is set so. */
const RELEASE_FUSES: Record<FuseName, boolean> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false, // not set: stays as Electron ships it
  grantFileProtocolExtraPrivileges: false,
};

/** Every file under `dir`, as forward-slash paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Runs electron-builder in this process, keeping its (long) log out of the test output: it is
 * attached to the test instead. electron-builder writes through process.stdout.
 */
async function quietly<T>(testInfo: TestInfo, name: string, work: () => Promise<T>): Promise<T> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
    await testInfo.attach(name, { body: chunks.join(''), contentType: 'text/plain' });
  }
}

/** Runs a command to the end; output and exit code. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The folder electron-builder unpacked the app into (linux-unpacked, linux-arm64-unpacked, ...). */
function unpackedDir(output: string): string {
  const found = readdirSync(output).filter((name) => /^linux(-[a-z0-9]+)?-unpacked$/.test(name));
  expect(found, `one linux*-unpacked folder in ${output}`).toHaveLength(1);
  return join(output, found[0]!);
}

test.describe.configure({ mode: 'serial' });

let work: string;
let app: string; // linux-unpacked
let resources: string;
let asar: string;
let asarFiles: string[];

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000); // a 2-core shared machine; never asserted
  for (const built of [
    'dist/electron/main.cjs',
    'dist/electron/preload.cjs',
    'dist/electron/print-preload.cjs',
    'dist/electron/cli.cjs',
    'dist/renderer/index.html',
  ]) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  work = mkdtempSync(join(tmpdir(), 'kiosk-package-'));
  const standIn = join(work, 'electron-dist');
  writeStandInElectron(standIn);
  const output = join(work, 'release');
  // Merged by electron-builder over package.json's `build` section, as `-c.key=value` would be.
  const config: Configuration = { electronDist: standIn, directories: { output } };
  const started = Date.now();
  await quietly(test.info(), 'electron-builder --dir', () =>
    build({ projectDir: root, targets: Platform.LINUX.createTarget('dir'), config, publish: 'never' }),
  );
  console.log(`[package] electron-builder --dir took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  app = unpackedDir(output);
  resources = join(app, 'resources');
  asar = join(resources, 'app.asar');
  asarFiles = listPackage(asar, { isPack: false })
    .map((entry) =>
      entry
        .replace(/^[/\\]/, '')
        .split('\\')
        .join('/'),
    )
    .filter((entry) => !('files' in statFile(asar, entry)))
    .sort();
});

test.afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('app.asar holds exactly the built app: main, the preloads, renderer, package.json', () => {
  // Source maps and the build's brotli and gzip copies (for the web hosts; app:// sends no network) stay out.
  const renderer = filesUnder(join(root, 'dist/renderer'))
    .filter((file) => !/\.(map|br|gz)$/.test(file))
    .map((file) => `dist/renderer/${file}`);
  expect(renderer).toContain('dist/renderer/index.html');
  expect(renderer.some((file) => file.startsWith('dist/renderer/assets/'))).toBe(true);
  expect(asarFiles).toEqual(['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/electron/print-preload.cjs', ...renderer, 'package.json'].sort());
});

/** The dev tools' config files, anywhere in the tree. */
const DEV_CONFIG =
  /(^|\/)(tsconfig[^/]*\.json|eslint\.config\.[cm]?js|vite\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|playwright\.config\.[cm]?[jt]s|package-lock\.json)$/;

test('nothing that must not ship is in app.asar', () => {
  // Implied by the exact list above; spelled out so a failure says what slipped in.
  const forbidden: Array<[string, RegExp]> = [
    ['node_modules (main.cjs carries its packages)', /(^|\/)node_modules\//],
    ['TypeScript sources', /\.(ts|tsx|mts|cts)$/],
    ['source maps', /\.map$/],
    ['precompressed copies (the web hosts send them; app:// does not)', /\.(br|gz)$/],
    ['end-to-end tests', /^e2e\//],
    ['unit tests and benchmarks', /\.(test|spec|bench)\.[cm]?[jt]sx?$/],
    ['dev config', DEV_CONFIG],
    ['host sources, content, build resources', /^(electron|renderer|content|build)\//],
    ['the CLI, web host and dev launcher (not needed by the app)', /^dist\/electron\/(cli|serve|start)\.cjs$/],
  ];
  for (const [what, pattern] of forbidden) {
    expect(
      asarFiles.filter((file) => pattern.test(file)),
      what,
    ).toEqual([]);
  }
});

test('package.json in app.asar points at main.cjs and has no dev parts', () => {
  const packed = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as Record<string, unknown>;
  expect(packed.main).toBe(pkg.main);
  expect(asarFiles).toContain(packed.main);
  expect(packed.name).toBe('clinic-entrance-kiosk');
  for (const key of ['devDependencies', 'scripts', 'build']) expect(Object.keys(packed), key).not.toContain(key);
});

test('main.cjs and the preloads need no npm package but electron', () => {
  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  // Also catches esbuild's __require and hand-written `_require` indirections.
  const bare = (file: string) =>
    [
      ...new Set(
        [
          ...extractFile(asar, file)
            .toString('utf8')
            .matchAll(/require\(\s*["']([^"'.][^"']*)["']\s*\)/g),
        ].map((match) => match[1]!),
      ),
    ]
      .filter((name) => !builtins.has(name))
      .sort();
  // esprima: js-yaml (under gray-matter) tries `_require('esprima')` inside try/catch, for an
  // unsafe YAML type (!!js/function) the kiosk never uses; without it js-yaml works as before.
  expect(bare('dist/electron/main.cjs')).toEqual(['electron', 'esprima']);
  expect(bare('dist/electron/preload.cjs')).toEqual(['electron']);
  expect(bare('dist/electron/print-preload.cjs')).toEqual(['electron']);
});

test('resources/ holds the content, the CLI and the systemd unit beside app.asar', () => {
  expect(readdirSync(resources).sort()).toEqual(['app.asar', 'content', 'linux', 'tools']);
  const content = filesUnder(join(root, 'content'));
  expect(filesUnder(join(resources, 'content'))).toEqual(content);
  expect(content).toContain('topics.json');
  expect(content).toContain('demo-config.json');
  // Compiled by npm run build: the kiosk starts from it, not from the Markdown.
  expect(content).toContain('library.bundle.json');
  expect(content.filter((file) => file.startsWith('handouts/') && file.endsWith('.md')).length).toBeGreaterThan(0);
  expect(filesUnder(join(resources, 'tools'))).toEqual(['kiosk-cli.cjs']);
  expect(readFileSync(join(resources, 'linux', UNIT), 'utf8')).toBe(readFileSync(join(root, 'build/linux', UNIT), 'utf8'));
});

test('the executable is named for Linux and its fuses are set for release', () => {
  const executable = join(app, EXECUTABLE);
  expect(EXECUTABLE).toBe('clinic-entrance-kiosk');
  expect(statSync(executable).mode & 0o111).not.toBe(0);
  expect(readFuses(executable)).toEqual(RELEASE_FUSES);
});

test('the shipped CLI checks configs with plain Node, no node_modules anywhere near it', async () => {
  const alone = mkdtempSync(join(work, 'cli-'));
  for (let dir = alone; dir !== dirname(dir); dir = dirname(dir)) {
    expect(existsSync(join(dir, 'node_modules')), `no node_modules in ${dir}`).toBe(false);
  }
  const cli = join(alone, 'kiosk-cli.cjs');
  writeFileSync(cli, readFileSync(join(resources, 'tools', 'kiosk-cli.cjs')));
  const env = { PATH: process.env.PATH ?? '', HOME: alone }; // no NODE_PATH, NODE_OPTIONS

  const demo = join(resources, 'content', 'demo-config.json');
  const valid = await run(process.execPath, [cli, 'check-config', demo], { cwd: alone, env });
  expect(valid.stderr).toBe('');
  expect(valid.code).toBe(0);
  expect(valid.stdout).toContain('valid');

  const config = JSON.parse(readFileSync(demo, 'utf8')) as { idle: Record<string, unknown> };
  config.idle.warnAfterSeconds = 'soon';
  const broken = join(alone, 'broken-config.json');
  writeFileSync(broken, JSON.stringify(config));
  const invalid = await run(process.execPath, [cli, 'check-config', broken], { cwd: alone, env });
  expect(invalid.code).not.toBe(0);
  expect(invalid.stderr).toContain('idle.warnAfterSeconds');
});

test('the deb installs the app where the systemd unit and install scripts look for it', async () => {
  const testInfo = test.info();
  test.setTimeout(10 * 60_000);
  // The deb needs a homepage and a maintainer; package.json has neither yet (build/README.md), so
  // this check supplies stand-ins. electron-builder stops before running fpm: nothing is downloaded.
  const needsMetadata = !pkg.homepage || !pkg.author;
  if (needsMetadata)
    testInfo.annotations.push({ type: 'note', description: 'package.json has no homepage/author: `npm run dist` stops at the deb until it has' });
  let fpmArgs: string[] = [];
  const scripts: Record<string, string> = {};
  await quietly(testInfo, 'electron-builder deb (fpm not run)', () =>
    build({
      projectDir: root,
      prepackaged: app,
      targets: Platform.LINUX.createTarget('deb'),
      config: {
        directories: { output: join(work, 'deb') },
        ...(needsMetadata && {
          extraMetadata: { homepage: 'https://example.invalid/kiosk', author: { name: 'Packaging test', email: 'test@example.invalid' } },
        }),
      },
      publish: 'never',
      // Called with fpm's arguments just before fpm would run; true stops there.
      effectiveOptionComputed: async ([args]: [string[]]) => {
        fpmArgs = args;
        for (const flag of ['--after-install', '--after-remove']) scripts[flag] = readFileSync(args[args.indexOf(flag) + 1]!, 'utf8');
        return true;
      },
    }),
  );
  expect(fpmArgs).toContain(`${app}/=${INSTALL_DIR}`);
  const unit = readFileSync(join(root, 'build/linux', UNIT), 'utf8');
  expect(unit).toContain(`ExecStart="${INSTALL_DIR}/${EXECUTABLE}"\n`);
  expect(unit).toMatch(/^Restart=on-failure$/m);
  expect(unit).toMatch(/^RestartSec=2$/m);
  expect(unit).toMatch(/^WantedBy=graphical-session\.target$/m);

  const install = scripts['--after-install']!;
  const remove = scripts['--after-remove']!;
  for (const script of [install, remove]) {
    expect(script).toContain(`APP_DIR='${INSTALL_DIR}'\n`);
    expect(script).toContain(`EXE='${EXECUTABLE}'\n`);
    expect(script).not.toContain('${'); // every macro filled in
    expect(spawnSync('bash', ['-n'], { input: script }).status, 'bash -n').toBe(0);
  }
  // The unit is copied from where resources/linux/ lands, then enabled for every user.
  expect(existsSync(join(app, 'resources', 'linux', UNIT))).toBe(true);
  expect(install).toContain('"$APP_DIR/resources/linux/$UNIT" "/usr/lib/systemd/user/$UNIT"');
  expect(install).toContain('systemctl --global enable "$UNIT"');
  expect(remove).toContain('systemctl --global disable "$UNIT"');
  expect(remove).toContain('rm -f "/usr/lib/systemd/user/$UNIT"');
  // What electron-builder's own after-install did, kept: the /usr/bin link and the sandbox helper.
  expect(install).toContain('update-alternatives --install "/usr/bin/$EXE"');
  expect(install).toContain('"$APP_DIR/chrome-sandbox"');
});

test('npm run dist:e2e keeps Node CLI inspect on, for Playwright, and nothing else differs', async () => {
  const testInfo = test.info();
  test.setTimeout(15 * 60_000);
  // The script's electron-builder arguments, with this test's stand-in and output folder.
  const script = pkg.scripts['dist:e2e']!;
  const [command, ...args] = script.slice(script.indexOf('electron-builder')).split(' ');
  expect(command).toBe('electron-builder');
  const output = join(work, 'release-e2e');
  const cliArgs = [
    ...args.filter((arg) => !arg.startsWith('-c.directories.output=')),
    '--linux',
    `-c.electronDist=${join(work, 'electron-dist')}`,
    `-c.directories.output=${output}`,
  ];
  const result = await run(join(root, 'node_modules/.bin/electron-builder'), cliArgs, { cwd: root });
  await testInfo.attach('electron-builder (dist:e2e)', { body: result.stdout + result.stderr, contentType: 'text/plain' });
  expect(result.code).toBe(0);
  expect(readFuses(join(unpackedDir(output), EXECUTABLE))).toEqual({ ...RELEASE_FUSES, enableNodeCliInspectArguments: true });
});
