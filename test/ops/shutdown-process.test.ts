import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./fixtures/shutdown-child.ts', import.meta.url));

interface Child {
  proc: ChildProcess;
  events: string[];
  port: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(event: string): Promise<void>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts the child and resolves once its ops server listens. */
async function startChild(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(proc);
  const events: string[] = [];
  const waiters: Array<{ event: string; resolve: () => void }> = [];
  let port = 0;
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    let entry: { event?: string; msg?: string; step?: string; port?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    const name = entry.event ?? (entry.step ? `${entry.msg}: ${entry.step}` : (entry.msg ?? ''));
    if (entry.port && entry.event === 'ready') port = entry.port;
    events.push(name);
    for (const w of waiters.filter((x) => x.event === name)) w.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (event: string) =>
    events.includes(event)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.push({ event, resolve });
          void exited.then(() => reject(new Error(`child exited before "${event}"; saw ${JSON.stringify(events)}`)));
        });
  await waitFor('ready');
  return { proc, events, port, exited, waitFor };
}

async function readyz(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
}

describe('graceful shutdown of a real process', () => {
  it('on SIGTERM turns /readyz 503, refuses new work, finishes the in-flight task, then stops adapters, closes the store and exits 0', async () => {
    const child = await startChild({ TASK_MS: '1500' });
    expect(await readyz(child.port)).toBe(200);
    child.proc.stdin!.write('go\n');
    await child.waitFor('task started');
    child.proc.kill('SIGTERM');
    await child.waitFor('shutdown step done: readiness 503');
    // While the task drains, the process is alive but not ready.
    expect(await readyz(child.port)).toBe(503);
    expect((await fetch(`http://127.0.0.1:${child.port}/healthz`)).status).toBe(200);

    expect(await child.exited).toEqual({ code: 0, signal: null });
    const order = [
      'task started',
      'shutting down',
      'scheduler stopped',
      'late work refused',
      'task done',
      'adapter stopped',
      'store closed',
      'shutdown complete',
    ];
    expect(child.events.filter((e) => order.includes(e))).toEqual(order);
    expect(child.events).not.toContain('late work accepted');
  }, 60_000);

  it('gives up on work that outlasts SHUTDOWN_DEADLINE_MS, still closes the store, and exits 1', async () => {
    const child = await startChild({ TASK_MS: 'never', SHUTDOWN_DEADLINE_MS: '1500' });
    child.proc.stdin!.write('go\n');
    await child.waitFor('task started');
    child.proc.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(child.events).toContain('shutdown step failed: finish in-flight work');
    expect(child.events).not.toContain('task done');
    expect(child.events.indexOf('store closed')).toBeGreaterThan(child.events.indexOf('adapter stopped'));
  }, 60_000);

  it('exits at once with 130 on a second signal during shutdown', async () => {
    const child = await startChild({ TASK_MS: '30000' });
    child.proc.stdin!.write('go\n');
    await child.waitFor('task started');
    child.proc.kill('SIGTERM');
    await child.waitFor('shutdown step done: stop new work');
    child.proc.kill('SIGINT');
    expect(await child.exited).toEqual({ code: 130, signal: null });
    // Logged with the step it interrupted.
    expect(child.events).toContain('second signal during shutdown; exiting now: finish in-flight work');
    expect(child.events).not.toContain('task done');
    expect(child.events).not.toContain('store closed');
  }, 60_000);
});
