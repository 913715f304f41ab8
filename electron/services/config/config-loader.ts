import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigSchema, type KioskConfig, type PublicConfig } from '../../contract/config';
import type { ConfigProblem } from '../../contract/channels';
import { languagesWithoutStrings } from './ui-languages';

/** The outcome of reading a config file: the whole config, or every problem with its field path. */
export type ConfigLoad = { ok: true; config: KioskConfig; source: string } | { ok: false; problems: ConfigProblem[]; source: string };

/** Turns zod issues into "field.path: problem" pairs that IT can act on. */
export function describeIssues(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.join('.') : '(top level)',
    message: issue.message,
  }));
}

/** Validates an already-parsed JSON value as a kiosk config. */
export function parseConfig(value: unknown, source: string): ConfigLoad {
  const parsed = ConfigSchema.safeParse(value);
  const problems = [
    ...languagesWithoutStrings(typeof value === 'object' && value !== null ? (value as { languages?: unknown }).languages : undefined),
    ...(parsed.success ? [] : describeIssues(parsed.error)),
  ];
  return parsed.success && problems.length === 0 ? { ok: true, config: parsed.data, source } : { ok: false, problems, source };
}

/** Reads and validates a config file. Never throws: unreadable or invalid files come back as problems. */
export async function loadConfigFile(path: string): Promise<ConfigLoad> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ok: false, source: path, problems: [{ path: '(file)', message: `cannot read the config file (${code})` }] };
  }
  let json: unknown;
  try {
    // Windows PowerShell 5 writes UTF-8 with a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, source: path, problems: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return resolvePaths(parseConfig(json, path), dirname(resolve(path)));
}

/** Folders in a config are relative to the config file, not to wherever the kiosk was started. */
function resolvePaths(load: ConfigLoad, base: string): ConfigLoad {
  if (!load.ok) return load;
  const { config } = load;
  const spooler = config.print.spooler;
  const tls = config.remoteStaff?.tls;
  return {
    ...load,
    config: {
      ...config,
      handouts: { ...config.handouts, ...(config.handouts.contentDir && { contentDir: resolve(base, config.handouts.contentDir) }) },
      print: { ...config.print, ...(spooler?.type === 'folder' && { spooler: { ...spooler, folder: resolve(base, spooler.folder) } }) },
      ...(config.remoteStaff && {
        remoteStaff: { ...config.remoteStaff, ...(tls && { tls: { cert: resolve(base, tls.cert), key: resolve(base, tls.key) } }) },
      }),
    },
  };
}

/** The part of the config the touch UI may see: no PIN hash, no host paths or printer names. */
export function toPublicConfig(config: KioskConfig): PublicConfig {
  return {
    clinic: config.clinic,
    languages: config.languages,
    defaultLanguage: config.defaultLanguage,
    visitorPolicy: config.visitorPolicy,
    screening: config.screening,
    idle: config.idle,
    // The rules stay on the host, which answers content:suggest.
    handouts: { maxPerSession: config.handouts.maxPerSession, askReason: config.handouts.askReason },
    paper: config.print.paper,
  };
}
