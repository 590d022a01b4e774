/**
 * The crash-point sweep helper (emulator/drivers/crash.ts). Apps Script can end an execution at
 * any point (the 6-minute limit, https://developers.google.com/apps-script/guides/services/quotas);
 * what it already wrote stays written. The sweep finds the crash points after which the normal
 * recovery does not put the world right.
 */
import { assertSweep, crashSweep, Driver, formatSweep } from '../driver';

const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

/** "Send" a message once: the naive version marks it sent after sending, the journalled one records the intent first. */
const CODE = `
function naiveSend(){
  var p = PropertiesService.getScriptProperties();
  if (p.getProperty('marked') === 'yes') return 'already';
  MailApp.sendEmail('ana@example.org', 'Welcome', 'Hello');
  p.setProperty('marked', 'yes');
  return 'sent';
}
function countSheetRow(){
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  sheet.getRange(1, 1).setValue('a');
  sheet.getRange(1, 2).setValue('b');
  sheet.getRange(1, 3).setValue('c');
}
`;

function world(): Driver {
  return new Driver({ code: CODE, manifest: MANIFEST });
}

const sent = (d: Driver) => d.outbox().filter((m) => m.subject === 'Welcome').length;

describe('crash-point sweep', () => {
  it("counts the action's calls, tries every k, and names the point where recovery sends twice", () => {
    const report = crashSweep({
      world: world(),
      action: (d) => d.callServer('naiveSend'),
      recovery: (d) => d.callServer('naiveSend'),
      invariants: (d) => {
        if (sent(d) !== 1) throw new Error(`${sent(d)} welcome emails`);
      },
    });
    expect(report.calls).toEqual(['PropertiesService.getScriptProperties', 'Properties.getProperty', 'MailApp.sendEmail', 'Properties.setProperty']);
    expect(report.n).toBe(4);
    expect(report.tried).toBe(4);
    // Killed right after the send, before the mark: the retry sends again. That is the one-call window.
    expect(report.failures).toEqual([{ k: 3, after: 'MailApp.sendEmail', message: '2 welcome emails' }]);
    expect(formatSweep(report)).toContain('k=3 (after MailApp.sendEmail): 2 welcome emails');
    expect(() => assertSweep(report)).toThrow(/1 of 4 crash points failed/);
  });

  it('reports a baseline that fails without any crash as k = 0', () => {
    const report = crashSweep({
      world,
      action: (d) => d.callServer('naiveSend'),
      invariants: () => {
        throw new Error('always wrong');
      },
    });
    expect(report.failures[0]).toEqual({ k: 0, after: '', message: 'without any crash: always wrong' });
  });

  it('writes made before the crash stay in the forked world, and each point starts from a fresh copy', () => {
    const seen: string[] = [];
    const report = crashSweep({
      world: world(),
      action: (d) => d.callServer('countSheetRow'),
      invariants: (d) => {
        seen.push(d.sheetValues(d.sheetNames()[0])[0]?.join('') ?? '');
      },
    });
    // Calls: getActiveSpreadsheet, getSheets, then getRange+setValue three times = 8.
    expect(report.n).toBe(8);
    expect(seen).toEqual(['abc', '', '', '', 'a', 'a', 'ab', 'ab', 'abc']);
  });

  it("a sweep of a few hundred points tries every one of them on its own fork (speed is the bench's to show, not a timed test)", () => {
    const code = `function many(){ var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; for (var i = 0; i < 150; i++) s.getRange(i + 1, 1).setValue(i); }`;
    const base = new Driver({ code, manifest: MANIFEST });
    const report = crashSweep({
      world: base,
      action: (d) => d.callServer('many'),
      invariants: (d) => {
        const n = d.sheetValues(d.sheetNames()[0]).length;
        if (n > 150) throw new Error(`${n} rows`);
      },
    });
    expect(report.n).toBe(302);
    expect(report.tried).toBe(302);
    expect(report.failures).toEqual([]);
  });
});
