import type { GraphConnection } from "./connection.ts";
import {
  type GraphCallOptions,
  type GraphRequest,
  type GraphRequestSender,
  type RequestDiagnostics,
  sendGraphRequest,
} from "./graph_request.ts";
import { GraphRequestError } from "./graph_request_error.ts";
import type { GraphResponse } from "./graph_response.ts";
import { httpStatusName } from "./http_status.ts";
import { RequestPacer } from "./request_pacer.ts";
import { resolveRequestSettings } from "./request_settings.ts";
import { RETRYABLE_STATUSES, retryDelaySeconds } from "./retry_delay.ts";

/** Graph's maximum number of requests in one `$batch` call. */
export const MAX_BATCH_STEPS = 20;

/** A request path that a `$batch` step can carry: the version segment, then the step URL. */
const VERSIONED_PATH = /^\/(v1\.0|beta)(\/.*)$/;

/** Options of {@link createBatchingSender}. */
export interface BatchingSenderOptions {
  /**
   * Whether to pace the steps with one {@link RequestPacer} per connection, counting each step
   * as one request. True by default.
   */
  pace?: boolean;
  /** Maximum number of steps per `$batch` call, from 1 to 20. 20 by default. */
  maxSteps?: number;
}

/** A request waiting for its `$batch` call. */
interface PendingStep {
  connection: GraphConnection;
  version: string;
  /** The URL relative to the version root, as the step's `url`. */
  stepUrl: string;
  request: GraphRequest;
  diagnostics: RequestDiagnostics;
  signal?: AbortSignal;
  /** Number of times this step was retried so far after a 429, 503 or 504. */
  retryCount: number;
  resolve(response: GraphResponse): void;
  reject(error: unknown): void;
}

/** One step response of a `$batch` response body. */
interface StepResponse {
  id?: unknown;
  status?: unknown;
  headers?: unknown;
  body?: unknown;
}

/**
 * Creates a sender that gathers concurrent requests into `POST /{version}/$batch` calls of up to
 * 20 steps. A call goes out when 20 steps are waiting, or once the running tasks have queued
 * what they will queue now (the next macrotask). Each step response comes back to its caller as
 * a GraphResponse with the step's status, headers and body, so error records read as they do for
 * a direct call.
 *
 * A step whose response is 429, 503 or 504 is queued again with a `Retry-Attempt` step header.
 * It waits for its own Retry-After, or the exponential back-off when the step response has none.
 * After the connection's `retry.maxRetries` retries, its caller gets the AggregateException that
 * a direct call raises. When `retry.maxRetries` is 0, the caller gets the step response itself.
 *
 * The `$batch` call itself goes through {@link sendGraphRequest}, whose retry handler retries a
 * 429, 503 or 504 of the whole call. A failed call (network, timeout, retries exhausted) fails
 * every step in it, and a non-2xx status of the whole call becomes every step's response. A
 * request whose path has no `/v1.0` or `/beta` prefix is sent directly.
 *
 * NOTE: the connection's `timeoutMs` bounds each `$batch` call, not the whole life of one step,
 * which may span several calls when it is retried.
 */
