import type { GraphConnection } from "./connection.ts";
import {
  type GraphCallOptions,
  type GraphRequestSender,
  type RequestDiagnostics,
  sendGraphRequest,
} from "./graph_request.ts";
import { abortableSleep } from "./request_settings.ts";
import { retryDelaySeconds } from "./retry_delay.ts";

/** Time sources of a {@link RequestPacer}; tests inject virtual ones. */
export interface RequestPacerOptions {
  /** Current time in epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  /** Waits a number of milliseconds, rejecting when the signal aborts. */
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  /**
   * Fraction by which the learned rate rises per second without a 429, so the pacer probes for
   * spare capacity; 0.002 (0.2% per second) by default.
   */
  growthPerSecond?: number;
}

/** The lowest learned rate, in requests per second, so a run never stalls completely. */
const MIN_RATE = 0.5;

/**
 * Maximum hold in seconds after a 429. Longer Retry-After values are capped to it, as the retry
 * handler caps its waits at `retry.maxDelaySeconds` (180 by default).
 */
const MAX_HOLD_SECONDS = 180;

/** A signal that never aborts, for waits that have no caller signal. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * Paces requests that share one rate limit, such as Graph's presence limit per application and
 * tenant. Every sender calls {@link acquire} before a request (with the number of `$batch`
 * steps it carries) and {@link observe} for each response or step response.
 *
 * The pacer sends without limit until the first 429. A 429 makes every sender wait until its
 * Retry-After has passed. It also ends an epoch: the requests the service accepted since the
 * previous hold, divided by the seconds from the epoch's first send to the end of the new hold,
 * become the new rate. This estimate counts the hold as lost time, so against a sliding-window
 * limit of L requests per W seconds the first estimate lies between L/(W+1) and L/W. After
 * that, requests are spaced evenly at the learned rate, which grows by `growthPerSecond` while
 * no 429 arrives. A 429 never more than halves the rate.
 *
 * NOTE: the shorter the limit's window, the lower the first estimate: for a one-second window it
 * can be half the limit, and growing back at 0.2% per second takes about six minutes.
 */
export class RequestPacer {
  readonly #now: () => number;
  readonly #sleep: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  readonly #growthPerSecond: number;
  /** Learned requests per second at the start of the epoch; Infinity until the first 429. */
  #baseRate = Infinity;
  /** Time of the first send of the current epoch; undefined until a send starts it. */
  #epochStart: number | undefined;
  /** Requests accepted in the current epoch (any status but 429). */
  #epochAccepted = 0;
  /** Time before which no request is sent, from the latest Retry-After. */
  #holdUntil = 0;
  /** Earliest time of the next send when the rate is limited. */
  #nextSendAt = 0;

  constructor(options: RequestPacerOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#growthPerSecond = options.growthPerSecond ?? 0.002;
  }

  /** The current rate in requests per second; Infinity before the first 429. */
  get rate(): number {
    return this.#rateAt(this.#now());
  }

  /** The time, in epoch milliseconds, until which senders wait after a 429; 0 before any. */
  get holdUntil(): number {
    return this.#holdUntil;
  }

