import { join } from 'node:path';
import { openSqliteStore, type SqliteArticleStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../store/temp-dir.js';
import { groupingSuite } from './grouping-suite.js';

const dir = tempDir('briefbot-stories-');
let n = 0;

groupingSuite(
  'SQLite',
  () => openSqliteStore(join(dir, `s${n++}.db`)),
  (s) => openSqliteStore((s as SqliteArticleStore).location),
);
