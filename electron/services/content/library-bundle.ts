import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AsPlainObject } from 'minisearch';
import { z } from 'zod';
import { LanguageSchema, type Language } from '../../contract/config';
import { HandoutSchema, TopicLabelsSchema } from '../../contract/content';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../log';
import { HandoutLibrary } from './handout-library';
import { HandoutSearch } from './handout-search';

/** The compiled library, beside the Markdown it was built from. */
export const BUNDLE_FILE = 'library.bundle.json';

/** Raised when the bundle's layout changes: an older bundle is then ignored and the Markdown read. */
const BUNDLE_FORMAT = 2;

/**
 * A content folder compiled once: every handout already parsed and checked, the problems found
 * then, and each language's search index ready to load. Checked again when read, since the file
 * may have been edited or cut short since it was written.
 */
const BundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.string().regex(/^[0-9a-f]{12}$/),
    topicLabels: TopicLabelsSchema,
    handouts: z.array(HandoutSchema),
    problems: z.array(z.object({ file: z.string(), message: z.string() })),
    // MiniSearch checks its own layout when it loads one.
    search: z.partialRecord(
      LanguageSchema,
      z.custom<AsPlainObject>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
    ),
  })
  .strict();
type Bundle = z.infer<typeof BundleSchema>;

/** Reads and checks every file in `dir`, builds the search indexes and writes `dir/library.bundle.json`. */
export async function buildBundle(dir: string): Promise<{ library: HandoutLibrary; file: string }> {
  const library = await HandoutLibrary.load(dir);
  const bundle: Bundle = { format: BUNDLE_FORMAT, ...library.toParts(), search: HandoutSearch.build(library).save() };
  const file = join(dir, BUNDLE_FILE);
  // A kiosk starting meanwhile reads the old bundle or the new, never half of one.
  await writeFileAtomic(file, JSON.stringify(bundle), 0o644);
  return { library, file };
}

export interface LoadedContent {
  library: HandoutLibrary;
  search: HandoutSearch;
  /**
   * Settles when the work left for after start is done: from a bundle, the other languages'
   * search indexes loaded and the bundle compared with the files beside it. At once otherwise.
   */
  afterStart: Promise<{ bundleStale: boolean }>;
}

/**
 * The library in `dir`: from its bundle when there is a usable one (fast, whatever the size),
 * else from the Markdown (seconds for thousands of handouts). From a bundle, only the `first`
 * language's search index loads before the kiosk is ready; the others load once `hostStarted`
 * settles (the host answers requests by then), one language at a time. Then the bundle is
 * compared with the files beside it (that reads every file): `afterStart` says whether they
 * differ, and the caller loads again with `skipBundle` to show the files as they are.
 */
export async function loadContent(
  dir: string,
  log: Logger,
  first: Language,
  skipBundle = false,
  hostStarted: Promise<void> = Promise.resolve(),
): Promise<LoadedContent> {
  const started = performance.now();
  const file = join(dir, BUNDLE_FILE);
  const bundle = skipBundle ? undefined : await readBundle(file, log);
  if (bundle) {
    try {
      const library = HandoutLibrary.fromParts(bundle);
      const indexStarted = performance.now();
      const search = HandoutSearch.load(library, bundle.search, first, (lang, problem) =>
        log.warn('content-bundle-unusable', { file, problem: `${lang} search index: ${problem}`, then: 'building that index from the handouts' }),
      );
      log.info('content-loaded', { source: 'bundle', handouts: bundle.handouts.length, loadMs: ms(started), indexMs: ms(indexStarted), indexLanguage: first });
      return { library, search, afterStart: afterStart(dir, library, search, log, hostStarted) };
    } catch (error) {
      log.warn('content-bundle-unusable', { file, problem: (error as Error).message, then: 'reading the Markdown files' });
    }
  }
  const library = await HandoutLibrary.load(dir);
  const indexStarted = performance.now();
  const search = HandoutSearch.build(library);
  log.info('content-loaded', { source: 'markdown', handouts: library.toParts().handouts.length, loadMs: ms(started), indexMs: ms(indexStarted) });
  if (skipBundle) {
    library.addProblem({
      file: BUNDLE_FILE,
      message:
        'out of date: the kiosk reads the handout files instead, which is slower to start; run "content build" on the content folder, then restart the kiosk',
    });
  }
  return { library, search, afterStart: Promise.resolve({ bundleStale: false }) };
}

/** The bundle in `file`, or undefined (logged) when there is none or it cannot be used. */
async function readBundle(file: string, log: Logger): Promise<Bundle | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') log.info('content-not-compiled', { file, advice: 'run "content build" on the folder for a faster start' });
    else log.warn('content-bundle-unusable', { file, problem: (error as Error).message, then: 'reading the Markdown files' });
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    log.warn('content-bundle-unusable', { file, problem: `not JSON: ${(error as Error).message}`, then: 'reading the Markdown files' });
    return undefined;
  }
  const parsed = BundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue && `${issue.path.join('.') || 'bundle'}: ${issue.message}`;
    log.warn('content-bundle-unusable', { file, problem, then: 'reading the Markdown files' });
    return undefined;
  }
  return parsed.data;
}

async function afterStart(
  dir: string,
  library: HandoutLibrary,
  search: HandoutSearch,
  log: Logger,
  hostStarted: Promise<void>,
): Promise<{ bundleStale: boolean }> {
  await hostStarted;
  let loading = 0;
  // A language per turn, so requests that arrive meanwhile are answered between them.
  for (const lang of library.languages()) {
    await new Promise((resolve) => setImmediate(resolve));
    const began = performance.now();
    search.loadAll([lang]);
    loading += performance.now() - began;
  }
  log.info('content-indexes-loaded', { ms: Math.round(loading) });
  return { bundleStale: await differsFromFolder(dir, library, log) };
}

/** Whether the files in `dir` are not the ones the bundle was built from (by their contents, not their times). */
async function differsFromFolder(dir: string, library: HandoutLibrary, log: Logger): Promise<boolean> {
  let version: string;
  try {
    version = await HandoutLibrary.sourceVersion(dir);
  } catch (error) {
    log.warn('content-bundle-unchecked', { folder: dir, cause: (error as Error).message });
    return false;
  }
  if (version === library.version) return false;
  log.warn('content-bundle-stale', { file: join(dir, BUNDLE_FILE), bundle: library.version, folder: version });
  library.addProblem({
    file: BUNDLE_FILE,
    message:
      'the handout files changed after this bundle was built: the kiosk is reading the files and shows them once no one is using it; ' +
      'run "content build" on the content folder',
  });
  return true;
}

function ms(since: number): number {
  return Math.round(performance.now() - since);
}
