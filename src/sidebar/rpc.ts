/**
 * Typed promise wrapper over google.script.run. The server's endpoints already answer
 * `{ ok, data } | { ok: false, code, message }`; a transport failure (the execution crashed,
 * timed out, or the user lost authorisation) is turned into the same shape.
 */
import type { ApiResult, CrmApi } from '../server/api/contract';

type DataOf<K extends keyof CrmApi> = ReturnType<CrmApi[K]> extends ApiResult<infer T> ? T : never;

export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function callServer<K extends keyof CrmApi>(
  name: K,
  ...args: Parameters<CrmApi[K]>
): Promise<DataOf<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const result = value as ApiResult<DataOf<K>> | null;
        if (result && result.ok) resolve(result.data);
        else
          reject(
            new RpcError(result?.code ?? 'INTERNAL', result?.message ?? 'Réponse vide du serveur.'),
          );
      })
      .withFailureHandler((error) => {
        reject(new RpcError('TRANSPORT', `Le serveur n’a pas répondu : ${error.message}`));
      });
    const fn = runner[name] as (...a: unknown[]) => void;
    fn.apply(runner, args);
  });
}
