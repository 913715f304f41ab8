/**
 * What CUPS's commands print (`lpstat`, `ipptool`), read into plain values, and the words staff
 * see for what they say. Pure functions: the spooler runs the commands (with `LANG=C`).
 */

/** CUPS allows more, but this set needs no quoting anywhere and cannot look like an option. */
export const PRINTER_NAME = /^(?!-)[A-Za-z0-9_.-]{1,127}$/;

/**
 * What backends and CUPS say when the printer cannot be reached. Seen on Debian 12 / CUPS 2.4:
 * the socket backend to a closed port says "The printer may not exist or is unavailable at this
 * time."; the ipp backend "Unable to connect to printer; will retry in 30 seconds."; usb
 * "Waiting for printer to become available." is a busy printer, not an offline one.
 */
export const OFFLINE_MESSAGE = new RegExp(
  [
    'unable to connect',
    'not responding',
    'may not exist or is unavailable',
    'connection refused',
    'not connected',
    'unable to locate printer',
    'host is down',
    'no route to host',
    'network is unreachable',
    'printer is offline',
    'is unreachable',
  ].join('|'),
  'i',
);
/** CUPS titles are short anyway; a longer one is cut. */
const MAX_TITLE_LENGTH = 100;
/** Messages CUPS itself puts on a stopped or rejecting queue: they explain nothing. */
const EMPTY_MESSAGES = new Set(['reason unknown', 'paused', 'rejecting jobs']);

/** A print queue as `lpstat -l -p PRINTER` shows it. */
export interface CupsQueueState {
  state: 'idle' | 'printing' | 'stopped' | 'holding' | 'unknown';
  /** The job being printed (e.g. `kiosk-pdf-12`) when `state` is `printing`. */
  job?: string;
  /** printer-state-message: the last words of CUPS or the backend; '' when none or meaningless. */
  message: string;
  /** printer-state-reasons from the "Alerts:" line (empty for "none"). */
  reasons: string[];
}

/** A job as `lpstat [-l] -o` or `lpstat [-l] -W completed -o` shows it. */
export interface JobEntry {
  id: string;
  /** job-originating-user-name, as lpstat shows it. */
  user: string;
  /** When CUPS made the job (lpstat's local date), NaN when it cannot be read. */
  createdAt: number;
  /** job-printer-state-message (the "Status:" line of `-l`), '' when none. */
  message: string;
  /** job-state-reasons (the "Alerts:" line of `-l`), empty for "none" or without `-l`. */
  reasons: string[];
}

/** Whether a queue takes new jobs, as `lpstat -a PRINTER` shows it. */
export interface AcceptingStatus {
  accepting: boolean;
  /** The reason given to `cupsreject -r`, '' when none. */
  message: string;
}

/** A job as ipptool's Get-Job-Attributes shows it. */
export interface IppJob {
  /** IPP job-state keyword: pending, pending-held, processing, processing-stopped, canceled, aborted, completed. */
  state: string;
  reasons: string[];
  message: string;
  /** job-preserved: CUPS keeps the job's document after it ended. */
  preserved?: boolean;
}

/**
 * Parses `lpstat -l -p PRINTER` (or `lpstat -p PRINTER`, then without reasons): the state line,
 * the indented message after it, and the "Alerts:" line. Undefined when the printer is not listed.
 */
export function parseQueueState(stdout: string, printer: string): CupsQueueState | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`printer ${printer} `));
  if (start < 0) return undefined;
  const head = lines[start]!.slice(`printer ${printer} `.length);
  const block = indentedBlock(lines, start);

  const status: CupsQueueState = { state: 'unknown', message: '', reasons: [] };
  const printing = /^now printing (\S+)\.(\s|$)/.exec(head);
  if (printing) {
    status.state = 'printing';
    status.job = printing[1];
  } else if (/^is idle\./.test(head)) {
    status.state = 'idle';
  } else if (/^is holding new jobs\./.test(head)) {
    status.state = 'holding';
  } else if (/^disabled since /.test(head)) {
    status.state = 'stopped';
  }
  // lpstat prints the message (if any) first, then the -l fields "Form mounted:", ... "Alerts:".
  const first = block[0];
  if (first !== undefined && !/^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface):/.test(first)) {
    status.message = meaningful(first);
  }
  const alerts = block.find((line) => line.startsWith('Alerts:'));
  if (alerts) status.reasons = words(alerts.slice('Alerts:'.length));
  return status;
}

