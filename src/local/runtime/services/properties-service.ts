/**
 * The `PropertiesService` global: three string stores (script, user, document) kept in the
 * runtime's persistent state, so they survive between executions as on Apps Script.
 * Reference: developers.google.com/apps-script/reference/properties and the quotas page
 * (9 KB per value, 500 KB per store). Values are coerced to strings, a missing key reads `null`,
 * and `getDocumentProperties()` is `null` outside a document (platform/limits.md §2).
 */
import type { ExecutionEnv } from '../env';
import { counted } from './support/counted';
import { exception, hostRealm, toRealmArray, type Realm } from './support/realm';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: unknown): Properties;
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): Properties;
  getProperties(): Record<string, string>;
  getKeys(): string[];
  deleteProperty(key: string): Properties;
  deleteAllProperties(): Properties;
}

export interface PropertiesServiceGlobal {
  getScriptProperties(): Properties;
  getUserProperties(): Properties;
  getDocumentProperties(): Properties | null;
}

export interface PropertiesServiceOptions {
  realm?: Realm;
  /** False for a standalone script: `getDocumentProperties()` is then null. Default true. */
  documentBound?: boolean;
}

type StoreKey = 'scriptProperties' | 'userProperties' | 'documentProperties';

function storeBytes(store: Record<string, string>): number {
  let total = 0;
  for (const [k, v] of Object.entries(store)) {
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  return total;
}

export function createPropertiesService(
  env: ExecutionEnv,
  options: PropertiesServiceOptions = {},
): PropertiesServiceGlobal {
  const realm = options.realm ?? hostRealm;

  const makeStore = (key: StoreKey): Properties => {
    const read = (): Record<string, string> => env.state[key];
    const write = (next: Record<string, string>): void => {
      for (const value of Object.values(next)) {
        if (Buffer.byteLength(value) > PROPERTY_VALUE_MAX_BYTES) {
          throw exception(realm, 'Argument too large: value');
        }
      }
      if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) {
        throw exception(
          realm,
          'You have exceeded the property storage quota. Please remove some properties and try again.',
        );
      }
      // Mutate in place: the runtime saves the state object it handed us.
      const store = env.state[key];
      for (const k of Object.keys(store)) Reflect.deleteProperty(store, k);
      Object.assign(store, next);
    };
    const props: Properties = {
      getProperty: (k) => read()[String(k)] ?? null,
      setProperty(k, value) {
        write({ ...read(), [String(k)]: String(value) });
        return props;
      },
      setProperties(values, deleteAllOthers = false) {
        const next: Record<string, string> = deleteAllOthers ? {} : { ...read() };
        for (const [k, v] of Object.entries(values)) next[k] = String(v);
        write(next);
        return props;
      },
      getProperties: () => ({ ...read() }),
      getKeys: () => toRealmArray(realm, Object.keys(read())),
      deleteProperty(k) {
        const name = String(k);
        write(Object.fromEntries(Object.entries(read()).filter(([other]) => other !== name)));
        return props;
      },
      deleteAllProperties() {
        write({});
        return props;
      },
    };
    return counted(env.counter, 'Properties', props);
  };

  const service: PropertiesServiceGlobal = {
    getScriptProperties: () => makeStore('scriptProperties'),
    getUserProperties: () => makeStore('userProperties'),
    getDocumentProperties: () =>
      options.documentBound === false ? null : makeStore('documentProperties'),
  };
  return counted(env.counter, 'PropertiesService', service);
}
