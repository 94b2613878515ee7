/**
 * The `CacheService` global: three string caches whose entries expire by the runtime clock
 * (`env.now()`), kept in the persistent state so a cached value outlives the execution as on
 * Apps Script. Reference: developers.google.com/apps-script/reference/cache/cache — keys up to
 * 250 characters, values up to 100 KB, expiry default 600 s and at most 21,600 s, and at most
 * 1,000 items (above that the 900 entries farthest from expiry are kept) (platform/limits.md §5).
 * Oversized keys and values throw `Argument too large: key` / `…: value`, as observed in
 * community reports.
 */
import type { ExecutionEnv } from '../env';
import { counted } from './support/counted';
import { exception, hostRealm, type Realm } from './support/realm';

export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_TTL_S = 600;
export const CACHE_MAX_TTL_S = 21_600;
const CACHE_MAX_ITEMS = 1000;
const CACHE_KEPT_ITEMS = 900;

export interface Cache {
  get(key: string): string | null;
  getAll(keys: string[]): Record<string, string>;
  put(key: string, value: string, expirationInSeconds?: number): void;
  putAll(values: Record<string, string>, expirationInSeconds?: number): void;
  remove(key: string): void;
  removeAll(keys: string[]): void;
}

export interface CacheServiceGlobal {
  getScriptCache(): Cache;
  getUserCache(): Cache;
  getDocumentCache(): Cache | null;
}

export interface CacheServiceOptions {
  realm?: Realm;
  /** False for a standalone script: `getDocumentCache()` is then null. Default true. */
  documentBound?: boolean;
}

export function createCacheService(
  env: ExecutionEnv,
  options: CacheServiceOptions = {},
): CacheServiceGlobal {
  const realm = options.realm ?? hostRealm;

  const makeCache = (scope: 'script' | 'user' | 'document'): Cache => {
    const entries = () => env.state.cache[scope];
    const live = (key: string): string | null => {
      const entry = entries()[key];
      if (entry === undefined) return null;
      if (entry.expiresAt <= env.now().getTime()) {
        Reflect.deleteProperty(entries(), key);
        return null;
      }
      return entry.value;
    };
    const checkKey = (key: string): string => {
      const k = String(key);
      if (k.length > CACHE_KEY_MAX_CHARS) throw exception(realm, 'Argument too large: key');
      return k;
    };
    const store = (key: string, value: string, ttl: number | undefined): void => {
      const text = String(value);
      if (Buffer.byteLength(text) > CACHE_VALUE_MAX_BYTES) {
        throw exception(realm, 'Argument too large: value');
      }
      const seconds = Math.min(Math.max(ttl ?? CACHE_DEFAULT_TTL_S, 1), CACHE_MAX_TTL_S);
      entries()[key] = { value: text, expiresAt: env.now().getTime() + seconds * 1000 };
    };
    const evict = (): void => {
      const all = entries();
      const now = env.now().getTime();
      for (const [k, e] of Object.entries(all))
        if (e.expiresAt <= now) Reflect.deleteProperty(all, k);
      const keys = Object.keys(all);
      if (keys.length <= CACHE_MAX_ITEMS) return;
      keys
        .sort((a, b) => (all[b]?.expiresAt ?? 0) - (all[a]?.expiresAt ?? 0))
        .slice(CACHE_KEPT_ITEMS)
        .forEach((k) => Reflect.deleteProperty(all, k));
    };
    const cache: Cache = {
      get: (key) => live(checkKey(key)),
      getAll(keys) {
        const out: Record<string, string> = {};
        for (const key of keys) {
          const value = live(checkKey(key));
          if (value !== null) out[String(key)] = value;
        }
        return out;
      },
      put(key, value, ttl) {
        store(checkKey(key), value, ttl);
        evict();
      },
      putAll(values, ttl) {
        for (const [key, value] of Object.entries(values)) store(checkKey(key), value, ttl);
        evict();
      },
      remove(key) {
        Reflect.deleteProperty(entries(), checkKey(key));
      },
      removeAll(keys) {
        for (const key of keys) Reflect.deleteProperty(entries(), checkKey(key));
      },
    };
    return counted(env.counter, 'Cache', cache);
  };

  const service: CacheServiceGlobal = {
    getScriptCache: () => makeCache('script'),
    getUserCache: () => makeCache('user'),
    getDocumentCache: () => (options.documentBound === false ? null : makeCache('document')),
  };
  return counted(env.counter, 'CacheService', service);
}
