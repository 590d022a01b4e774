/** Menu actions as the help desk experiences them: do the work, then say what happened. */
import { describe, setUpRegistry } from './setup';
import { activeSpreadsheet } from '../gas/sheets';

export function setUpRegistryFromMenu(): void {
  const report = setUpRegistry();
  activeSpreadsheet().toast(describe(report), 'Set up registry', 8);
}
