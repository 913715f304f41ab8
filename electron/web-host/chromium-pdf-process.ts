import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from '../services/log';
import type { PdfRenderer } from '../services/printing/pdf-renderer';
import { PdfAnswerSchema, type PdfRequest } from './pdf-process-messages';

/** A request the PDF process has not answered within this is given up, and the process restarted. */
const ANSWER_TIMEOUT_MS = 60_000;

type Waiting = { resolve: (pdf: Uint8Array | undefined) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/**
 * The web host's PDF step, in a process of its own (`pdf-process.ts`, which runs the warm print
 * page in the system Chromium): loading playwright-core takes about half a second of the host's
 * single thread and some 20 MB of its memory, which the host then spends on neither. The process
 * starts at `warm()` (once the host listens) or at the first print; one that exits or stops
 * answering is replaced at the next. Its log lines are written by the host's log.
 */
export class ChromiumPdfProcess implements PdfRenderer {
  private child: ChildProcess | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private closed = false;

  /**
   * @param script the PDF process's file (dist/electron/pdf-process.cjs)
   * @param baseUrl the host's own address, where the print page is
   */
  constructor(
    private readonly script: string,
    private readonly baseUrl: () => string,
    private readonly executablePath: string,
    private readonly log: Logger,
  ) {}

  async warm(): Promise<void> {
    await this.ask({ op: 'warm' }).catch((error: Error) =>
      this.log.warn('pdf-page-not-warm', { cause: error.message, then: 'trying again at the next print' }),
    );
  }

  async render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    const pdf = await this.ask({ op: 'render', path: pagePath, paper });
    if (!pdf) throw new Error('the PDF process gave no PDF');
    return pdf;
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ op: 'close' } satisfies PdfRequest);
    // It closes its browser and exits; one that does not is stopped.
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private ask(request: { op: 'warm' } | { op: 'render'; path: string; paper: 'Letter' | 'A4' }): Promise<Uint8Array | undefined> {
    if (this.closed) return Promise.reject(new Error('the PDF renderer is closed'));
    const child = this.process();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log.error('pdf-process-hung', { waitedMs: ANSWER_TIMEOUT_MS, then: 'starting a new one' });
        child.kill('SIGKILL');
      }, ANSWER_TIMEOUT_MS);
      this.waiting.set(id, { resolve, reject, timer });
      child.send({ ...request, id } satisfies PdfRequest);
    });
  }

  /** The running PDF process, started when there is none. */
  private process(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.script, [this.baseUrl(), this.executablePath], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    child.on('message', (message: unknown) => this.heard(message));
    child.on('error', (error) => this.log.error('pdf-process-failed', { cause: error.message }));
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (!this.closed)
        this.log.warn('pdf-process-exited', { code: code ?? undefined, signal: signal ?? undefined, then: 'starting a new one at the next print' });
      for (const [id, waiting] of this.waiting) {
        clearTimeout(waiting.timer);
        waiting.reject(new Error(`the PDF process stopped (${signal ?? `exit code ${code}`})`));
        this.waiting.delete(id);
      }
    });
    return child;
  }

  private heard(message: unknown): void {
    const parsed = PdfAnswerSchema.safeParse(message);
    if (!parsed.success) return this.log.error('pdf-process-bad-answer', { problem: parsed.error.issues[0]?.message });
    const answer = parsed.data;
    if ('log' in answer) return this.log[answer.log](answer.event, answer.details);
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    clearTimeout(waiting.timer);
    if (answer.ok) waiting.resolve(answer.pdf);
    else waiting.reject(new Error(answer.error));
  }
}
