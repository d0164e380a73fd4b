import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** How to run a TypeScript entry point in a child: node with tsx's loader. */
export function tsNode(script: string, args: string[], nodeFlags: string[] = []): [string, string[]] {
  return [process.execPath, [...nodeFlags, '--import', 'tsx', join(ROOT, script), ...args]];
}

/** The briefbot CLI: the built one when present (what users run), else the sources through tsx. */
export function briefbotCli(args: string[]): [string, string[]] {
  const built = join(ROOT, 'dist/src/cli.js');
  return existsSync(built) ? [process.execPath, [built, ...args]] : tsNode('src/cli.ts', args);
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion, collecting its output; `started` sees the child (stdin, pid). */
export function run(
  cmd: [string, string[]],
  opts: { env?: NodeJS.ProcessEnv; started?: (child: ChildProcess) => void } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd[0], cmd[1], { cwd: ROOT, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - start }));
    opts.started?.(child);
  });
}
