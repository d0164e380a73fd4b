/** A failed post, classified so the delivery ledger can decide between retry and record. */
export class DeliveryError extends Error {
  constructor(
    /** Platform error code, e.g. "not_in_channel", "rate_limited", "missing_access", "timeout", "http_503". */
    readonly code: string,
    message: string,
    /** Permanent errors are recorded on the subscription and not retried until the next run. */
    readonly permanent: boolean,
    /** For rate limits: how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
