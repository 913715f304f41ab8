import { join } from 'node:path';
import type { KioskState } from '../../contract/channels';
import { PSEUDO_LANGUAGES, type KioskConfig } from '../../contract/config';
import type { ContentRules } from '../../contract/content';
import type { ContentProblem, HandoutLibrary } from '../content/handout-library';
import type { HandoutSearch } from '../content/handout-search';
import { loadContent, type LoadedContent } from '../content/library-bundle';
import { loadContentRules, ruleWarnings, RULES_FILE, Suggestions } from '../content/suggestions';
import type { Logger } from '../log';
import { CupsSpooler } from '../printing/cups-spooler';
import { FolderSpooler } from '../printing/folder-spooler';
import type { PrintSpooler } from '../printing/print-spooler';
import { loadConfigFile } from './config-loader';

/** What loading a kiosk needs from its host. */
export interface KioskLoadOptions {
  /** The clinic's config file; without it the shipped demo config is used. */
  configPath?: string;
  /** The shipped content folder (handouts, topics, demo config). */
  contentDir: string;
  /** Where counts and default PDF output live (Electron's userData, or a folder for the web host). */
  dataDir: string;
  /** The Electron host's `electron` spooler (webContents.print); absent in the web host. */
  electronSpooler?: (printer: string) => PrintSpooler;
  /** Settles once the host answers requests: loading left for after start (other languages' search indexes) waits for it. */
  started?: Promise<void>;
}

/** The config in force: a ready kiosk, or out of service with every problem named. */
export type Loaded =
  | {
      ok: true;
      config: KioskConfig;
      library: HandoutLibrary;
      search: HandoutSearch;
      /** From a bundle: settles once it has been compared with the handout files. */
      afterStart: LoadedContent['afterStart'];
      /** The content's rules.json (visit reasons, rules) and what was wrong with it. */
      contentRules: { value: ContentRules; problems: ContentProblem[] };
      suggestions: Suggestions;
      spooler: PrintSpooler;
      source: string;
    }
  | { ok: false; state: Extract<KioskState, { status: 'out-of-service' }> };

/** A loaded kiosk ready to take people. */
export type Ready = Extract<Loaded, { ok: true }>;

/**
 * Loads the config and its content, logging every problem; `skipBundle` reads the handout files
 * even where a bundle is. Never throws: a config or content that cannot be used is out of service.
 */
export async function loadKiosk(options: KioskLoadOptions, log: Logger, skipBundle = false): Promise<Loaded> {
  const result = await loadConfigFile(options.configPath ?? join(options.contentDir, 'demo-config.json'));
  if (!options.configPath) log.warn('config-demo', { message: 'no --config or KIOSK_CONFIG given: running the demo config (staff PIN 1234)' });
  if (!result.ok) {
    for (const problem of result.problems) log.error('config-invalid', { file: result.source, field: problem.path, problem: problem.message });
    return { ok: false, state: { status: 'out-of-service', reason: 'config', source: result.source, problems: result.problems } };
  }
  const config = result.config;
  const contentDir = config.handouts.contentDir ?? options.contentDir;
  let content: LoadedContent;
  try {
    content = await loadContent(contentDir, log, config.defaultLanguage, skipBundle, options.started);
  } catch (error) {
    const message = `cannot read the content folder: ${(error as Error).message}`;
    log.error('content-unreadable', { folder: contentDir, cause: message });
    return { ok: false, state: { status: 'out-of-service', reason: 'content', source: contentDir, problems: [{ path: 'handouts.contentDir', message }] } };
  }
  const { library, search, afterStart } = content;
  for (const problem of library.problems) log.warn('content-problem', { file: problem.file, problem: problem.message });
  // Allowed, but worth IT's notice: a test language patients would find odd, or one with no handouts yet.
  for (const lang of config.languages) {
    if ((PSEUDO_LANGUAGES as readonly string[]).includes(lang))
      log.warn('config-test-language', { lang, message: 'a pseudo-locale made from English, for testing' });
    if (!library.languages().includes(lang)) log.warn('content-language-missing', { lang, folder: contentDir });
  }
  const contentRules = await loadContentRules(contentDir);
  for (const problem of contentRules.problems) log.error('content-rules-invalid', { file: problem.file, problem: problem.message });
  // The config's rules are read first, so a clinic's own rules come before the content's.
  const ruleSets = [
    { at: 'handouts.rules', rules: config.handouts.rules },
    { at: `${RULES_FILE}: rules`, rules: contentRules.value.rules },
  ];
  for (const warning of ruleWarnings(ruleSets, contentRules.value.reasons, library, config.languages)) {
    log.warn('suggestion-rule-unknown', { rule: warning.path, problem: warning.message });
  }
  const suggestions = new Suggestions(
    library,
    ruleSets.flatMap((set) => set.rules),
  );
  if (config.print.spooler?.type === 'electron' && !options.electronSpooler) {
    const problem = { path: 'print.spooler.type', message: 'the "electron" spooler works only in the Electron app; use "cups" or "folder" here' };
    log.error('config-invalid', { file: result.source, field: problem.path, problem: problem.message });
    return { ok: false, state: { status: 'out-of-service', reason: 'config', source: result.source, problems: [problem] } };
  }
  if (!config.print.spooler) {
    // The demo's way to print without a printer: fine for a try-out, not at a clinic's door.
    log.warn('print-to-folder', {
      folder: join(options.dataDir, 'printed'),
      message: 'no print.spooler in the config: every print is a PDF kept in this folder until something removes it',
    });
  }
  log.info('kiosk-loaded', { config: result.source, content: contentDir, contentVersion: library.version });
  return { ok: true, config, library, search, afterStart, contentRules, suggestions, spooler: createSpooler(config, options, log), source: result.source };
}

/** Picks the spooler the config names; without one, PDFs go to a folder in the data folder. */
function createSpooler(config: KioskConfig, options: KioskLoadOptions, log: Logger): PrintSpooler {
  const spooler = config.print.spooler;
  switch (spooler?.type) {
    case 'cups':
      return new CupsSpooler(spooler.printer, { onKeptJobs: (detail) => log.warn('cups-keeps-jobs', { printer: spooler.printer, detail }) });
    case 'electron':
      return options.electronSpooler!(spooler.printer);
    case 'folder':
      return new FolderSpooler(spooler.folder);
    case undefined:
      return new FolderSpooler(join(options.dataDir, 'printed'));
  }
}
