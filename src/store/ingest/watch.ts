import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isIgnoredName } from './walk.js';

export interface WatchOptions {
  /** Quiet time after a change before a file is looked at again (default 300 ms). */
  debounceMs?: number;
  /** Full rescan interval, a safety net for missed events (default 30 s; 0 turns it off). */
  scanIntervalMs?: number;
  /** Scan only, no fs.watch: for network or container-mounted folders that send no events. */
  usePolling?: boolean;
  /** Also report the files already there at start (default false: the caller ingests at start). */
  includeExisting?: boolean;
  /** Failures of onFiles or of the watcher itself; the watcher keeps going. */
  onError?: (error: unknown) => void;
  /**
   * Files seen before that are gone (deleted, or moved out), after their removal is noticed; a
   * deleted folder reports each of its files. Called before onFiles of the same look, so a file
   * moved within the folder is removed under its old name before it is read under the new one.
   */
  onRemoved?: (paths: string[]) => Promise<void>;
}

export interface FolderWatcher {
  /** Stops watching and waits for an onFiles call in progress. */
  close(): Promise<void>;
}

interface Seen {
  size: number;
  mtimeMs: number;
}

/**
 * Watches a folder tree and calls onFiles with files that are new or changed, once each has stopped
 * changing: a file is reported only when its size and mtime are the same at two looks `debounceMs`
 * apart, so a file still being written in chunks waits. If a writer pauses longer than that, the
 * file is reported early and again when it changes; ingest then replaces the article.
 *
 * Why fs.watch and a scan: Node 20 supports fs.watch({ recursive: true }) on Linux (inotify per
 * folder), which gives changes within milliseconds; inotify does not see changes made on network
 * or some container mounts, and can miss events under load, so a cheap periodic rescan (one stat
 * per file) catches what events missed. With usePolling, the scan alone runs (every 2 s unless set).
 * onFiles calls never overlap; changes during a call are reported after it.
 */
export async function watchFolder(
  dir: string,
  onFiles: (paths: string[]) => Promise<void>,
  opts: WatchOptions = {},
): Promise<FolderWatcher> {
  const root = resolve(dir);
  const debounceMs = opts.debounceMs ?? 300;
  const reported = new Map<string, Seen>();
  const pending = new Map<string, Seen | undefined>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  const onError = opts.onError ?? (() => {});

  if (!opts.includeExisting) for (const [path, seen] of await scan(root)) reported.set(path, seen);

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void check().catch(onError);
    }, debounceMs);
  };

  const notice = (path: string) => {
    if (closed || ignored(root, path)) return;
    if (!pending.has(path)) pending.set(path, undefined);
    schedule();
  };

  /** Forgets the files at or below a path that no longer exists, returning those that had been seen. */
  const forget = (path: string): string[] => {
    const gone = [...reported.keys()].filter((p) => p === path || p.startsWith(`${path}${sep}`));
    for (const p of gone) reported.delete(p);
    return gone;
  };

  const deliver = async (removed: string[], ready: string[]) => {
    if (!removed.length && !ready.length) return;
    removed.sort();
    ready.sort();
    running = running
      .then(async () => {
        if (closed) return;
        if (removed.length && opts.onRemoved) await opts.onRemoved(removed);
        if (ready.length) await onFiles(ready);
      })
      .catch(onError);
    await running;
  };

  const check = async () => {
    const ready: string[] = [];
    const removed: string[] = [];
    for (const [path, previous] of [...pending]) {
      const info = await stat(path).catch(() => undefined);
      if (!info) {
        pending.delete(path);
        removed.push(...forget(path));
      } else if (info.isDirectory()) {
        // A folder moved in whole: fs.watch may only name the folder.
        pending.delete(path);
        for (const file of (await scan(path)).keys()) if (!reported.has(file)) pending.set(file, undefined);
      } else if (info.isFile()) {
        const now = { size: info.size, mtimeMs: info.mtimeMs };
        const stable = previous !== undefined && previous.size === now.size && previous.mtimeMs === now.mtimeMs;
        if (!stable) pending.set(path, now);
        else {
          pending.delete(path);
          const last = reported.get(path);
          if (!last || last.size !== now.size || last.mtimeMs !== now.mtimeMs) ready.push(path);
          reported.set(path, now);
        }
      } else pending.delete(path);
    }
    await deliver(removed, ready);
    if (pending.size) schedule();
  };

  const rescan = async () => {
    const files = await scan(root);
    for (const [path, seen] of files) {
      const last = reported.get(path);
      if (!last || last.size !== seen.size || last.mtimeMs !== seen.mtimeMs) notice(path);
    }
    const removed = [...reported.keys()].filter((path) => !files.has(path));
    for (const path of removed) reported.delete(path);
    await deliver(removed, []);
  };

  let watcher: FSWatcher | undefined;
  let interval = opts.scanIntervalMs ?? 30_000;
  const startPolling = () => {
    if (interval === 0 || interval > 2000) interval = 2000;
  };
  if (opts.usePolling) startPolling();
  else {
    try {
      watcher = watch(root, { recursive: true }, (_event, name) => {
        if (name) notice(join(root, name.toString()));
        else void rescan().catch(onError); // some platforms omit the name: look at everything
      });
      watcher.on('error', (error) => {
        onError(error);
        watcher?.close();
        watcher = undefined;
        startPolling();
        restartInterval();
      });
    } catch (error) {
      onError(error);
      startPolling();
    }
  }
  let scanTimer: NodeJS.Timeout | undefined;
  const restartInterval = () => {
    if (scanTimer) clearInterval(scanTimer);
    scanTimer = interval > 0 ? setInterval(() => void rescan().catch(onError), interval) : undefined;
    scanTimer?.unref();
  };
  restartInterval();
  if (opts.includeExisting) await rescan();

  return {
    async close() {
      closed = true;
      watcher?.close();
      if (timer) clearTimeout(timer);
      if (scanTimer) clearInterval(scanTimer);
      await running;
    },
  };
}

/** True when any part of the path below the root is an ignored name (dotfile, README, temp file). */
function ignored(root: string, path: string): boolean {
  return relative(root, path)
    .split(sep)
    .some((part) => part !== '' && isIgnoredName(part));
}

/** Every file below dir that ingest would read, with its size and mtime. */
async function scan(dir: string): Promise<Map<string, Seen>> {
  const found = new Map<string, Seen>();
  const visit = async (folder: string) => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) {
        const info = await stat(path).catch(() => undefined);
        if (info) found.set(path, { size: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  await visit(dir);
  return found;
}
