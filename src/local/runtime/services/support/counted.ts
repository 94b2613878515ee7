/**
 * Counts every call of an emulated service object as `Class.method`, which is how the local
 * runtime measures performance (DESIGN.md §2, §8). Wrapping the finished object keeps the
 * counting out of each method body.
 */
import type { CallCounter } from '../../env';

export function counted<T extends object>(counter: CallCounter, className: string, target: T): T {
  const record = target as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (typeof member !== 'function') continue;
    const method = member as (...args: unknown[]) => unknown;
    const name = `${className}.${key}`;
    record[key] = function countedMethod(this: unknown, ...args: unknown[]): unknown {
      counter.count(name);
      return method.apply(this, args);
    };
  }
  return target;
}
