import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { LanguageSchema } from '../contract/config';
import { checkContent, findShippedContent, formatReport, type CheckOptions } from '../services/content/content-check';
import { writeImportedContent } from '../services/content/content-writer';
import { buildBundle } from '../services/content/library-bundle';
import { importMarkdownFolder } from '../services/content/markdown-import';
import { importMedlinePlus } from '../services/content/medlineplus-import';

export const CONTENT_USAGE = `  content check [DIR] [--stale-months N] [--languages en,es]
                         checks a content folder (default: the one shipped beside this tool):
                         front matter, related ids, translations, stale dates, reading grade, and
                         unsafe Markdown (raw HTML, scripts, images, links that are not http(s));
                         prints file:line: level: reason, then a summary; exit 1 on any error
  content build [DIR]
                         compiles a content folder (default: the shipped one) into
                         DIR/library.bundle.json: every handout checked once and the search index
                         built, so the kiosk starts fast with any number of handouts; a handout
                         that fails is left out and listed (exit 1), the rest are built
  content import medlineplus FILE.xml --out DIR
                         MedlinePlus health-topic XML (public domain, English and Spanish) into
                         handouts in the content folder DIR, with the MedlinePlus credit, the
                         online address and review: sample; then checks and builds DIR
  content import markdown SOURCE --out DIR
                         a clinic's own library (topics.json and <id>.<lang>.md files) into DIR:
                         each file checked as the kiosk checks it; then checks and builds DIR`;

type Io = { out: (text: string) => void; err: (text: string) => void };

/** Checks `dir` and prints the report; the exit code is 1 when it has an error. */
async function check(dir: string, options: CheckOptions, io: Io): Promise<number> {
  const report = await checkContent(dir, options);
  const text = formatReport(report, dir);
  if (report.problems.some((p) => p.level === 'error')) {
    io.err(text);
    return 1;
  }
  io.out(text);
  return 0;
}

/** "3 en, 2 es" (or "none"): how many handout files each language has. */
function countByLanguage(handouts: ReadonlyArray<{ lang: string }>): string {
  const langs = [...new Set(handouts.map((h) => h.lang))].sort();
  return langs.map((lang) => `${handouts.filter((h) => h.lang === lang).length} ${lang}`).join(', ') || 'none';
}

/** Compiles `dir` into its bundle and says what it holds; the exit code is 1 when a handout file was left out. */
async function build(dir: string, io: Io): Promise<number> {
  let built;
  try {
    built = await buildBundle(dir);
  } catch (error) {
    io.err(`${dir}: cannot build the bundle: ${(error as Error).message}\n`);
    return 1;
  }
  const { handouts, problems } = built.library.toParts();
  io.out(`Built ${built.file}: ${handouts.length} handouts (${countByLanguage(handouts)}), version ${built.library.version}.\n`);
  // A problem with a handout that is in (a related one missing in a language) is a warning: "content check" lists those.
  const inBundle = new Set(handouts.map((h) => `${h.id}.${h.lang}.md`));
  const leftOut = problems.filter((p) => !inBundle.has(p.file));
  if (leftOut.length === 0) return 0;
  io.err(
    `${leftOut.map((p) => `${p.file}: left out: ${p.message}`).join('\n')}\n${leftOut.length} handout file(s) left out; "content check ${dir}" says more.\n`,
  );
  return 1;
}

/** `content check`, `content build` and `content import`; the result is the exit code. `toolDir` is where this code runs, to find the shipped content. */
export async function runContentCommand(args: string[], io: Io, toolDir: string): Promise<number> {
  const usage = () => {
    io.err(`Usage:\n${CONTENT_USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { 'stale-months': { type: 'string' }, languages: { type: 'string' }, out: { type: 'string' } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n`);
    return usage();
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;

  const options: CheckOptions = {};
  if (values['stale-months'] !== undefined) {
    const n = Number(values['stale-months']);
    if (!Number.isInteger(n) || n < 1) {
      io.err('--stale-months needs a whole number of months, 1 or more\n');
      return 2;
    }
    options.staleMonths = n;
  }
  if (values.languages !== undefined) {
    const langs = values.languages
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!langs.length || langs.some((l) => !LanguageSchema.safeParse(l).success)) {
      io.err('--languages needs language codes separated by commas, such as en,es or en,pt-BR\n');
      return 2;
    }
    options.languages = langs;
  }

  if ((command === 'check' || command === 'build') && rest.length <= 1 && !values.out) {
    const dir = rest[0] ?? findShippedContent(toolDir);
    if (dir === undefined) {
      io.err(`No content folder found beside this tool (${toolDir}); name one: content ${command} DIR\n`);
      return 2;
    }
    return command === 'check' ? check(dir, options, io) : build(dir, io);
  }

  const [kind, source] = rest;
  if (command !== 'import' || rest.length !== 2 || !values.out || (kind !== 'medlineplus' && kind !== 'markdown')) return usage();
  let imported;
  try {
    imported = kind === 'medlineplus' ? importMedlinePlus(await readFile(source!, 'utf8')) : await importMarkdownFolder(source!);
    await writeImportedContent(values.out, imported.handouts, imported.topics);
  } catch (error) {
    io.err(`${source}: ${(error as Error).message}\n`);
    return 1;
  }
  io.out(`Imported ${imported.handouts.length} handout files (${countByLanguage(imported.handouts)}) into ${values.out}.\n`);
  const skipped: Array<{ title?: string; file?: string; reason: string }> = imported.skipped;
  for (const s of skipped) io.out(`skipped ${s.title ?? s.file}: ${s.reason}\n`);
  const checked = await check(values.out, options, io);
  const built = await build(values.out, io);
  return Math.max(checked, built);
}
