import type { PdfRenderer } from './pdf-renderer';

export interface RenderedPdfsOptions {
  /** The paper PDFs are laid out on now. */
  paper: () => 'Letter' | 'A4';
  /** Everything the PDF of a print page address depends on: the same key, the same PDF. Undefined: never kept (it prints the time). */
  keyOf: (path: string) => string | undefined;
  /** How many PDFs are kept (default 32: about 50 KB each). */
  max?: number;
  /** How long after `prepare` the work ahead starts: not while the screen that asked is being drawn (default 1 000 ms). */
  aheadDelayMs?: number;
  /** Told when laying out ahead failed (the print itself will try again and say why). */
  onAheadFailed?: (error: Error) => void;
}

/** A document to lay out, and what its PDF depends on. */
interface PdfOrder {
  path: string;
  paper: 'Letter' | 'A4';
  key: string | undefined;
}

/**
 * PDFs already laid out, in memory only, kept by what makes them differ (`keyOf`),
 * and laid out ahead of the Print button for the handouts a person is likely to print. Nothing
 * here is written to disk, and nothing says who asked: a key names a handout, never a person.
 *
 * - The same document asked for twice while it is being laid out is laid out once.
 * - Work ahead waits for the renderer to be free, one document at a time, and a person's print
 *   never waits behind more than the one document being laid out ahead.
 */
export class RenderedPdfs {
  private readonly pdfs = new Map<string, Uint8Array>();
  private readonly laying = new Map<string, Promise<Uint8Array>>();
  private ahead: PdfOrder[] = [];
  private aheadTimer: ReturnType<typeof setTimeout> | undefined;
  private aheadRunning = false;
  /** Prints (not work ahead) being laid out now. */
  private printing = 0;
  private readonly max: number;

  constructor(
    private readonly renderer: PdfRenderer,
    private readonly options: RenderedPdfsOptions,
  ) {
    this.max = options.max ?? 32;
  }

  /** The PDF of the print page at `path`: kept, being laid out, or laid out now. */
  async get(path: string): Promise<Uint8Array> {
    const order = this.order(path);
    const kept = this.take(order.key);
    if (kept) return kept;
    this.printing++;
    // Joining work ahead that then fails (a page that hung, a PDF process replaced) is not this
    // print's failure: it lays the document out once more itself.
    const joined = order.key !== undefined && this.laying.has(order.key);
    try {
      return await this.layOut(order).catch((error: unknown) => {
        if (!joined) throw error;
        return this.layOut(order);
      });
    } finally {
      this.printing--;
      this.next();
    }
  }

  /**
   * Lays these out in the background, in order, once the renderer is free: what a person is
   * likely to print next. Replaces what was waiting from an earlier call (that person has moved on).
   */
  prepare(paths: string[]): void {
    this.ahead = paths.map((path) => this.order(path)).filter((order) => order.key !== undefined);
    clearTimeout(this.aheadTimer);
    this.aheadTimer = setTimeout(() => {
      this.aheadTimer = undefined;
      this.next();
    }, this.options.aheadDelayMs ?? 1_000);
    this.aheadTimer.unref?.();
  }

  /** Drops every kept PDF and the work ahead (the host is closing). */
  clear(): void {
    clearTimeout(this.aheadTimer);
    this.ahead = [];
    this.pdfs.clear();
  }

  private order(path: string): PdfOrder {
    return { path, paper: this.options.paper(), key: this.options.keyOf(path) };
  }

  /** A kept PDF, now the most recently used. */
  private take(key: string | undefined): Uint8Array | undefined {
    const pdf = key === undefined ? undefined : this.pdfs.get(key);
    if (pdf === undefined) return undefined;
    this.pdfs.delete(key!);
    this.pdfs.set(key!, pdf);
    return pdf;
  }

  private layOut({ path, paper, key }: PdfOrder): Promise<Uint8Array> {
    if (key === undefined) return this.renderer.render(path, paper);
    const under = this.laying.get(key);
    if (under) return under;
    const laying = this.renderer.render(path, paper).then((pdf) => {
      this.pdfs.set(key, pdf);
      while (this.pdfs.size > this.max) this.pdfs.delete(this.pdfs.keys().next().value!);
      return pdf;
    });
    this.laying.set(key, laying);
    void laying.then(
      () => this.laying.delete(key),
      () => this.laying.delete(key),
    );
    return laying;
  }

  /** Starts the next piece of work ahead, if the renderer is free and its time has come. */
  private next(): void {
    if (this.aheadTimer || this.aheadRunning || this.printing > 0) return;
    const order = this.ahead.shift();
    if (!order) return;
    if (this.pdfs.has(order.key!) || this.laying.has(order.key!)) return this.next();
    this.aheadRunning = true;
    this.layOut(order)
      .catch((error: Error) => this.options.onAheadFailed?.(error))
      .finally(() => {
        this.aheadRunning = false;
        this.next();
      });
  }
}
