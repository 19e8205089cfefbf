/**
 * Running one command of `npm run bench` and measuring it: wall time, CPU time of the whole process
 * tree and peak memory, through GNU `/usr/bin/time -v` where it exists, else by sampling /proc; and
 * counting what a build wrote. The output goes to a log file, which the caller then reads.
 */
import { spawn } from 'node:child_process';
import { access, constants, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTimeReport } from './measure.ts';

/** GNU time, which reports a process tree's CPU time and peak memory. */
const TIME = '/usr/bin/time';

/** CPU and memory of a finished command. */
export interface Usage {
  /** User + system CPU seconds of the whole process tree. */
  readonly cpu?: number;
  /** Peak resident memory of the largest process, MiB. */
  readonly maxRssMiB?: number;
  /** How it was measured. */
  readonly via: 'time -v' | '/proc sampling' | 'none';
}

/** A finished, measured command. */
export interface Measured {
  /** Wall time, seconds. */
  readonly wall: number;
  /** CPU and memory. */
  readonly usage: Usage;
  /** Everything it printed (stdout and stderr). */
  readonly log: string;
}

/** Runs commands one at a time, measuring each. */
export interface Runner {
  /** Runs a command with its output in `logFile`; rejects, with the log's tail, when it fails. */
  readonly measure: (
    command: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
  ) => Promise<Measured>;
  /** Passes Ctrl-C on to the command running now, if any. */
  readonly interrupt: () => void;
}

/** Whether GNU time can be used (unless `--no-time` asked for /proc sampling). */
export async function gnuTimeAvailable(): Promise<boolean> {
  return access(TIME, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Waits until what earlier commands wrote is on disk (`sync`), so a build is not timed while the
 * kernel writes back the previous one's files: a cold 10,000-story build leaves over a gigabyte of
 * dirty pages, and the body edit measured after it took 20.2 s, against 17.8–18.3 s on a settled
 * disk (same code, same site). Nothing where `sync` is missing.
 */
async function settleDisk(): Promise<void> {
  await new Promise<void>((resolve) => {
    const sync = spawn('sync', [], { stdio: 'ignore' });
    sync.on('error', () => resolve());
    sync.on('close', () => resolve());
  });
}

/** A runner measuring through GNU time (`useTime`), else by sampling /proc on Linux, else not at all. */
export function createRunner(useTime: boolean): Runner {
  let child: ReturnType<typeof spawn> | undefined;
  const measure: Runner['measure'] = async (command, args, options) => {
    const timeFile = `${options.logFile}.time`;
    const log = await open(options.logFile, 'w');
    await settleDisk();
    const started = performance.now();
    const [file, argv] = useTime ? [TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
    const running = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', log.fd, log.fd] });
    child = running;
    const stopSampling = !useTime && process.platform === 'linux' && running.pid ? sampleTree(running.pid) : undefined;
    const code = await new Promise<number | null>((resolve, reject) => {
      running.on('error', reject);
      running.on('close', resolve);
    });
    const wall = (performance.now() - started) / 1000;
    child = undefined;
    await log.close();
    const sampled = await stopSampling?.();
    const text = await readFile(options.logFile, 'utf8');
    if (code !== 0) {
      const tail = text.trimEnd().split('\n').slice(-20).join('\n');
      throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}:\n${tail}`);
    }
    let usage: Usage = sampled ?? { via: 'none' };
    if (useTime) {
      const report = parseTimeReport(await readFile(timeFile, 'utf8'));
      if (report) usage = { cpu: report.user + report.system, maxRssMiB: report.maxRssKiB / 1024, via: 'time -v' };
    }
    return { wall, usage, log: text };
  };
  return { measure, interrupt: () => child?.kill('SIGINT') };
}

/**
 * Samples a process tree in /proc every 200 ms (the fallback without GNU time): the largest VmHWM
 * (peak resident memory) of any process, and CPU as the root's own and reaped children's ticks plus
 * its live descendants'. Misses at most the last 200 ms and short-lived grandchildren.
 */
function sampleTree(rootPid: number): () => Promise<Usage> {
  const tick = 100; // USER_HZ, 100 on every Linux architecture node runs on
  let maxHwmKiB = 0;
  let maxCpuTicks = 0;
  let busy = false;
  const sample = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const parents = new Map<number, number>();
      const times = new Map<number, { own: number; children: number }>();
      for (const name of await readdir('/proc').catch(() => [])) {
        if (!/^\d+$/.test(name)) continue;
        const text = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
        // Fields after the parenthesised command name: state ppid … utime(14) stime cutime cstime.
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(name), Number(fields[1]));
        times.set(Number(name), {
          own: Number(fields[11]) + Number(fields[12]),
          children: Number(fields[13]) + Number(fields[14]),
        });
      }
      const tree = [rootPid];
      for (let i = 0; i < tree.length; i++) {
        for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
      }
      let cpu = times.get(rootPid)?.children ?? 0;
      for (const pid of tree) {
        cpu += times.get(pid)?.own ?? 0;
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
        if (hwm !== undefined) maxHwmKiB = Math.max(maxHwmKiB, Number(hwm));
      }
      maxCpuTicks = Math.max(maxCpuTicks, cpu);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), 200);
  void sample();
  return () => {
    clearInterval(timer);
    return Promise.resolve({ cpu: maxCpuTicks / tick, maxRssMiB: maxHwmKiB / 1024, via: '/proc sampling' });
  };
}

/** Counts the output: HTML pages, share cards, all files. */
export async function countOutput(dir: string): Promise<{ pages: number; shareCards: number; files: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let pages = 0;
  let shareCards = 0;
  let files = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith('.html')) pages++;
    else if (entry.name === 'og.png') shareCards++;
  }
  return { pages, shareCards, files };
}
