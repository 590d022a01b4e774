/**
 * CacheService: string caches in store.cache that expire on the virtual clock. Documented limits:
 * keys up to 250 characters, values up to 100 KB, expiration 1..21600 s (default 600), and at
 * most 1000 items (past that the 900 items farthest from expiry are kept).
 */
import { now, rt, store } from './context';
import { asGas, strict } from './strict';
import { utf8Encode } from './blob';

type GasCache = GoogleAppsScript.Cache.Cache;
type Entries = Record<string, { value: string; expires: number }>;

const KEY_MAX = 250;
const VALUE_MAX = 100 * 1024;
const DEFAULT_TTL = 600;
const MAX_TTL = 21600;

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > KEY_MAX) throw new Error('Argument too large: key');
  return k;
}

type CacheSurface = Pick<GasCache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'>;

class Cache implements CacheSurface {
  constructor(private readonly _entries: () => Entries) {
    return strict('Cache', this);
  }

  private _live(key: string): string | null {
    const entries = this._entries();
    const e = entries[key];
    if (!e) return null;
    if (e.expires <= now()) {
      delete entries[key];
      return null;
    }
    return e.value;
  }

  private _put(key: string, value: unknown, ttl: number | undefined): void {
    const v = String(value);
    if (utf8Encode(v).length > VALUE_MAX) throw new Error('Argument too large: value');
    // Longer expirations are capped at the documented 6-hour maximum.
    const seconds = Math.min(Math.max(ttl === undefined ? DEFAULT_TTL : Number(ttl), 1), MAX_TTL);
    const entries = this._entries();
    entries[key] = { value: v, expires: now() + seconds * 1000 };
    const keys = Object.keys(entries);
    if (keys.length > 1000) {
      keys.sort((a, b) => entries[b].expires - entries[a].expires);
      for (const k of keys.slice(900)) delete entries[k];
    }
  }

  get(key: string): string | null {
    return this._live(checkKey(key));
  }

  getAll(keys: string[]): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    for (const key of keys) {
      const v = this._live(checkKey(key));
      if (v !== null) out[String(key)] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this._put(checkKey(key), value, expirationInSeconds);
  }

  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this._put(checkKey(k), v, expirationInSeconds);
  }

  remove(key: string): void {
    delete this._entries()[checkKey(key)];
  }

  removeAll(keys: string[]): void {
    for (const key of keys) delete this._entries()[checkKey(key)];
  }
}

type ServiceSurface = Pick<GoogleAppsScript.Cache.CacheService, 'getScriptCache' | 'getUserCache' | 'getDocumentCache'>;

class CacheService implements ServiceSurface {
  constructor() {
    return strict('CacheService', this);
  }

  getScriptCache(): GasCache {
    return asGas(new Cache(() => store().cache.script));
  }

  /** Scoped to the effective user, like user properties. */
  getUserCache(): GasCache {
    const user = rt().exec.effectiveUser;
    return asGas(new Cache(() => (store().cache.user[user] ??= {})));
  }

  /** null unless the script is bound to a document (documented). */
  getDocumentCache(): GasCache | null {
    if (!store().script.containerId) return null;
    return asGas(new Cache(() => store().cache.document));
  }
}

export function createCacheService(): GoogleAppsScript.Cache.CacheService {
  return asGas<GoogleAppsScript.Cache.CacheService>(new CacheService());
}
