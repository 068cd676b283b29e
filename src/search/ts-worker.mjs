// Starts a TypeScript module in a worker thread: workers do not inherit the parent's tsx hooks, so the
// worker registers them itself, then imports `workerData.entry`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
