// Worker side of callSync (call-sync.ts): runs one exported async function of a module and hands
// its result back to the blocked caller. Plain JS so that it starts without a TypeScript loader;
// it registers tsx itself so the modules it loads may be TypeScript (CommonJS, like the project).
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { runAsWorker } from 'synckit';

register();
const require = createRequire(import.meta.url);

runAsWorker(async ({ modulePath, exportName, args }) => {
  const mod = require(modulePath);
  const fn = mod[exportName];
  if (typeof fn !== 'function') {
    throw new Error(`${modulePath} has no exported function ${exportName}`);
  }
  return fn(...args);
});