  /**
   * Waits until `count` requests may be sent: past any hold and, once a rate is learned, at that
   * rate. Returns the send time, which {@link observe} takes to tell which epoch a response
   * belongs to. Rejects with the signal's reason when it aborts.
   */
  async acquire(count = 1, signal: AbortSignal = NEVER_ABORTED): Promise<number> {
    for (;;) {
      signal.throwIfAborted();
      const now = this.#now();
      if (now < this.#holdUntil) {
        await this.#sleep(this.#holdUntil - now, signal);
        continue;
      }
      this.#epochStart ??= now;
      const rate = this.#rateAt(now);
      if (rate === Infinity) return now;
      // A request carrying `count` steps waits until all of them are due, so a `$batch` call
      // spreads its steps over time as single requests would be spread.
      const sendAt = Math.max(now, this.#nextSendAt + ((count - 1) * 1000) / rate);
      this.#nextSendAt = sendAt + 1000 / rate;
      if (sendAt > now) await this.#sleep(sendAt - now, signal);
      // A 429 that arrived while this sender waited starts a hold, which also resets the slots.
      if (this.#holdUntil > sendAt) continue;
      return sendAt;
    }
  }

  /**
   * Records one response: its status, its Retry-After header and the send time that
   * {@link acquire} returned for it.
   */
  observe(status: number, retryAfter: string | null, sentAt: number): void {
    const inCurrentEpoch = this.#epochStart !== undefined && sentAt >= this.#epochStart;
    if (status !== 429) {
      if (inCurrentEpoch) this.#epochAccepted++;
      return;
    }
    const now = this.#now();
    const seconds = retryDelaySeconds(
      retryAfter,
      0,
      { delaySeconds: 1, maxDelaySeconds: MAX_HOLD_SECONDS },
      now,
    );
    const holdUntil = now + seconds * 1000;
    if (!inCurrentEpoch || now < this.#holdUntil) {
      // The request was sent before the current epoch, or a hold is already running. The
      // throttling this 429 reports is already counted, so it can only extend the hold.
      this.#extendHold(holdUntil);
      return;
    }
    const epochStart = this.#epochStart!;
    const currentRate = this.#rateAt(now);
    const spanSeconds = Math.max((holdUntil - epochStart) / 1000, 0.001);
    const estimate = this.#epochAccepted / spanSeconds;
    const floor = currentRate === Infinity ? MIN_RATE : Math.max(MIN_RATE, currentRate / 2);
    this.#baseRate = Math.max(estimate, floor);
    this.#epochStart = undefined;
    this.#epochAccepted = 0;
    this.#extendHold(holdUntil);
  }

  #extendHold(until: number): void {
    if (until <= this.#holdUntil) return;
    this.#holdUntil = until;
    this.#nextSendAt = until;
  }

  #rateAt(now: number): number {
    if (this.#baseRate === Infinity) return Infinity;
    const seconds = this.#epochStart === undefined ? 0 : Math.max(0, now - this.#epochStart) / 1000;
    return this.#baseRate * (1 + this.#growthPerSecond) ** seconds;
  }
}

/**
 * Wraps a fetch so that every request waits for the pacer first and reports its response to it.
 * The first request skips the wait when `firstTurn` is given, because that send time was already
 * acquired. The retry handler's resends go through this fetch too, so they also wait out a hold.
 */
export function pacedFetch(
  baseFetch: typeof fetch,
  pacer: RequestPacer,
  firstTurn?: number,
): typeof fetch {
  let heldTurn = firstTurn;
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const sentAt = heldTurn ?? await pacer.acquire(1, init?.signal ?? undefined);
    heldTurn = undefined;
    const response = await baseFetch(input, init);
    pacer.observe(response.status, response.headers.get("Retry-After"), sentAt);
    return response;
  };
}

/**
 * Creates a sender that sends each request directly, through one {@link RequestPacer} per
 * connection, so concurrent calls share the rate the pacer learns from 429s. A call waits for its
 * first turn before it starts, so the connection's timeout does not run while an unsent request
 * waits in the queue. Retries wait inside the call, as the SDK's retry waits do.
 */
export function createPacedSender(): GraphRequestSender {
  const pacers = new Map<GraphConnection, RequestPacer>();
  return async (
    connection: GraphConnection,
    request,
    diagnostics: RequestDiagnostics = {},
    options: GraphCallOptions = {},
  ) => {
    let pacer = pacers.get(connection);
    if (!pacer) {
      pacer = new RequestPacer({ now: connection.now, sleep: connection.sleep });
      pacers.set(connection, pacer);
    }
    const firstTurn = await pacer.acquire(1, options.signal);
    const fetchForCall = pacedFetch(connection.fetch ?? fetch, pacer, firstTurn);
    return await sendGraphRequest(
      { ...connection, fetch: fetchForCall },
      request,
      diagnostics,
      options,
    );
  };
}
