import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const CHILD_TS = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../../node_modules/.cache/briefbot-digest-crash/child.mjs', import.meta.url));

/**
 * Bundles the child once with esbuild (tsx's own compiler) so each of the ~100 restarts costs a
 * plain `node` start instead of a tsx start; DIGEST_CRASH_TSX=1 runs it through `node --import tsx`.
 */
export async function childCommand(): Promise<string[]> {
  if (process.env.DIGEST_CRASH_TSX === '1') return ['--import', 'tsx', CHILD_TS];
  const { build } = await import('esbuild');
  mkdirSync(dirname(BUNDLE), { recursive: true });
  await build({
    entryPoints: [CHILD_TS],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: BUNDLE,
    logLevel: 'warning',
  });
  return [BUNDLE];
}

/** One bot process: spawned warm, opened on demand, driven line by line, killable at any moment. */
export class BotProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private readonly waiters: { key: string; resolve: (v: unknown) => void }[] = [];
  private stderr = '';

  constructor(args: string[], dbPath: string, baseUrl: string) {
    this.child = spawn(process.execPath, [...args, dbPath, baseUrl], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as Record<string, unknown>;
      const i = this.waiters.findIndex((w) => w.key in msg);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(msg);
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get errors(): string {
    return this.stderr;
  }

  /** Resolves on the child's next message carrying `key`, or undefined if it exits first. */
  next(key: string): Promise<Record<string, unknown> | undefined> {
    return Promise.race([
      new Promise<Record<string, unknown>>((resolve) =>
        this.waiters.push({ key, resolve: resolve as (v: unknown) => void }),
      ),
      this.exited.then(() => undefined),
    ]);
  }

  send(msg: unknown): void {
    this.child.stdin!.write(JSON.stringify(msg) + '\n');
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }
}
