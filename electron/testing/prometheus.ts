import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** What parse-prometheus-text-format returns (it ships no types). Values stay strings. */
export interface MetricFamily {
  name: string;
  help: string;
  type: string;
  metrics: Array<{ value: string; labels?: Record<string, string> }>;
}

/** For tests: a Prometheus text parser that is not ours, so the format is checked by someone else's reading. */
export const parsePrometheusText = createRequire(import.meta.url)('parse-prometheus-text-format') as (text: string) => MetricFamily[];

/**
 * For tests: runs Prometheus's own checker (`promtool check metrics`) on `text`. Resolves with its
 * output, which is empty when the text parses and has no lint complaints. A missing promtool is a
 * failure that names the package to install, never a skip.
 */
export function promtoolCheck(text: string, binary = 'promtool'): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(`${binary} not found: install the Debian package "prometheus" (apt-get install prometheus); CI installs it`)
          : error,
      );
    });
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.on('error', () => {}); // a missing binary closes stdin; the 'error' above says why
    child.stdin.end(text);
  });
}
