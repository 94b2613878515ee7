/**
 * `google.script.run` and `google.script.host` for the real Sidebar.html served by the local
 * server: each call is POSTed to /api/run, where the runtime applies Google's serialisation
 * rules. Arguments are checked here too, because JSON.stringify would silently turn a Date into a
 * string that Google would have refused.
 */
type Handler = (value: unknown, userObject?: unknown) => void;

interface RunResponse {
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}

function findForbidden(value: unknown, where: string): string | null {
  if (value instanceof Date) return `${where} est une Date`;
  if (typeof value === 'function') return `${where} est une fonction`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbidden(value[i], `${where}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findForbidden(item, `${where}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function notifyParent(functionName: string): void {
  if (window.parent !== window)
    window.parent.postMessage({ type: 'gas-run-done', functionName }, '*');
}

function makeRunner(
  success?: Handler,
  failure?: Handler,
  userObject?: unknown,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    withSuccessHandler: (handler: Handler) => makeRunner(handler, failure, userObject),
    withFailureHandler: (handler: Handler) => makeRunner(success, handler, userObject),
    withUserObject: (object: unknown) => makeRunner(success, failure, object),
  };
  return new Proxy(base, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (property in target) return target[property];
      return (...args: unknown[]) => {
        const forbidden = findForbidden(args, 'paramètres');
        if (forbidden) {
          setTimeout(() =>
            failure?.(
              new Error(`google.script.run : ${forbidden}, ce que Google refuse.`),
              userObject,
            ),
          );
          return;
        }
        fetch('/api/run', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ functionName: property, args }),
        })
          .then((response) => response.json() as Promise<RunResponse>)
          .then((result) => {
            if (result.ok) success?.(result.value ?? null, userObject);
            else {
              const error = new Error(result.error?.message ?? 'Erreur inconnue');
              error.name = result.error?.name ?? 'ScriptError';
              failure?.(error, userObject);
            }
          })
          .catch((error: unknown) =>
            failure?.(error instanceof Error ? error : new Error(String(error)), userObject),
          )
          .finally(() => notifyParent(property));
      };
    },
  });
}

const host = {
  close: () => window.parent.postMessage({ type: 'gas-host-close' }, '*'),
  setHeight: () => undefined,
  setWidth: () => undefined,
  editor: { focus: () => undefined },
};

(window as unknown as { google: unknown }).google = { script: { run: makeRunner(), host } };
