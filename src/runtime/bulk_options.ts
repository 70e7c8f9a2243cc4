import { createBatchingSender } from "../graph/batch_sender.ts";
import { type GraphRequestSender, sendGraphRequest } from "../graph/graph_request.ts";
import { createPacedSender } from "../graph/request_pacer.ts";

/** Options that process pipeline objects concurrently and batch their Graph requests. */
export interface BulkOptions {
  /**
   * Process steps that run at once, an integer from 1 to 1000. 1 by default, which processes one
   * pipeline object after another as PowerShell does, or 60 with `batch`.
   */
  throttleLimit?: number;
  /**
   * Sends Graph requests as steps of `POST /v1.0/$batch` calls of up to 20, with each step
   * retried after its own 429, 503 or 504.
   */
  batch?: boolean;
}

/** The largest throttle limit accepted. */
export const MAX_THROTTLE_LIMIT = 1000;

/**
 * The throttle limit of `batch` without one: three `$batch` calls of 20 steps in flight, so one
 * call can fill while two wait for their responses.
 */
export const DEFAULT_BATCH_THROTTLE_LIMIT = 60;

/**
 * Returns the throttle limit the options select. Throws a RangeError for a value that is not an
 * integer from 1 to {@link MAX_THROTTLE_LIMIT}.
 */
export function resolveThrottleLimit(options: BulkOptions): number {
  const limit = options.throttleLimit;
  if (limit === undefined) return options.batch ? DEFAULT_BATCH_THROTTLE_LIMIT : 1;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_THROTTLE_LIMIT) {
    throw new RangeError(
      `The throttle limit must be an integer from 1 to ${MAX_THROTTLE_LIMIT}, not ${limit}.`,
    );
  }
  return limit;
}

/**
 * Creates the Graph sender of one run: batching with `batch`, paced when more than one process
 * step runs at once, and the plain SDK pipeline otherwise, so a serial run behaves as before.
 */
export function createRunSender(options: BulkOptions, throttleLimit: number): GraphRequestSender {
  if (options.batch) return createBatchingSender();
  if (throttleLimit > 1) return createPacedSender();
  return sendGraphRequest;
}
