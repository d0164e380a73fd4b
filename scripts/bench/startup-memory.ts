import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './spawn.js';
import { spread, type Spread } from './stats.js';

export interface StartupFigures {
  readyMs: Spread;
  idleRssMb: Spread;
  loadRssMb: { peak: number; median: number; samples: number; questions: number };
}

/** Resident set size of a process, from /proc (Linux), in MB. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the built bot (`node dist/src/main.js`) with the console door on a pipe, the bench store
 * and an empty articles folder, and times spawn → the "ready" log line. The last start also takes
 * `questions` through the console door while VmRSS is sampled every 50 ms.
 */
export async function benchStartup(
  storePath: string,
  starts: number,
  questions: string[],
  log: (s: string) => void,
): Promise<StartupFigures> {
  const emptyDir = mkdtempSync(join(tmpdir(), 'briefbot-bench-articles-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    BRIEFBOT_STORE: storePath,
    BRIEFBOT_ARTICLES: emptyDir,
    HTTP_PORT: '0',
    LOG_FORMAT: 'json',
    // The console door logs to stderr, at warn unless asked: the "ready" line is an info line.
    LOG_LEVEL: 'info',
  };
  const ready: number[] = [];
  const idle: number[] = [];
  let load = { peak: NaN, median: NaN, samples: 0, questions: questions.length };
  for (let i = 0; i < starts; i++) {
    const start = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let lastOutput = performance.now();
    // The last question's echo: the console has reached it (its answer follows).
    const lastAsked = i === starts - 1 ? questions.at(-1)?.replace(/\n/g, ' ') : undefined;
    let lastSeen = false;
    let stderr = '';
    const readyAt = new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/"msg":"ready"/.test(stderr)) resolve(performance.now() - start);
        if (stderr.length > 1_000_000) stderr = stderr.slice(-1000);
      });
      child.stdout.on('data', (d: Buffer) => {
        lastOutput = performance.now();
        out += d.toString();
        if (lastAsked && out.includes(lastAsked)) lastSeen = true;
        if (/"msg":"ready"/.test(out)) resolve(performance.now() - start);
        if (out.length > 1_000_000) out = out.slice(-1000);
      });
      child.on('exit', (code) =>
        reject(new Error(`the bot exited (${code}) before ready: ${stderr.slice(-1500)}${out.slice(-1500)}`)),
      );
    });
    const readyTimeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
    ready.push(await readyAt);
    clearTimeout(readyTimeout);
    await sleep(1000);
    idle.push(rssMb(child.pid!));
    if (i === starts - 1 && questions.length) {
      log(`memory: ${questions.length} questions through the console door…`);
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(rssMb(child.pid!)), 50);
      lastOutput = performance.now();
      child.stdin.write(questions.map((q) => `${q.replace(/\n/g, ' ')}\n`).join(''));
      const until = performance.now() + 300_000;
      // The console answers one line at a time: done once it has echoed the last question and its
      // output has then been quiet for 2 s (quiet alone ended the run while the first question
      // loaded the language model).
      while (performance.now() < until && !lastSeen) await sleep(100);
      while (performance.now() < until && performance.now() - lastOutput < 2000) await sleep(100);
      clearInterval(sampler);
      const sorted = [...samples].sort((a, b) => a - b);
      load = {
        peak: sorted[sorted.length - 1],
        median: sorted[Math.floor(sorted.length / 2)],
        samples: samples.length,
        questions: questions.length,
      };
    }
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killTimer);
  }
  return { readyMs: spread(ready), idleRssMb: spread(idle), loadRssMb: load };
}
