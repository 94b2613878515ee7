/**
 * The `Logger` global and the script's `console`, both writing to the execution log (env.log),
 * as on Apps Script where both end in the execution transcript. Reference:
 * developers.google.com/apps-script/reference/base/logger — `log(format, ...values)` formats
 * like Java's String.format; `getLog()` returns this execution's Logger lines; `clear()` empties it.
 */
import { formatWithOptions } from 'node:util';
import type { ExecutionEnv } from '../env';
import { counted } from './support/counted';
import { javaFormat } from './utilities';

export interface LoggerGlobal {
  log(data: unknown, ...values: unknown[]): LoggerGlobal;
  getLog(): string;
  clear(): void;
}

export interface ConsoleGlobal {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export function createLogger(env: ExecutionEnv): LoggerGlobal {
  let lines: string[] = [];
  const logger: LoggerGlobal = {
    log(data, ...values) {
      const line =
        typeof data === 'string' && values.length > 0
          ? javaFormat(
              data,
              values.map((v) => (typeof v === 'object' ? describe(v) : v)),
            )
          : describe(data);
      lines.push(line);
      env.log('log', line);
      return logger;
    },
    getLog: () => lines.map((l) => `${l}\n`).join(''),
    clear() {
      lines = [];
    },
  };
  return counted(env.counter, 'Logger', logger);
}

export function createConsole(env: ExecutionEnv): ConsoleGlobal {
  const write =
    (level: 'log' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      env.log(level, formatWithOptions({ depth: 4, breakLength: Infinity }, ...args));
    };
  return counted(env.counter, 'console', {
    log: write('log'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    debug: write('log'),
  });
}
