import type { StoryState } from './group-batch.js';
import type { StoryRow } from './story-backend.js';
import { vectorFromJson, vectorToJson } from './vectors.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A stored story; its centroid is parsed on first use (most stories a batch reads are never scored). */
export function rowToState(r: StoryRow): StoryState {
  let centroid: StoryState['centroid'] | undefined;
  return {
    id: Number(r.id),
    firstSeq: Number(r.first_seq),
    size: Number(r.size),
    get centroid() {
      return (centroid ??= vectorFromJson(r.centroid));
    },
    firstTime: Date.parse(r.first_time),
    lastTime: Date.parse(r.last_time),
    lastDated: r.last_dated ? Date.parse(r.last_dated) : undefined,
  };
}

export function stateToRow(s: StoryState): Omit<StoryRow, 'id'> {
  return {
    first_seq: s.firstSeq,
    size: s.size,
    centroid: vectorToJson(s.centroid),
    first_time: iso(s.firstTime),
    last_time: iso(s.lastTime),
    last_dated: s.lastDated === undefined ? null : iso(s.lastDated),
  };
}

/** Stored signatures are for reading (centrality), never summed again: four digits are plenty. */
export const SIGNATURE_DIGITS = 4;
