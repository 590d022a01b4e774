// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createPropertiesService(): GoogleAppsScript.Properties.PropertiesService {
  return strict('PropertiesService', {}) as unknown as GoogleAppsScript.Properties.PropertiesService;
}
