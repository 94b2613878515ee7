/**
 * google.script.run as a promise for the dialogs, typed by the server's endpoint list. A refusal
 * (`{ ok: false, message }`) and a transport failure both reject with a French message.
 */
import type { ApiResult, CrmApi } from '../server/api/contract';

export type DataOf<K extends keyof CrmApi> =
  ReturnType<CrmApi[K]> extends ApiResult<infer T> ? T : never;

export function callServer<K extends keyof CrmApi>(
  name: K,
  ...args: Parameters<CrmApi[K]>
): Promise<DataOf<K>> {
  return new Promise<DataOf<K>>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const result = value as ApiResult<DataOf<K>> | null;
        if (result && result.ok) resolve(result.data);
        else
          reject(
            new Error(
              result ? result.message : 'Réponse vide du serveur : réessayez dans un instant.',
            ),
          );
      })
      .withFailureHandler((error) => {
        reject(new Error(`Le serveur n’a pas répondu : ${error.message}`));
      });
    const fn = runner[name] as (...a: unknown[]) => void;
    fn.apply(runner, args);
  });
}