export function createBatchingSender(options: BatchingSenderOptions = {}): GraphRequestSender {
  const maxSteps = options.maxSteps ?? MAX_BATCH_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > MAX_BATCH_STEPS) {
    throw new RangeError(
      `maxSteps must be an integer from 1 to ${MAX_BATCH_STEPS}, not ${maxSteps}.`,
    );
  }
  const pacers = new Map<GraphConnection, RequestPacer>();
  const pacerFor = (connection: GraphConnection): RequestPacer | undefined => {
    if (options.pace === false) return undefined;
    let pacer = pacers.get(connection);
    if (!pacer) {
      pacer = new RequestPacer({ now: connection.now, sleep: connection.sleep });
      pacers.set(connection, pacer);
    }
    return pacer;
  };
  const queues = new Map<GraphConnection, PendingStep[]>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;

  /** Queues steps. Retried steps go first, so that new steps do not overtake them. */
  const enqueue = (steps: PendingStep[], retried: boolean) => {
    const live = steps.filter((step) => {
      if (!step.signal?.aborted) return true;
      step.reject(step.signal.reason);
      return false;
    });
    if (live.length === 0) return;
    const connection = live[0].connection;
    let queue = queues.get(connection);
    if (!queue) {
      queue = [];
      queues.set(connection, queue);
    }
    if (retried) queue.unshift(...live);
    else queue.push(...live);
    while (queue.length >= maxSteps) send(queue.splice(0, maxSteps));
    if (queue.length > 0 && flushTimer === undefined) flushTimer = setTimeout(flushAll, 0);
  };

  /**
   * Rejects a step as soon as its signal aborts, even when its `$batch` call is already sent.
   * The call's step response then has no effect, because the promise is already settled.
   */
  const watchAbort = (step: PendingStep) => {
    step.signal?.addEventListener("abort", () => {
      const waiting = queues.get(step.connection);
      const index = waiting?.indexOf(step) ?? -1;
      if (index >= 0) waiting!.splice(index, 1);
      step.reject(step.signal!.reason);
    }, { once: true });
  };

  const flushAll = () => {
    flushTimer = undefined;
    for (const queue of queues.values()) {
      while (queue.length > 0) send(queue.splice(0, maxSteps));
    }
  };

  const send = (steps: PendingStep[]) => {
    sendBatch(steps).catch((error) => {
      for (const step of steps) step.reject(error);
    });
  };

  const sendBatch = async (steps: PendingStep[]) => {
    const { connection, version } = steps[0];
    const pacer = pacerFor(connection);
    const sentAt = pacer ? await pacer.acquire(steps.length, abortedWhenAll(steps)) : 0;

    const live = steps.filter((step) => !step.signal?.aborted);
    if (live.length === 0) return;

    const body = {
      requests: live.map((step, index) => batchStep(step, String(index + 1))),
    };
    // The steps already waited for the pacer, so the call itself only reports a 429 to it.
    const callConnection = pacer
      ? { ...connection, fetch: observingFetch(connection.fetch ?? fetch, pacer, sentAt) }
      : connection;
    const response = await sendGraphRequest(
      callConnection,
      { method: "POST", path: `/${version}/$batch`, body },
      fanOutDiagnostics(live),
      { signal: abortedWhenAll(live) },
    );

    if (response.status < 200 || response.status > 299) {
      for (const step of live) step.resolve(response);
      return;
    }

    const byId = stepResponsesById(response.bodyText);
    const settings = resolveRequestSettings(connection);
    const retries = new Map<number, PendingStep[]>();
    live.forEach((step, index) => {
      const id = String(index + 1);
      const item = byId.get(id);
      if (item === undefined) {
        step.reject(
          new GraphRequestError(
            "System.InvalidOperationException",
            `The $batch response has no response for request id '${id}'.`,
          ),
        );
        return;
      }

      const stepResponse = toGraphResponse(item);
      pacer?.observe(stepResponse.status, stepResponse.headers.get("Retry-After"), sentAt);
      const stepLine = `${step.request.method} ${stepUrlForLog(connection, step)}`;
      step.diagnostics.verbose?.(
        `${stepLine} ${stepResponse.status} (${httpStatusName(stepResponse.status)}) ` +
          `as step ${id} of the $batch request`,
      );

      const { maxRetries } = settings.retry;
      if (!RETRYABLE_STATUSES.has(stepResponse.status) || maxRetries === 0) {
        step.resolve(stepResponse);
        return;
      }
      if (step.retryCount >= maxRetries) {
        step.reject(
          new GraphRequestError(
            "System.AggregateException",
            `Too many retries performed. More than ${step.retryCount} retries encountered while ` +
              `sending the request.`,
          ),
        );
        return;
      }

      const retryAfter = stepResponse.headers.get("Retry-After");
      const waitSeconds = retryDelaySeconds(
        retryAfter,
        step.retryCount,
        settings.retry,
        settings.now(),
      );
      step.retryCount++;
      const unit = waitSeconds === 1 ? "second" : "seconds";
      const source = retryAfter === null ? "exponential back-off" : `Retry-After: ${retryAfter}`;
      step.diagnostics.verbose?.(
        `Received ${stepResponse.status} (${
          httpStatusName(stepResponse.status)
        }) for step ${id}; ` +
          `waiting ${waitSeconds} ${unit} (${source}) before retry ${step.retryCount} of ${maxRetries}.`,
      );
      const group = retries.get(waitSeconds) ?? [];
      group.push(step);
      retries.set(waitSeconds, group);
    });

    // Steps that wait equally long rejoin the queue together, so they share a `$batch` call.
    for (const [waitSeconds, group] of retries) {
      const signal = abortedWhenAll(group) ?? new AbortController().signal;
      settings.sleep(waitSeconds * 1000, signal).then(
        () => enqueue(group, true),
        (error) => group.forEach((step) => step.reject(error)),
      );
    }
  };

  return (connection, request, diagnostics = {}, callOptions: GraphCallOptions = {}) => {
    const match = VERSIONED_PATH.exec(request.path);
    if (match === null) return sendGraphRequest(connection, request, diagnostics, callOptions);
    return new Promise<GraphResponse>((resolve, reject) => {
      const step: PendingStep = {
        connection,
        version: match[1],
        stepUrl: match[2],
        request,
        diagnostics,
        signal: callOptions.signal,
        retryCount: 0,
        resolve,
        reject,
      };
      watchAbort(step);
      enqueue([step], false);
    });
  };
}

