/**
 * `npm run crm -- <command>`: the local runtime from the shell, for scripts and tests.
 *
 *   call <serverFunction> [json args]   run a server function as the sidebar would; prints JSON
 *   menu <functionName|caption>         run a menu item; prints its dialogs
 *   trigger <handler>                   run a handler as a time-driven trigger
 *   tick                                fire the installed clock triggers that are due
 *   post <json | @file.json>            POST a body to the web app (doPost), as Make.com would
 *   export <tab> [--json|--csv]         print a tab's values
 *   stats                               service call counts of the last run
 *   rank-tenders <file.json>            relevance of saved BOAMP notices, one JSON line each
 *
 * Options anywhere: --workbook <path>, --now <ISO datetime>, --sandbox | --live.
 * Exit code 1, with the French error on stderr, when the call fails.
 */
import { openLocalWorkbook } from '../demo/local-workbook';
import type { RunResult } from '../runtime/runtime';
import { startSandbox, type SandboxHandle } from '../sandbox';
import { readSheetValues } from '../server/sheet-views';
import { parseRuntimeFlags } from './flags';
import { toCsv } from './csv';
import { rankTenders } from './rank-tenders';
import * as fs from 'node:fs';

const USAGE = `Usage : npm run crm -- <commande> [options]
  call <fonction> [arguments JSON]   appelle une fonction serveur comme le panneau
  menu <fonction|libellé>            lance une entrée du menu CRM UTPLA
  trigger <fonction>                 lance une fonction comme un déclencheur horaire
  tick                               déclenche les déclencheurs horaires dus
  post <JSON | @fichier.json>        envoie une requête à l'application web (doPost), comme Make.com
  export <onglet> [--json|--csv]     affiche les valeurs d'un onglet
  stats                              appels de services de la dernière exécution
  rank-tenders <fichier.json>        pertinence d'avis BOAMP enregistrés (une ligne JSON par avis)
Options : --workbook <chemin> --now <date ISO> --sandbox | --live`;

class CliError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { options, rest } = parseRuntimeFlags(argv);
  const [command, ...args] = rest;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  // Pure scoring: no workbook, no sandbox.
  if (command === 'rank-tenders') return rankTenders(args);
  let sandbox: SandboxHandle | undefined;
  const needsSandbox =
    ['call', 'menu', 'trigger', 'tick', 'post'].includes(command) && options.mode !== 'live';
  if (needsSandbox) sandbox = await startSandbox();
  try {
    const { runtime } = openLocalWorkbook({ ...options, sandboxPort: sandbox?.port });
    switch (command) {
      case 'call': {
        const [name, json] = args;
        if (!name) throw new CliError('call : nom de fonction manquant.');
        const parsed: unknown = json === undefined ? [] : parseJson(json);
        const callArgs = Array.isArray(parsed) ? parsed : [parsed];
        return report(runtime.run({ functionName: name, args: callArgs, kind: 'sidebar' }), true);
      }
      case 'menu': {
        const [item] = args;
        if (!item) throw new CliError('menu : entrée manquante.');
        const opened = runtime.run({ functionName: 'onOpen', kind: 'simple' });
        const entries = opened.ui.menus
          .flatMap((m) => m.items)
          .filter((i): i is { caption: string; functionName: string } => 'functionName' in i);
        const entry = entries.find((e) => e.functionName === item || e.caption === item);
        if (!entry)
          throw new CliError(
            `menu : « ${item} » n'est pas une entrée du menu (${entries.map((e) => e.caption).join(', ')}).`,
          );
        const result = runtime.run({ functionName: entry.functionName, kind: 'menu' });
        for (const alert of result.ui.alerts) console.log(`[${alert.title}] ${alert.prompt}`);
        for (const toast of result.ui.toasts) console.log(`[toast] ${toast.message}`);
        for (const dialog of result.ui.dialogs) console.log(`[${dialog.kind}] ${dialog.title}`);
        return report(result, false);
      }
      case 'trigger': {
        const [handler] = args;
        if (!handler) throw new CliError('trigger : fonction manquante.');
        return report(runtime.runAsTrigger(handler), false);
      }
      case 'tick': {
        const results = runtime.runDueTriggers();
        console.log(`${results.length} déclencheur(s) exécuté(s).`);
        return results.every((r) => report(r, false) === 0) ? 0 : 1;
      }
      case 'post': {
        const [json] = args;
        if (!json) throw new CliError('post : corps JSON manquant.');
        const body = json.startsWith('@') ? fs.readFileSync(json.slice(1), 'utf8') : json;
        const result = runtime.runWebApp('doPost', { body });
        for (const line of result.logs) console.error(line);
        if (!result.ok || !result.response) {
          console.error(result.error?.message ?? 'doPost n’a pas rendu de TextOutput.');
          return 1;
        }
        console.log(result.response.content);
        return (JSON.parse(result.response.content) as { ok?: unknown }).ok === true ? 0 : 1;
      }
      case 'export': {
        const [tab] = args.filter((a) => !a.startsWith('--'));
        if (!tab) throw new CliError('export : onglet manquant.');
        const csv = args.includes('--csv');
        const values = readSheetValues(runtime, tab, csv);
        process.stdout.write(
          csv ? toCsv(values as string[][]) : `${JSON.stringify(values, null, 2)}\n`,
        );
        return 0;
      }
      case 'stats': {
        const stats = fs.existsSync(runtime.statsPath)
          ? fs.readFileSync(runtime.statsPath, 'utf8')
          : '{}\n';
        process.stdout.write(stats);
        return 0;
      }
      default:
        throw new CliError(`Commande inconnue : ${command}\n${USAGE}`);
    }
  } finally {
    await sandbox?.stop();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`Arguments JSON invalides : ${text}`);
  }
}

/** Prints a run's logs and value; returns the exit code. An `{ ok: false }` envelope is a failure. */
function report(result: RunResult, printValue: boolean): number {
  for (const line of result.logs) console.error(line);
  if (!result.ok) {
    console.error(result.error?.message ?? 'Erreur inconnue');
    return 1;
  }
  const value = result.value as { ok?: unknown; message?: unknown } | null;
  if (printValue) console.log(JSON.stringify(value, null, 2));
  if (value && value.ok === false) {
    console.error(String(value.message));
    return 1;
  }
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
