import { ingestPaths, type IngestDeps, type IngestReport } from './ingest.js';
import { watchFolder, type FolderWatcher, type WatchOptions } from './watch.js';

export interface WatchIngestOptions extends WatchOptions {
  /** Called after each ingest of dropped files (log it; a console chat may announce it). */
  onReport?: (report: IngestReport, paths: string[]) => void;
}

/**
 * What the running bot uses: files dropped into (or changed in) the store folder are ingested
 * without a restart. Files already there at start are left to the start-up ingest.
 * A failed ingest (e.g. the store is locked by a long CLI import) is reported through onError and
 * the files are picked up again the next time they change.
 */
export function watchAndIngest(dir: string, deps: IngestDeps, opts: WatchIngestOptions = {}): Promise<FolderWatcher> {
  const { onReport, ...watchOptions } = opts;
  return watchFolder(
    dir,
    async (paths) => {
      const report = await ingestPaths(paths, deps);
      onReport?.(report, paths);
    },
    watchOptions,
  );
}
