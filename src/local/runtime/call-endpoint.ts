/** Calls a sidebar endpoint in the local runtime and unwraps `{ ok, data }`, throwing its French error. */
import type { LocalRuntime } from './runtime';

export function callEndpoint<T>(runtime: LocalRuntime, name: string, ...args: unknown[]): T {
  const result = runtime.run({ functionName: name, args, kind: 'sidebar' });
  if (!result.ok) throw new Error(`${name} : ${result.error?.message ?? 'erreur'}`);
  const envelope = result.value as { ok: boolean; data?: T; message?: string };
  if (!envelope.ok) throw new Error(`${name} : ${envelope.message ?? 'erreur'}`);
  return envelope.data as T;
}
