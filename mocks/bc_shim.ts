// msw's core creates a module-level BroadcastChannel and calls unref() on it when it can. Deno's web
// BroadcastChannel has no unref(), so any `deno run` that imports msw never exits. Node's
// worker_threads BroadcastChannel has unref(); installing it before msw loads lets scripts exit.
// Import this module before the first import of msw.
import { BroadcastChannel as NodeBroadcastChannel } from "node:worker_threads";

(globalThis as { BroadcastChannel: unknown }).BroadcastChannel = NodeBroadcastChannel;
