// Worker thread of the API sandbox (index.ts): starts the HTTP server (server.ts) and reports
// its port through a SharedArrayBuffer (for a caller blocked in Atomics.wait) and a message.
// Plain JS so that it starts without a TypeScript loader; it registers tsx for server.ts.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { runSandboxServer } = require('./server.ts');

const cell = new Int32Array(workerData.signal);
try {
  const running = await runSandboxServer(workerData.port ?? 0);
  Atomics.store(cell, 1, running.port);
  Atomics.store(cell, 0, 1);
  Atomics.notify(cell, 0);
  parentPort.postMessage({ type: 'listening', port: running.port });
  parentPort.on('message', async (message) => {
    if (message === 'stop') {
      await running.close();
      parentPort.postMessage({ type: 'stopped' });
    }
  });
} catch (error) {
  Atomics.store(cell, 0, 2);
  Atomics.notify(cell, 0);
  parentPort.postMessage({ type: 'error', message: String(error?.message ?? error) });
}
