import matter from 'gray-matter';

/**
 * Safety checks on handout files: content is untrusted input. Markdown is scanned on the raw
 * text, without a Markdown parser, and deliberately stricter than Markdown: anything that could
 * be a tag, a link or an image is judged, even inside code spans, and a link address must
 * literally start with http:// or https:// (so an address hidden behind character references
 * such as `&#106;avascript:` is refused too). Used by the kiosk's loader and by `content check`.
 */

/** Something found at a 1-based line of the file, front matter included. */
export type Found = { line: number; level: 'error' | 'warning'; reason: string };

/**
 * Raw HTML, scripts, images and links that are not http(s), anywhere in a handout file (front
 * matter included: the warning body is Markdown too). Errors, except a plain http:// link (a
 * warning). The kiosk's loader refuses a file with any error found here.
 */
export function safetyProblems(text: string): Found[] {
  const found: Found[] = [];
  const lineAt = lineIndex(text);
  const add = (index: number, level: Found['level'], reason: string) => found.push({ line: lineAt(index), level, reason });

  // Tags, comments, and <scheme:...> or <a@b> autolinks. The loader treats any "<" + letter, "/",
  // "!" or "?" as raw HTML, so an https autolink is refused here too rather than pass the check
  // and then be left out by the kiosk.
  for (const m of text.matchAll(/<[A-Za-z!/?]/g)) {
    const rest = text.slice(m.index, m.index + 300);
    const autolink = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*>/.exec(rest);
    if (autolink) {
      const scheme = autolink[1]!.toLowerCase();
      if (scheme === 'http' || scheme === 'https')
        add(m.index, 'error', `autolink ${autolink[0]} is not allowed: write the link as [text](${autolink[0].slice(1, -1)})`);
      else add(m.index, 'error', `autolink to a "${scheme}:" address: only http(s) links are allowed`);
      continue;
    }
    if (/^<[^\s<>@]+@[^\s<>]+>/.test(rest)) {
      add(m.index, 'error', 'email autolink (a mailto: link): only http(s) links are allowed');
      continue;
    }
    if (rest.startsWith('<!--')) {
      add(m.index, 'error', 'raw HTML (an HTML comment) is not allowed');
      continue;
    }
    const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(rest);
    if (!tag) {
      add(m.index, 'error', `raw HTML (${rest.slice(0, 2)}...) is not allowed`);
      continue;
    }
    const name = tag[1]!.toLowerCase();
    // A closing tag adds nothing to the opening tag's problem on the same line.
    if (rest.startsWith('</') && found.some((f) => f.line === lineAt(m.index) && f.reason.includes(`<${name}>`))) continue;
    const inside = /^[^>]*/.exec(rest)![0];
    const handler = /\s(on[a-z]+)\s*=/i.exec(inside);
    if (name === 'script') add(m.index, 'error', '<script> is not allowed: content is never run');
    else add(m.index, 'error', `raw HTML <${name}> is not allowed${handler ? ` (it has an ${handler[1]!.toLowerCase()}= script)` : ''}`);
  }

  for (const m of text.matchAll(/!\[/g)) add(m.index, 'error', 'images are not allowed (the kiosk does not show them)');

  // Inline links and images: [text](address). The address may start on the next line.
  for (const m of text.matchAll(/\]\(\s*/g)) {
    const start = m.index + m[0].length;
    const address = linkAddress(text.slice(start, start + 2000));
    const problem = addressProblem(address);
    if (problem) add(start, problem.level, problem.reason);
  }

  // Link reference definitions: [label]: address (at a line start, in a quote or list item too).
  for (const m of text.matchAll(/^[ \t>*+\-0-9.)]*\[[^\]\n]+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S*)/gm)) {
    const address = m[1]!.startsWith('<') ? m[1]!.slice(1, -1) : m[1]!;
    const problem = addressProblem(address);
    if (problem) add(m.index + m[0].length - m[1]!.length, problem.level, `link definition: ${problem.reason}`);
  }

  return found.sort((a, b) => a.line - b.line);
}

/** The address of an inline link, from just after "(" and any space. */
function linkAddress(rest: string): string {
  if (rest.startsWith('<')) return rest.slice(1, Math.max(rest.indexOf('>'), 1));
  let depth = 0;
  let i = 0;
  for (; i < rest.length; i++) {
    const c = rest[i]!;
    if (/\s/.test(c)) break;
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return rest.slice(0, i);
}

function addressProblem(address: string): Omit<Found, 'line'> | undefined {
  if (/^https:\/\/\S/i.test(address)) return undefined;
  if (/^http:\/\/\S/i.test(address)) return { level: 'warning', reason: `plain http:// link (${address}): use https:// where the site has it` };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(address);
  if (scheme) return { level: 'error', reason: `link to a "${scheme[1]!.toLowerCase()}:" address: only http(s) links are allowed` };
  if (!address) return { level: 'error', reason: 'link without an address: only http(s) links are allowed' };
  return { level: 'error', reason: `link to "${address.slice(0, 60)}" is not an http(s) address` };
}

/** Maps a character index of `text` to its 1-based line. */
function lineIndex(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The end of the front matter: the 0-based index of its closing line, or -1. */
export function frontMatterEnd(lines: string[]): number {
  return lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l)) : -1;
}

/** Finds the 1-based line of a front-matter field (`credits.author`: the author line under credits); else 1. */
export function fieldLines(lines: string[], fmEnd: number): (path: PropertyKey[]) => number {
  return (path) => {
    const [top, sub] = path.map(String);
    if (top === undefined) return 1;
    const start = lines.findIndex((l, i) => i > 0 && i < fmEnd && new RegExp(`^${escapeRegExp(top)}\\s*:`).test(l));
    if (start === -1) return 1;
    if (sub !== undefined && !/^\d+$/.test(sub)) {
      for (let i = start + 1; i < fmEnd && /^\s/.test(lines[i]!); i++) if (new RegExp(`^\\s+${escapeRegExp(sub)}\\s*:`).test(lines[i]!)) return i + 1;
    }
    return start + 1;
  };
}

/**
 * Everything unsafe in a handout file: safetyProblems of its text, and of the front matter's text
 * fields as YAML decodes them (a "\x3c" escape in a quoted string is a "<"), at their field's
 * line. The kiosk's loader leaves out a file with any error here.
 */
export function handoutSafetyProblems(text: string): Found[] {
  const found = safetyProblems(text);
  const lines = text.split('\n');
  const fmEnd = frontMatterEnd(lines);
  let data: Record<string, unknown>;
  try {
    data = matter(text, {}).data;
  } catch {
    return found;
  }
  if (fmEnd === -1) return found;
  const lineOf = fieldLines(lines, fmEnd);
  const warning = data.warning && typeof data.warning === 'object' ? (data.warning as Record<string, unknown>) : {};
  for (const [path, value] of [
    [['title'], data.title],
    [['summary'], data.summary],
    [['warning', 'title'], warning.title],
    [['warning', 'body'], warning.body],
  ] as const) {
    if (typeof value !== 'string') continue;
    const line = lineOf([...path]);
    // Already found in the raw text (the field's own lines or below)? Then once is enough.
    for (const p of safetyProblems(value)) if (!found.some((f) => f.reason === p.reason && f.line >= line)) found.push({ ...p, line });
  }
  return found.sort((a, b) => a.line - b.line);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
