import { ingestPaths, type IngestDeps, type IngestReport } from './ingest.js';
import { watchFolder, type FolderWatcher, type WatchOptions } from './watch.js';

export interface WatchIngestOptions extends Omit<WatchOptions, 'onRemoved'> {
  /** Called after each ingest of dropped files (log it; a console chat may announce it). */
  onReport?: (report: IngestReport, paths: string[]) => void;
  /** Called after the articles of deleted files were removed, with the ids that went. */
  onRemoved?: (ids: string[], paths: string[]) => void;
}

/** Removes the articles read from each of these files (deleted from the watched folder); returns the ids removed. */
export async function removeFilesArticles(store: IngestDeps['store'], paths: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const path of paths) ids.push(...(await store.removeArticles({ file: path })));
  return ids;
}

/**
 * What the running bot uses: files dropped into (or changed in) the store folder are ingested
 * without a restart, and a file deleted from it takes its articles out of the store. Files
 * already there at start are left to the start-up ingest.
 * A failed ingest (e.g. the store is locked by a long CLI import) is reported through onError and
 * the files are picked up again the next time they change.
 */
export function watchAndIngest(dir: string, deps: IngestDeps, opts: WatchIngestOptions = {}): Promise<FolderWatcher> {
  const { onReport, onRemoved, ...watchOptions } = opts;
  return watchFolder(
    dir,
    async (paths) => {
      const report = await ingestPaths(paths, deps);
      onReport?.(report, paths);
    },
    {
      ...watchOptions,
      onRemoved: async (paths) => onRemoved?.(await removeFilesArticles(deps.store, paths), paths),
    },
  );
}
