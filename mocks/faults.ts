// Fault plan: rules that delay, fail or reset matching requests.

/**
 * A fault to inject into matching requests.
 *
 * @example
 * ```ts
 * import { createGraphMock, type FaultRule } from "./mod.ts";
 *
 * const throttleSecondClear: FaultRule = {
 *   method: "POST",
 *   path: /\/clearPresence$/,
 *   nth: 2,
 *   status: 429,
 *   retryAfter: 1,
 * };
 * createGraphMock().faults.add(throttleSecondClear);
 * ```
 */
export interface FaultRule {
  /** HTTP method to match, any case; every method when omitted. */
  method?: string;
  /**
   * Path to match. A string matches the percent-encoded path exactly, with or without the
   * `/v1.0` or `/beta` prefix (`"/users/u1/presence"`); a RegExp is tested against the full
   * path. Every path when omitted.
   */
  path?: string | RegExp;
  /** First matching request (1-based) the rule fires on; 1 when omitted. */
  nth?: number;
  /** How many times the rule fires; 1 when `nth` is given, otherwise unlimited. */
  times?: number;
  /** Chance from 0 to 1 that an eligible request fires the rule, drawn from the mock's seeded generator. */
  probability?: number;
  /** Response status, e.g. 429 or 503, sent with a Graph error body. */
  status?: number;
  /** `Retry-After` header: seconds, an HTTP date string, or a `Date`. */
  retryAfter?: number | string | Date;
  /** Milliseconds to wait before responding, or before handling the request normally when no status is set. */
  latencyMs?: number;
  /** Reset the connection instead of responding. In-process `fetch` rejects with a `TypeError`. */
  networkError?: true;
  /** Response body to send in place of the Graph error body (JSON value or text). */
  body?: unknown;
}

/**
 * A rule in a fault plan, with its counters.
 *
 * @example
 * ```ts
 * import { createGraphMock } from "./mod.ts";
 *
 * const mock = createGraphMock();
 * const handle = mock.faults.add({ networkError: true, probability: 0.1 });
 * console.log(handle.fired); // 0
 * handle.remove();
 * ```
 */
export interface FaultHandle {
  /** The rule as added. */
  readonly rule: FaultRule;
  /** Requests that matched the method and path so far. */
  readonly matched: number;
  /** Times the rule fired so far. */
  readonly fired: number;
  /** Removes the rule from the plan. */
  remove(): void;
}

interface Entry {
  rule: FaultRule;
  matched: number;
  fired: number;
}

/**
 * Ordered list of fault rules. For each request the first rule that fires applies, and later
 * rules still count the request as matched. Rules apply to HTTP requests, `$batch` included,
 * but not to the steps inside a batch.
 *
 * @example
 * ```ts
 * import { createGraphMock } from "./mod.ts";
 *
 * const mock = createGraphMock({ random: 7 });
 * mock.faults.add({ path: "/users/p/presence", latencyMs: 250 });
 * mock.faults.add({ probability: 0.2, status: 503, retryAfter: "Wed, 01 Jan 2025 00:00:10 GMT" });
 * console.log(mock.faults.size); // 2
 * mock.faults.clear();
 * ```
 */
export interface FaultPlan {
  /** Adds a rule and returns a handle to it. Throws a `TypeError` for an invalid rule. */
  add(rule: FaultRule): FaultHandle;
  /** Removes every rule. */
  clear(): void;
  /** Number of rules in the plan. */
  readonly size: number;
}

/** Fault plan with the matching step the request pipeline calls. */
export class MatchingFaultPlan implements FaultPlan {
  readonly #entries: Entry[] = [];
  readonly #random: () => number;

  /** Creates an empty plan that draws probabilities from `random`. */
  constructor(random: () => number) {
    this.#random = random;
  }

  /** Adds a rule and returns a handle to it. Throws a `TypeError` for an invalid rule. */
  add(rule: FaultRule): FaultHandle {
    checkRule(rule);
    const entry: Entry = { rule, matched: 0, fired: 0 };
    this.#entries.push(entry);
    const entries = this.#entries;
    return {
      rule,
      get matched() {
        return entry.matched;
      },
      get fired() {
        return entry.fired;
      },
      remove() {
        const index = entries.indexOf(entry);
        if (index >= 0) entries.splice(index, 1);
      },
    };
  }

  /** Removes every rule. */
  clear(): void {
    this.#entries.length = 0;
  }

  /** Number of rules in the plan. */
  get size(): number {
    return this.#entries.length;
  }

  /** Counts a request against every rule and returns the first rule that fires, if any. */
  match(method: string, path: string): FaultRule | undefined {
    let firing: FaultRule | undefined;
    for (const entry of this.#entries) {
      if (!matches(entry.rule, method, path)) continue;
      entry.matched++;
      if (firing !== undefined) continue;

      const { nth, times, probability } = entry.rule;
      const limit = times ?? (nth === undefined ? Infinity : 1);
      if (entry.matched < (nth ?? 1) || entry.fired >= limit) continue;
      if (probability !== undefined && probability < 1 && this.#random() >= probability) continue;
      entry.fired++;
      firing = entry.rule;
    }
    return firing;
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) {
    rule.path.lastIndex = 0;
    return rule.path.test(path);
  }
  const unversioned = path.replace(/^\/(?:v1\.0|beta)(?=\/)/, "");
  return rule.path === path || rule.path === unversioned;
}

function checkRule(rule: FaultRule): void {
  const problems: string[] = [];
  if (rule.status === undefined && rule.networkError !== true && rule.latencyMs === undefined) {
    problems.push("it needs status, networkError or latencyMs");
  }
  if (rule.nth !== undefined && !(Number.isInteger(rule.nth) && rule.nth >= 1)) {
    problems.push(`nth must be an integer of at least 1, not ${rule.nth}`);
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 1)) {
    problems.push(`times must be an integer of at least 1, not ${rule.times}`);
  }
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    problems.push(`probability must be from 0 to 1, not ${rule.probability}`);
  }
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 200 && rule.status <= 599)
  ) {
    problems.push(`status must be an HTTP status from 200 to 599, not ${rule.status}`);
  }
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0)) {
    problems.push(`latencyMs must be 0 or more, not ${rule.latencyMs}`);
  }
  if (problems.length > 0) {
    throw new TypeError(`Invalid fault rule: ${problems.join("; ")}.`);
  }
}

/** Formats a rule's `retryAfter` as a `Retry-After` header value. */
export function formatRetryAfter(retryAfter: number | string | Date): string {
  if (retryAfter instanceof Date) return retryAfter.toUTCString();
  return String(retryAfter);
}
