// Placeholder until this service is emulated: every member throws 'not emulated'.
import { strict } from './strict';

export function createScriptApp(): GoogleAppsScript.Script.ScriptApp {
  return strict('ScriptApp', {}) as unknown as GoogleAppsScript.Script.ScriptApp;
}
