import type { Adapter } from '../adapters/adapter.js';
import type { Platform } from '../core/invocation.js';

/** The adapters digests can post through, by platform. */
export type AdapterRegistry = ReadonlyMap<Platform, Adapter>;

export function adapterRegistry(adapters: readonly Adapter[]): AdapterRegistry {
  return new Map(adapters.map((a) => [a.platform, a] as const));
}
