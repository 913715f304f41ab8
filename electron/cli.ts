import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { configJsonSchema } from './services/config/config-json-schema';
import { loadConfigFile } from './services/config/config-loader';
import { hashPin } from './services/staff/pin-hash';

const USAGE = `Usage: node dist/electron/cli.cjs <command>
  hash-pin             asks for a staff PIN (not shown) and prints its hash for staff.pinHash
  check-config FILE    checks a config file; exit 0 when valid, else every problem and exit 1
  print-config-schema  prints the config's JSON Schema (committed as build/config.schema.json)`;

/** Reads one line; on a terminal nothing typed is shown. */
function readSecret(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const tty = process.stdin.isTTY;
  if (tty) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, output: tty ? muted : undefined, terminal: tty });
  return new Promise((resolve) => {
    rl.once('line', (line) => {
      resolve(line.trim()); // before close(), which fires 'close' at once
      if (tty) process.stderr.write('\n');
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });
}

async function main(args: string[]): Promise<number> {
  const [command, file] = args;
  switch (command) {
    case 'hash-pin': {
      const pin = await readSecret('Staff PIN (4 to 12 digits): ');
      if (!/^\d{4,12}$/.test(pin)) {
        console.error('A staff PIN is 4 to 12 digits. Nothing was printed.');
        return 1;
      }
      console.log(await hashPin(pin));
      return 0;
    }
    case 'check-config': {
      if (!file) break;
      const result = await loadConfigFile(file);
      if (result.ok) {
        console.log(`${file}: valid`);
        return 0;
      }
      for (const p of result.problems) console.error(`${file}: ${p.path}: ${p.message}`);
      return 1;
    }
    case 'print-config-schema':
      console.log(JSON.stringify(configJsonSchema(), null, 2));
      return 0;
  }
  console.error(USAGE);
  return 2;
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
