/**
 * `npm start`: opens (or creates, with demo data) the local workbook, starts the API sandbox,
 * serves the page on http://127.0.0.1:8080 (PORT to change it) and fires due clock triggers
 * every minute by the script's clock. `--blank` starts a new workbook without the CRM structure.
 */
import { openLocalWorkbook } from '../demo/local-workbook';
import { startSandbox } from '../sandbox';
import { parseRuntimeFlags } from '../cli/flags';
import { createAppServer } from './app-server';

const TRIGGER_CHECK_MS = 60_000;

async function main(): Promise<void> {
  const { options, rest } = parseRuntimeFlags(process.argv.slice(2));
  const blank = rest.includes('--blank');
  const sandbox = options.mode === 'live' ? undefined : await startSandbox();
  const { runtime, created, demoRecords } = openLocalWorkbook({
    ...options,
    blank,
    sandboxPort: sandbox?.port,
  });
  if (created)
    console.log(`Classeur créé : ${runtime.workbookPath} (${demoRecords} fiches de démonstration)`);
  const { server } = createAppServer(runtime);
  const port = Number(process.env.PORT ?? 8080);
  server.listen(port, '127.0.0.1', () => {
    console.log(
      `CRM UTPLA local : http://localhost:${port} — ${runtime.mode === 'sandbox' ? 'mode démo (API simulées)' : 'mode réel'}`,
    );
    console.log(`Classeur : ${runtime.workbookPath}`);
  });
  const timer = setInterval(() => {
    for (const result of runtime.runDueTriggers()) {
      if (!result.ok) console.error(`Déclencheur en échec : ${result.error?.message ?? ''}`);
    }
  }, TRIGGER_CHECK_MS);
  const stop = () => {
    clearInterval(timer);
    server.close();
    void sandbox?.stop().finally(() => process.exit(0));
    if (!sandbox) process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
