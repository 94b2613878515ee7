/**
 * Typed promise wrapper over google.script.run. The server's endpoints already answer
 * `{ ok, data } | { ok: false, code, message, fieldErrors? }`; a transport failure (the execution
 * crashed, timed out, or the user lost authorisation) is turned into the same shape, with a French
 * message in place of Google's English one (the original kept at the end, for support). It also
 * counts the calls in flight, so that the sidebar can show one thin progress line for all of them.
 */
import type { ApiResult, CrmApi, FieldError } from '../server/api/contract';

export type DataOf<K extends keyof CrmApi> =
  ReturnType<CrmApi[K]> extends ApiResult<infer T> ? T : never;

export class RpcError extends Error {
  /** Errors to show next to form fields (schema key → message), possibly empty. */
  readonly fieldErrors: readonly FieldError[];

  constructor(
    readonly code: string,
    message: string,
    fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'RpcError';
    this.fieldErrors = fieldErrors;
  }
}

type PendingListener = (pending: number) => void;
let pending = 0;
const listeners = new Set<PendingListener>();

function setPending(delta: number): void {
  pending += delta;
  for (const listener of listeners) listener(pending);
}

/** The number of server calls in flight. */
export function pendingCalls(): number {
  return pending;
}

/** Called with the number of server calls in flight each time it changes; returns an unsubscribe. */
export function onPendingChange(listener: PendingListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * What the failure handler of google.script.run receives is Google's text, in English ("NetworkError:
 * Connection failure due to HTTP 0", "Exceeded maximum execution time", "Authorization is required
 * to perform that action."): the user gets what happened and what to do, in French.
 */
const TRANSPORT_MESSAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /network|failed to fetch|connection failure|HTTP 0/i,
    'Connexion perdue avec Google : vérifiez le réseau, puis réessayez.',
  ],
  [
    /authori[sz]ation|permission/i,
    'Google demande à nouveau votre autorisation : rechargez la feuille, puis rouvrez le panneau depuis le menu CRM UTPLA.',
  ],
  [
    /maximum execution time|timed? ?out|timeout/i,
    'L’opération a dépassé la durée maximale permise par Google : réessayez dans un instant.',
  ],
  [
    /too many times|quota|rate limit/i,
    'Quota Google atteint : réessayez plus tard (les quotas se renouvellent chaque jour).',
  ],
];

export function transportMessage(raw: string): string {
  const known = TRANSPORT_MESSAGES.find(([pattern]) => pattern.test(raw));
  const text = known ? known[1] : 'Le serveur n’a pas répondu : réessayez dans un instant.';
  return raw.trim() === '' ? text : `${text} (détail : ${raw.trim()})`;
}

/** The refusal as an RpcError; a lone `field` (older endpoints) becomes a one-entry fieldErrors. */
function toRpcError(result: ApiResult<unknown> | null): RpcError {
  if (!result || result.ok)
    return new RpcError('INTERNAL', 'Réponse vide du serveur : réessayez dans un instant.');
  const fieldErrors =
    result.fieldErrors && result.fieldErrors.length > 0
      ? result.fieldErrors
      : result.field
        ? [{ field: result.field, message: result.message }]
        : [];
  return new RpcError(result.code, result.message, fieldErrors);
}

export function callServer<K extends keyof CrmApi>(
  name: K,
  ...args: Parameters<CrmApi[K]>
): Promise<DataOf<K>> {
  setPending(1);
  return new Promise<DataOf<K>>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const result = value as ApiResult<DataOf<K>> | null;
        if (result && result.ok) resolve(result.data);
        else reject(toRpcError(result));
      })
      .withFailureHandler((error) => {
        reject(new RpcError('TRANSPORT', transportMessage(error.message)));
      });
    const fn = runner[name] as (...a: unknown[]) => void;
    fn.apply(runner, args);
  }).finally(() => setPending(-1));
}

/** The French text of any error caught around a server call. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
