/**
 * Options shared by `npm start` and `npm run crm`, accepted before or after the command:
 * --workbook <path>, --now <ISO datetime>, --sandbox / --live.
 */
import * as path from 'node:path';
import type { RuntimeOptions } from '../runtime/runtime';

export interface ParsedFlags {
  options: Partial<RuntimeOptions>;
  /** Arguments that are not runtime options (the command and its own arguments and flags). */
  rest: string[];
}

export function parseRuntimeFlags(argv: readonly string[]): ParsedFlags {
  const options: Partial<RuntimeOptions> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`L'option ${flag} attend une valeur.`);
      return v;
    };
    switch (flag) {
      case '--workbook':
        options.workbookPath = path.resolve(value());
        break;
      case '--now': {
        const raw = value();
        const date = new Date(raw);
        if (Number.isNaN(date.getTime()))
          throw new Error(
            `--now : date invalide « ${raw} » (format ISO attendu, ex. 2026-12-01T07:00:00+01:00).`,
          );
        options.now = date;
        break;
      }
      case '--sandbox':
        options.mode = 'sandbox';
        break;
      case '--live':
        options.mode = 'live';
        break;
      default:
        rest.push(arg);
    }
  }
  return { options, rest };
}
