/**
 * Paired timings for rows on a shared machine: the measured work and its floor run alternately, each pair close in
 * time and so under about the same load; the row's ratio is the median of the pairs' ratios, shown with their spread,
 * the CPU both spent (this process and its git children, from /proc on Linux: steadier than wall time when other
 * work competes for the cores) and the load average.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

/** CPU milliseconds used so far by this process and its waited-for children; undefined where /proc is absent. */
function cpuMsWithChildren(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 (1-based), i.e. 11-14 here; clock ticks of 10 ms on Linux.
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

export interface Pairs {
  /** Median of the per-pair ratios (measured / floor). */
  readonly ratio: number;
  readonly minRatio: number;
  readonly maxRatio: number;
  /** Median wall milliseconds of each side. */
  readonly ms: number;
  readonly floorMs: number;
  /** Median CPU milliseconds of each side (this process + children), when known. */
  readonly cpuMs?: number;
  readonly floorCpuMs?: number;
  /** 1-minute load averages at the start and the end. */
  readonly load: readonly [number, number];
  readonly runs: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `a` and `b` alternately `runs` times after one warm-up each. */
export async function pairedRuns(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number): Promise<Pairs> {
  await a();
  await b();
  const load0 = os.loadavg()[0];
  const wall: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const c0 = cpuMsWithChildren();
      const t0 = process.hrtime.bigint();
      await fn();
      wall[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
      const c1 = cpuMsWithChildren();
      if (c0 !== undefined && c1 !== undefined) cpu[k].push(c1 - c0);
    }
  }
  const ratios = wall[0].map((t, i) => t / wall[1][i]);
  const known = cpu[0].length === runs && cpu[1].length === runs;
  return {
    ratio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
    ms: median(wall[0]),
    floorMs: median(wall[1]),
    ...(known ? { cpuMs: median(cpu[0]), floorCpuMs: median(cpu[1]) } : {}),
    load: [load0, os.loadavg()[0]],
    runs,
  };
}

/** The figures behind a row: "ours X ms, floor Y ms; N pairs ratio min-max; cpu ...; load ...". */
export function describePairs(p: Pairs, ours: string, floor: string): string {
  const cpu =
    p.cpuMs !== undefined && p.floorCpuMs !== undefined
      ? `; CPU ${p.cpuMs.toFixed(0)} vs ${p.floorCpuMs.toFixed(0)} ms (${(p.cpuMs / p.floorCpuMs).toFixed(2)}x)`
      : '';
  return (
    `${ours} ${p.ms.toFixed(0)} ms, ${floor} ${p.floorMs.toFixed(0)} ms (medians); ${p.runs} pairs ` +
    `${p.minRatio.toFixed(2)}-${p.maxRatio.toFixed(2)}x${cpu}; load ${p.load[0].toFixed(1)}->${p.load[1].toFixed(1)}`
  );
}