/** Every job in `lpstat [-l] -o` or `lpstat [-l] -W completed -o` output. */
export function parseJobs(stdout: string): JobEntry[] {
  const lines = stdout.split('\n');
  const jobs: JobEntry[] = [];
  lines.forEach((line, start) => {
    const head = /^(\S+)\s+(\S+)\s+\d+\s+(.+?)\s*$/.exec(line);
    if (!head) return;
    const block = indentedBlock(lines, start);
    const field = (name: string): string | undefined =>
      block
        .find((entry) => entry.startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    jobs.push({
      id: head[1]!,
      user: head[2]!,
      // lpstat writes the local time as "Thu Dec  3 14:06:51 2026", which Date reads as local time.
      createdAt: Date.parse(head[3]!),
      message: field('Status') ?? '',
      reasons: words(field('Alerts') ?? ''),
    });
  });
  return jobs;
}

/** Finds one job in `lpstat [-l] -o` or `lpstat [-l] -W completed -o` output. */
export function findJob(stdout: string, jobId: string): JobEntry | undefined {
  return parseJobs(stdout).find((job) => job.id === jobId);
}

/** Parses `lpstat -a PRINTER`. Undefined when the printer is not listed. */
export function parseAccepting(stdout: string, printer: string): AcceptingStatus | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${printer} `));
  if (start < 0) return undefined;
  const head = lines[start]!.slice(printer.length + 1);
  const accepting = /^accepting requests/.test(head);
  const message = accepting ? '' : meaningful(indentedBlock(lines, start)[0] ?? '');
  return { accepting, message };
}

/** Parses `ipptool -tv URI get-job-attributes.test`. Undefined without a job-state. */
export function parseIppJob(stdout: string): IppJob | undefined {
  const attribute = (name: string): string | undefined => new RegExp(`^\\s*${name} \\([^)]*\\) = (.*)$`, 'm').exec(stdout)?.[1]?.trim();
  const state = attribute('job-state');
  if (!state) return undefined;
  const preserved = attribute('job-preserved');
  return {
    state,
    reasons: (attribute('job-state-reasons') ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r && r !== 'none'),
    message: attribute('job-printer-state-message') ?? '',
    ...(preserved !== undefined && { preserved: preserved === 'true' }),
  };
}

/** Queue names from `lpstat -e`, skipping instances ("name/instance") and names the spooler refuses. */
export function parseDestinations(stdout: string): string[] {
  const names = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => PRINTER_NAME.test(name));
  return [...new Set(names)];
}

const DEFAULT_PORTS: Record<string, number> = { socket: 9100, ipp: 631, ipps: 631, http: 80, https: 443, lpd: 515 };

/**
 * The network address a queue prints to, from `lpstat -v PRINTER` ("device for q: socket://10.0.0.5:9100"),
 * or undefined for a device that is not a plain network address (usb, cups-pdf, dnssd, ...).
 */
export function parseNetworkDevice(stdout: string, printer: string): { host: string; port: number } | undefined {
  const uri = new RegExp(`^device for ${printer.replace(/[.]/g, '\\.')}: (\\S+)`, 'm').exec(stdout)?.[1];
  if (!uri) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const scheme = url.protocol.replace(/:$/, '');
  const defaultPort = DEFAULT_PORTS[scheme];
  if (defaultPort === undefined || !url.hostname || url.hostname.endsWith('.local')) return undefined;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : defaultPort };
}

/**
 * Why the printer cannot print now, in words staff can act on, or undefined when nothing in its
 * status says so. A message about the connection counts only while the printer is printing:
 * an idle printer may keep the words of a job long gone.
 */
export function printerProblem(printer: string, status: CupsQueueState): string | undefined {
  const has = (pattern: RegExp): boolean => status.reasons.some((reason) => pattern.test(reason));
  if (status.state === 'stopped') return `Printer ${printer} is stopped${status.message ? ` (${status.message})` : ''}`;
  // A "-report" or "-warning" reason is news, not a stop: the printer goes on.
  if (has(/^(media-empty|media-needed)(-error)?$/)) return `Printer ${printer} is out of paper`;
  if (has(/^media-jam(-error)?$/)) return `Printer ${printer} has a paper jam`;
  if (has(/^offline(-report|-error|-warning)?$/) || (status.state === 'printing' && OFFLINE_MESSAGE.test(status.message))) {
    return offline(printer);
  }
  if (status.state === 'holding') return `Printer ${printer} is holding new jobs`;
  return undefined;
}

export function offline(printer: string): string {
  return `Printer ${printer} is offline or unreachable`;
}

export function notAccepting(printer: string, message: string): string {
  return `Printer ${printer} is not accepting jobs${message ? ` (${message})` : ''}`;
}

export function couldNotPrint(printer: string, message: string): string {
  const detail = meaningful(message).slice(0, 160);
  return `Printer ${printer} could not print the job${detail ? ` (${detail})` : ''}`;
}

/** A job CUPS has forgotten: it may have printed. */
export function noRecordOf(jobId: string): string {
  return (
    `CUPS no longer has a record of job ${jobId} (its printer was removed, or CUPS keeps no job history): ` +
    'it may have printed. Check the tray before printing it again'
  );
}

/** For IT: CUPS keeps the documents of finished jobs (printed health handouts at rest), and how to stop it. */
export function keptJobFiles(why: string): string {
  return (
    `CUPS keeps the documents of the kiosk's finished print jobs and the kiosk cannot remove them (${why}): ` +
    'set "PreserveJobFiles No" and "PreserveJobHistory 300" in cupsd.conf'
  );
}

