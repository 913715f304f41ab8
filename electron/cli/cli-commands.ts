import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { ConfigSchema } from '../contract/config';
import { configJsonSchema } from '../services/config/config-json-schema';
import { defaultConfigPath } from '../services/config/config-location';
import { loadConfigFile } from '../services/config/config-loader';
import { hashPin } from '../services/staff/pin-hash';
import { CONTENT_USAGE, runContentCommand } from './content-commands';
import DEMO_CONFIG from '../../content/demo-config.json';

export const USAGE = `Usage: node kiosk-cli.cjs <command>   (in a checkout: node dist/electron/cli.cjs <command>)
  check-config [FILE]    checks a config file (default: this OS's config location); exit 0 when
                         valid, else every problem with its field path and exit 1
  hash-pin               asks for a staff PIN (not shown) and prints its hash for staff.pinHash
  print-default-config   prints a starting config with every setting at its default
  print-config-schema    prints the config's JSON Schema (committed as build/config.schema.json)
${CONTENT_USAGE}`;

/** What a command reads and writes: the real process streams, or a test's. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Stands in for the staff PIN hash in the default config, and fails `check-config` until replaced. */
export const PIN_HASH_PLACEHOLDER = 'replace with the output of hash-pin';

/** Reads one line; on a terminal nothing typed is shown. */
function readSecret(prompt: string, io: CliIo): Promise<string> {
  const tty = io.stdin.isTTY === true;
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  if (tty) io.err(prompt);
  const rl = createInterface({ input: io.stdin, output: tty ? muted : undefined, terminal: tty });
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      resolve(line.trim()); // before close(), which fires 'close' at once
      if (tty) io.err('\n');
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });
}

/** The shipped demo config with every default filled in, and no usable PIN. */
function defaultConfig(): Record<string, unknown> {
  const { $schema: _schema, ...demo } = DEMO_CONFIG;
  const filled = ConfigSchema.parse(demo);
  return { ...filled, staff: { pinHash: PIN_HASH_PLACEHOLDER } };
}

/** Runs one command; the result is the process exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, file] = args;
  switch (command) {
    case 'hash-pin': {
      const pin = await readSecret('Staff PIN (4 to 12 digits): ', io);
      if (!/^\d{4,12}$/.test(pin)) {
        io.err('A staff PIN is 4 to 12 digits. Nothing was printed.\n');
        return 1;
      }
      io.out(`${await hashPin(pin)}\n`);
      return 0;
    }
    case 'check-config': {
      const path = file ?? defaultConfigPath(process.platform, process.env);
      const result = await loadConfigFile(path);
      if (result.ok) {
        io.out(`${path}: valid\n`);
        return 0;
      }
      for (const p of result.problems) io.err(`${path}: ${p.path}: ${p.message}\n`);
      return 1;
    }
    case 'print-default-config':
      io.out(`${JSON.stringify(defaultConfig(), null, 2)}\n`);
      io.err(
        `Set staff.pinHash with hash-pin, then check the file with check-config. Default location here: ${defaultConfigPath(process.platform, process.env)}\n`,
      );
      return 0;
    case 'print-config-schema':
      io.out(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      return 0;
    case 'content':
      // The shipped content/ is found from where this code runs: dist/electron or resources/tools.
      return runContentCommand(args.slice(1), io, __dirname);
  }
  io.err(`${USAGE}\n`);
  return 2;
}
