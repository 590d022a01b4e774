/**
 * PropertiesService: string key/value stores kept in store.properties. Values are coerced to
 * strings; the documented quotas (9 KB per value, 500 KB per store, keys counted) throw the
 * message real Apps Script gives for both: "You have exceeded the property storage quota…".
 * User properties belong to the effective user (a web app run "as me" sees the owner's store).
 */
import { rt, store } from './context';
import { asGas, strict } from './strict';
import { utf8Encode } from './blob';

type GasProperties = GoogleAppsScript.Properties.Properties;
type Dict = Record<string, string>;

const VALUE_MAX = 9 * 1024;
const STORE_MAX = 500 * 1024;
const QUOTA_ERROR = 'You have exceeded the property storage quota. Please remove some properties and try again.';

function size(map: Dict): number {
  let n = 0;
  for (const [k, v] of Object.entries(map)) n += utf8Encode(k).length + utf8Encode(v).length;
  return n;
}

type PropertiesSurface = Pick<
  GasProperties,
  'getProperty' | 'setProperty' | 'setProperties' | 'getProperties' | 'getKeys' | 'deleteProperty' | 'deleteAllProperties'
>;

class Properties implements PropertiesSurface {
  constructor(private readonly _map: () => Dict) {
    return strict('Properties', this);
  }

  /** Applies a change only if the result stays within quota. */
  private _commit(next: Dict): void {
    for (const v of Object.values(next)) if (utf8Encode(v).length > VALUE_MAX) throw new Error(QUOTA_ERROR);
    if (size(next) > STORE_MAX) throw new Error(QUOTA_ERROR);
    const map = this._map();
    for (const k of Object.keys(map)) delete map[k];
    Object.assign(map, next);
  }

  getProperty(key: string): string | null {
    const map = this._map();
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(map, k) ? map[k] : null;
  }

  setProperty(key: string, value: string): GasProperties {
    this._commit({ ...this._map(), [String(key)]: String(value) });
    return asGas(this);
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): GasProperties {
    const next: Dict = deleteAllOthers ? {} : { ...this._map() };
    for (const [k, v] of Object.entries(properties)) next[k] = String(v);
    this._commit(next);
    return asGas(this);
  }

  getProperties(): { [key: string]: string } {
    return { ...this._map() };
  }

  getKeys(): string[] {
    return Object.keys(this._map());
  }

  deleteProperty(key: string): GasProperties {
    delete this._map()[String(key)];
    return asGas(this);
  }

  deleteAllProperties(): GasProperties {
    const map = this._map();
    for (const k of Object.keys(map)) delete map[k];
    return asGas(this);
  }
}

type ServiceSurface = Pick<GoogleAppsScript.Properties.PropertiesService, 'getScriptProperties' | 'getUserProperties' | 'getDocumentProperties'>;

class PropertiesService implements ServiceSurface {
  constructor() {
    return strict('PropertiesService', this);
  }

  getScriptProperties(): GasProperties {
    return asGas(new Properties(() => store().properties.script));
  }

  getUserProperties(): GasProperties {
    const user = rt().exec.effectiveUser;
    return asGas(new Properties(() => (store().properties.user[user] ??= {})));
  }

  /** null unless the script is bound to a document (documented). */
  getDocumentProperties(): GasProperties {
    if (!store().script.containerId) return null as unknown as GasProperties;
    return asGas(new Properties(() => store().properties.document));
  }
}

export function createPropertiesService(): GoogleAppsScript.Properties.PropertiesService {
  return asGas<GoogleAppsScript.Properties.PropertiesService>(new PropertiesService());
}
