import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of this folder, by its name without extension: the compiled
 * .js beside this file, or, when running from TypeScript sources (tsx, vitest), a small bootstrap
 * that registers tsx's loader in the worker and then imports the .ts file (Node 20 does not apply
 * --import hooks to a worker's entry point).
 */
export function startIngestWorker(name: string): Worker {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js);
  const ts = new URL(`./${name}.ts`, import.meta.url).href;
  // tsx's ESM entry, found from this file (tsx is a dev dependency: sources only run in development).
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(boot, { eval: true });
}
