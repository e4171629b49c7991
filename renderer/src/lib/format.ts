/** Formatting for numbers people verify by eye: grouped digits, fixed decimals, never scientific. */
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const fmtInt = (n: number) => int.format(n);

export function fmtRate(chunksPerSecond: number | null | undefined): string {
  if (chunksPerSecond === null || chunksPerSecond === undefined || !Number.isFinite(chunksPerSecond)) return '—';
  return `${chunksPerSecond >= 100 ? fmtInt(chunksPerSecond) : chunksPerSecond.toFixed(1)} chunks/s`;
}

export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return '< 1 s';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Local date and time, to the second (`2026-11-23 20:18:41`). */
export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** `sha256:2fb35248414d…`: enough to compare by eye; the full value is one click away. */
export function shortFingerprint(fp: string): string {
  const [algo, hex] = fp.includes(':') ? (fp.split(':', 2) as [string, string]) : ['', fp];
  return `${algo ? algo + ':' : ''}${hex.slice(0, 12)}…`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${fmtInt(n)} ${n === 1 ? one : many}`;
