/** The hourly run: catch up any form response a trigger missed, and send queued email. */
import { processAllResponses } from './intake';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog } from '../gas/log';
import { drainOutbox } from '../gas/mail';
import { readSettings } from '../gas/registry';

export function runHourly(): void {
  const ss = activeSpreadsheet();
  const intake = processAllResponses();
  const mail = withScriptLock(() => drainOutbox(ss, readSettings(ss)));
  if (intake.created.length || intake.updated.length || mail.sent) {
    appendLog(ss, [{ action: 'Hourly run', subject: ss.getName(), details: `responses: ${intake.created.length} new, ${intake.updated.length} updated; queued email sent: ${mail.sent}, waiting: ${mail.waiting}` }]);
  }
}