/** Without ipptool: what lpstat's job reasons say about a "completed" job, when they say it. */
export function stateFromReasons(reasons: string[]): string {
  if (reasons.some((r) => /^job-canceled-/.test(r))) return 'canceled';
  if (reasons.some((r) => /^(aborted-by-system|job-aborted-)/.test(r))) return 'aborted';
  return 'completed';
}

/** The first non-empty line, trimmed. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ''
  );
}

/** The indented lines after `lines[start]`, trimmed. */
function indentedBlock(lines: string[], start: number): string[] {
  const block: string[] = [];
  for (let i = start + 1; i < lines.length && /^\s/.test(lines[i]!); i++) block.push(lines[i]!.trim());
  return block;
}

function meaningful(message: string): string {
  const text = message.trim();
  return EMPTY_MESSAGES.has(text.toLowerCase()) ? '' : text;
}

function words(text: string): string[] {
  return text.split(/[\s,]+/).filter((word) => word && word !== 'none');
}

/** The queue and number of a CUPS job id (`queue-12`), or undefined when it is not one. */
export function parseJobId(id: string): { queue: string; number: string } | undefined {
  const match = /^(.+)-(\d{1,10})$/.exec(id);
  return match && PRINTER_NAME.test(match[1]!) ? { queue: match[1]!, number: match[2]! } : undefined;
}

/** The number of a CUPS job id, or undefined when it is not one. */
export function jobNumber(id: string): string | undefined {
  return parseJobId(id)?.number;
}

/** The queue of a job id known to be one. */
export function queueOf(id: string): string {
  return parseJobId(id)!.queue;
}

/** Out of paper or a jam: a printer fixed by hand goes on with the job it was printing. */
export function mediaProblem(reasons: string[]): boolean {
  return reasons.some((reason) => /^(media-empty|media-needed|media-jam)(-error)?$/.test(reason));
}

/** Control characters could break the queue listing; CUPS titles are short anyway. */
export function sanitizeTitle(title: string): string {
  const clean = String(title)
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...clean].slice(0, MAX_TITLE_LENGTH).join('').trim() || 'Kiosk print';
}
