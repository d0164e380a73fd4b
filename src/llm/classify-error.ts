import OpenAI from 'openai';
import { DeadlineExceeded, type CallState } from './call-deadline.js';
import type { FallbackReason } from './metrics.js';

function fromState(state: CallState | undefined): FallbackReason | undefined {
  if (!state) return undefined;
  if (state.lastStatus !== undefined) return fromStatus(state.lastStatus);
  return state.connectionFailed ? 'connection_error' : undefined;
}

function fromStatus(status: number | undefined): FallbackReason | undefined {
  if (status === undefined) return undefined;
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403) return 'auth_error';
  if (status >= 400) return 'bad_request';
  return undefined;
}

/** Maps anything the SDK call threw to one fallback reason for footers, logs and metrics. */
export function classifyError(e: unknown): FallbackReason {
  if (e instanceof DeadlineExceeded) {
    // Out of time while retrying a 429/5xx: the status is the real cause, the deadline the symptom.
    return fromState(e.state) ?? 'timeout';
  }
  if (e instanceof OpenAI.APIUserAbortError || e instanceof OpenAI.APIConnectionTimeoutError) {
    const state = (e as { callState?: CallState }).callState;
    return fromState(state) ?? 'timeout';
  }
  if (e instanceof OpenAI.APIConnectionError) return 'connection_error';
  if (e instanceof OpenAI.APIError) return fromStatus(e.status) ?? 'error';
  return 'error';
}