/** Builds one entry of the `requests` array. Graph requires `headers` with a body. */
function batchStep(step: PendingStep, id: string): Record<string, unknown> {
  const entry: Record<string, unknown> = { id, method: step.request.method, url: step.stepUrl };
  const headers: Record<string, string> = {};
  if (step.request.body !== undefined) headers["Content-Type"] = "application/json";
  if (step.retryCount > 0) headers["Retry-Attempt"] = String(step.retryCount);
  if (Object.keys(headers).length > 0) entry.headers = headers;
  if (step.request.body !== undefined) entry.body = step.request.body;
  return entry;
}

/**
 * Indexes the `responses` array of a `$batch` response body by step id. Returns an empty map when
 * the body is not such JSON.
 */
function stepResponsesById(bodyText: string): Map<string, StepResponse> {
  const byId = new Map<string, StepResponse>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return byId;
  }
  const responses = (parsed as { responses?: unknown } | null)?.responses;
  if (!Array.isArray(responses)) return byId;
  for (const item of responses as StepResponse[]) {
    if (item !== null && typeof item === "object" && item.id !== undefined) {
      byId.set(String(item.id), item);
    }
  }
  return byId;
}

/** Turns a step response into the GraphResponse a direct call would have returned. */
function toGraphResponse(item: StepResponse): GraphResponse {
  const headers = new Headers();
  if (item.headers !== null && typeof item.headers === "object") {
    for (const [name, value] of Object.entries(item.headers as Record<string, unknown>)) {
      headers.set(name, String(value));
    }
  }
  const bodyText = item.body === undefined || item.body === null
    ? ""
    : typeof item.body === "string"
    ? item.body
    : JSON.stringify(item.body);
  return { status: typeof item.status === "number" ? item.status : 0, headers, bodyText };
}

/** Returns the step's absolute URL, as the verbose lines of a direct call show it. */
function stepUrlForLog(connection: GraphConnection, step: PendingStep): string {
  const root = connection.endpoint.endsWith("/") ? connection.endpoint : `${connection.endpoint}/`;
  return new URL(`/${step.version}${step.stepUrl}`, root).href;
}

/**
 * Sends the verbose lines of a `$batch` call to every step it carries, and its debug dump to the
 * first step only. The dump shows all steps' requests and responses, so repeating it for each of
 * up to 20 items would multiply the -Debug output by 20.
 */
function fanOutDiagnostics(steps: PendingStep[]): RequestDiagnostics {
  return {
    verbose: (line) => steps.forEach((step) => step.diagnostics.verbose?.(line)),
    debug: (line) => steps[0]?.diagnostics.debug?.(line),
  };
}

/**
 * Wraps a fetch so that a 429 response to a whole `$batch` call makes every sender of the pacer
 * wait for its Retry-After.
 */
function observingFetch(
  baseFetch: typeof fetch,
  pacer: RequestPacer,
  sentAt: number,
): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await baseFetch(input, init);
    if (response.status === 429) {
      pacer.observe(response.status, response.headers.get("Retry-After"), sentAt);
    }
    return response;
  };
}

/**
 * Returns a signal that aborts once every step's signal has aborted. Returns undefined, so the
 * call never aborts, when any step has no signal.
 */
function abortedWhenAll(steps: PendingStep[]): AbortSignal | undefined {
  const signals = steps.map((step) => step.signal);
  if (signals.some((signal) => signal === undefined)) return undefined;
  const controller = new AbortController();
  const check = () => {
    if (signals.every((signal) => signal!.aborted)) controller.abort(signals[0]!.reason);
  };
  for (const signal of signals) signal!.addEventListener("abort", check, { once: true });
  check();
  return controller.signal;
}
