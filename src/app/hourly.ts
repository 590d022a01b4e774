/** The hourly run: catch up any form response a trigger missed, and send queued email. */
import { processAllResponses } from './intake';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog, logStructureOnce } from '../gas/log';
import { StructureError } from '../gas/structure';
import { Outbox } from '../gas/mail';
import { readLists, readSettings, readTemplates, validationLists } from '../gas/registry';
import { readPolicy } from '../domain/policy';
import { offerContext, remindAndExpire } from './offers';

export function runHourly(): void {
  const ss = activeSpreadsheet();
  try {
    hourlyWork(ss);
  } catch (err) {
    // A broken registry is logged once and nothing else is done until it is repaired.
    if (err instanceof StructureError) logStructureOnce(ss, err, 'The hourly run');
    else throw err;
  }
}

function hourlyWork(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const intake = processAllResponses();
  const { mail, offers } = withScriptLock(() => {
    const settings = readSettings(ss);
    const ctx = offerContext(ss, settings, readPolicy(settings), readTemplates(ss), validationLists(readLists(ss, settings)));
    const offers = remindAndExpire(ctx);
    const outbox = new Outbox(ss, settings, ctx.log);
    const mail = outbox.deliver('all');
    outbox.trimSent();
    appendLog(ss, ctx.log);
    return { offers, mail };
  });
  if (intake.created.length || intake.updated.length || mail.sent || offers.reminded || offers.expired) {
    appendLog(ss, [{ action: 'Hourly run', subject: ss.getName(), details: `responses: ${intake.created.length} new, ${intake.updated.length} updated; offers reminded: ${offers.reminded}, expired: ${offers.expired}; queued email sent: ${mail.sent}, waiting: ${mail.waiting}` }]);
  }
}
