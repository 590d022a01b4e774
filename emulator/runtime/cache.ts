// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createCacheService(): GoogleAppsScript.Cache.CacheService {
  return strict('CacheService', {}) as unknown as GoogleAppsScript.Cache.CacheService;
}
