import { readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Skip } from './readers/reader.js';
import { readFailure } from './read-failure.js';

/** A file found for ingestion. */
export interface FoundFile {
  path: string;
  size: number;
  mtime: Date;
}

/**
 * Names skipped silently while walking a folder (a file named explicitly is always read):
 * dotfiles and dot-folders (.git, editor state), README files (they describe the folder and are
 * not articles: the shipped articles/ folder has one), SQLite files (the store may sit beside its
 * articles), and the partial or backup files editors and downloads leave behind.
 */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('.') ||
    /^readme(\.[a-z]+)?$/.test(lower) ||
    /\.(db|sqlite|sqlite3|db-wal|db-shm|db-journal|sqlite-wal|sqlite-shm)$/.test(lower) ||
    /(~|\.swp|\.swx|\.tmp|\.part|\.crdownload|\.partial)$/.test(lower) ||
    lower === 'node_modules'
  );
}

/**
 * Expands files and folders (recursively, following symlinks once) into files to read, in a stable
 * order. Missing or unreadable paths become skips; the walk always goes on.
 */
export async function expandPaths(paths: readonly string[]): Promise<{ files: FoundFile[]; skipped: Skip[] }> {
  const files: FoundFile[] = [];
  const skipped: Skip[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  async function visit(path: string, explicit: boolean): Promise<void> {
    if (!explicit && isIgnoredName(basename(path))) return;
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      skipped.push({ origin: path, reason: readFailure(error) });
      return;
    }
    if (info.isDirectory()) {
      const real = await realpath(path).catch(() => path);
      if (seenDirs.has(real)) return; // a symlink loop or the same folder named twice
      seenDirs.add(real);
      let names: string[];
      try {
        names = (await readdir(path)).sort();
      } catch (error) {
        skipped.push({ origin: path, reason: readFailure(error) });
        return;
      }
      for (const name of names) await visit(join(path, name), false);
      return;
    }
    if (!info.isFile()) {
      skipped.push({ origin: path, reason: 'not a regular file' });
      return;
    }
    if (seenFiles.has(path)) return;
    seenFiles.add(path);
    files.push({ path, size: info.size, mtime: info.mtime });
  }

  for (const p of paths) await visit(resolve(p), true);
  return { files, skipped };
}
