// JSON batching: `POST /$batch` with up to 20 steps, `dependsOn` and per-step results.

import type { Principal } from "./auth.ts";
import { errorResult, GraphMockError, type RequestContext, type RouteResult } from "./errors.ts";
import { parseJsonBody } from "./payloads.ts";
import { resolveRoute } from "./routes.ts";
import type { GraphMockState } from "./state.ts";
import { runRateLimitedRoute, splitVersionedPath } from "./step.ts";

/** Maximum number of steps in one `$batch` request. */
export const MAX_BATCH_STEPS = 20;

interface BatchStep {
  id: string;
  method: string;
  url: string;
  body: unknown;
  dependsOn: string[];
}

interface BatchItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Inputs of a `$batch` request. */
export interface BatchRequest {
  body: unknown;
  principal: Principal;
  context: RequestContext;
  /** Version of the `$batch` URL, used for steps whose URL has none. */
  version: string;
}

/**
 * Runs a `$batch` request. A malformed batch (not a `requests` array, more than 20 steps,
 * missing `id`/`method`/`url`, ids that repeat ignoring case, unknown or circular `dependsOn`)
 * is a 400 for the whole batch. Otherwise the response is 200 with one item per step, in
 * request order. Dependencies run first; a step whose dependency failed gets 424. Each step
 * counts against the rate limit on its own.
 */
export function runBatch(state: GraphMockState, request: BatchRequest): RouteResult {
  const steps = parseSteps(request.body);
  const byId = new Map(steps.map((step) => [step.id.toLowerCase(), step]));
  checkDependencies(steps, byId);

  const results = new Map<string, BatchItem>();
  const run = (step: BatchStep): BatchItem => {
    const done = results.get(step.id.toLowerCase());
    if (done !== undefined) return done;

    const dependencies = step.dependsOn.map((id) => run(byId.get(id.toLowerCase())!));
    const failed = dependencies.find((item) => item.status < 200 || item.status > 299);
    const item = failed === undefined ? runStep(state, request, step) : toItem(
      step.id,
      errorResult(
        request.context,
        424,
        "FailedDependency",
        `The request '${step.id}' was not run because the request '${failed.id}' it ` +
          `depends on failed with status ${failed.status}.`,
      ),
    );
    results.set(step.id.toLowerCase(), item);
    return item;
  };

  const responses = steps.map(run);
  return { status: 200, headers: {}, body: { responses } };
}

function runStep(state: GraphMockState, request: BatchRequest, step: BatchStep): BatchItem {
  const { context, principal } = request;
  const [rawPath, query = ""] = step.url.replace(/^https?:\/\/[^/]+/i, "").split("?", 2);
  const path = rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
  try {
    const versioned = splitVersionedPath(path) ??
      splitVersionedPath(`/${request.version}${path}`)!;
    const route = resolveRoute(versioned.segments);
    if (route.kind === "batch") {
      throw new GraphMockError(400, "BadRequest", "A $batch request cannot contain a $batch step.");
    }
    const stepContext = {
      ...context,
      serviceRoot: context.serviceRoot.replace(/\/(?:v1\.0|beta)$/, `/${versioned.version}`),
    };
    const result = runRateLimitedRoute(state, {
      route,
      method: step.method.toUpperCase(),
      search: new URLSearchParams(query),
      body: () => stepBody(step.body),
      principal,
      context: stepContext,
    });
    return toItem(step.id, result);
  } catch (error) {
    if (!(error instanceof GraphMockError)) throw error;
    return toItem(step.id, errorResult(context, error.status, error.code, error.message));
  }
}

/**
 * Reads a step body. An object is used as is. A string is base64 of the JSON text, as Graph
 * specifies and as the Kiota core batch sends it. Kiota sends no `Content-Type` step header, so
 * the mock does not require one.
 */
function stepBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(atob(body), (char) => char.charCodeAt(0)),
    );
  } catch {
    text = body;
  }
  return parseJsonBody(text);
}

function toItem(id: string, result: RouteResult): BatchItem {
  const headers = { ...result.headers };
  if (result.body === undefined) return { id, status: result.status, headers };
  // graph-client v3 reads step bodies as JSON only when the header key is exactly "Content-Type".
  headers["Content-Type"] = "application/json";
  return { id, status: result.status, headers, body: result.body };
}

function parseSteps(body: unknown): BatchStep[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (typeof body !== "object" || body === null || !Array.isArray(requests)) {
    throw invalidBatch("The batch request body must be a JSON object with a 'requests' array.");
  }
  if (requests.length > MAX_BATCH_STEPS) {
    throw invalidBatch(
      `The batch request contains ${requests.length} requests; at most ${MAX_BATCH_STEPS} are ` +
        `allowed.`,
    );
  }

  const seen = new Set<string>();
  return requests.map((raw: unknown, index: number): BatchStep => {
    const step = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    for (const name of ["id", "method", "url"]) {
      if (typeof step[name] !== "string" || step[name] === "") {
        throw invalidBatch(`Batch request ${index + 1} has no string '${name}'.`);
      }
    }
    const id = step.id as string;
    if (seen.has(id.toLowerCase())) {
      throw invalidBatch(
        `The batch request id '${id}' is used more than once; ids must be unique, ignoring case.`,
      );
    }
    seen.add(id.toLowerCase());

    const dependsOn = step.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((dep) => typeof dep === "string")) {
      throw invalidBatch(`The 'dependsOn' of batch request '${id}' must be an array of ids.`);
    }
    return {
      id,
      method: step.method as string,
      url: step.url as string,
      body: step.body,
      dependsOn,
    };
  });
}

function checkDependencies(steps: BatchStep[], byId: Map<string, BatchStep>): void {
  for (const step of steps) {
    for (const dependency of step.dependsOn) {
      if (!byId.has(dependency.toLowerCase())) {
        throw invalidBatch(
          `The batch request '${step.id}' depends on '${dependency}', which is not in the batch.`,
        );
      }
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const visit = (step: BatchStep): void => {
    const key = step.id.toLowerCase();
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") {
      throw invalidBatch(`The batch request '${step.id}' is part of a dependency cycle.`);
    }
    state.set(key, "visiting");
    for (const dependency of step.dependsOn) visit(byId.get(dependency.toLowerCase())!);
    state.set(key, "done");
  };
  steps.forEach(visit);
}

function invalidBatch(message: string): GraphMockError {
  return new GraphMockError(400, "BadRequest", message);
}
