/** Chunks per second over the last `windowMs`, so the ETA follows the current speed, not the start-up. */
export class RateMeter {
  private readonly samples: { t: number; done: number }[] = [];
  constructor(private readonly windowMs = 15_000) {}

  record(done: number, t = performance.now()): void {
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }

  rate(): number {
    if (this.samples.length < 2) return 0;
    const a = this.samples[0]!;
    const b = this.samples[this.samples.length - 1]!;
    return b.t > a.t ? ((b.done - a.done) * 1000) / (b.t - a.t) : 0;
  }

  eta(remaining: number): number | null {
    const r = this.rate();
    return r > 0 ? remaining / r : null;
  }
}
