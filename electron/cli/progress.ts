import { fmtDuration, fmtInt } from './format';

export interface ProgressLine {
  done: number;
  total: number;
  label: string;
  rate?: number;
  etaSeconds?: number | null;
}

/**
 * Progress on stderr: a redrawn bar on a terminal, otherwise a line at every 10% so logs stay
 * short. Silent under --json only if asked (stderr is still free for humans then).
 */
export class ProgressReporter {
  private lastDraw = 0;
  private lastDecile = -1;
  private drawn = false;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** A total of 0 means "not known yet": counts are shown without a bar or percentage. */
  update(p: ProgressLine): void {
    if (p.total <= 0) return this.counter(p);
    const pct = Math.min(1, p.done / p.total);
    const text = this.text(p, pct);
    if (this.stream.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && p.done < p.total) return;
      this.lastDraw = now;
      const width = 28;
      const filled = Math.round(pct * width);
      this.stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`);
      this.drawn = true;
    } else {
      const decile = Math.floor(pct * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.stream.write(`${text}\n`);
    }
  }

  private counter(p: ProgressLine): void {
    const now = Date.now();
    if (now - this.lastDraw < (this.stream.isTTY ? 100 : 5000)) return;
    this.lastDraw = now;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${fmtInt(p.done)} ${p.label}`);
      this.drawn = true;
    } else this.stream.write(`${fmtInt(p.done)} ${p.label}\n`);
  }

  private text(p: ProgressLine, pct: number): string {
    const parts = [`${fmtInt(p.done)}/${fmtInt(p.total)} (${(pct * 100).toFixed(0)}%)`];
    if (p.rate !== undefined) parts.push(`${p.rate.toFixed(1)}/s`);
    if (p.etaSeconds !== undefined) parts.push(`ETA ${fmtDuration(p.etaSeconds)}`);
    parts.push(p.label);
    return parts.join('  ');
  }

  end(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
