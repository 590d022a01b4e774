/**
 * The README's "Run your own Apps Script bundle offline" walkthrough, run for real on a small
 * Apps Script project that is not this repository's: a chores list bound to a spreadsheet, in
 * three script files written to a temporary directory as `clasp push` would send them.
 *
 * Apps Script loads every server script file of a project into one global namespace
 * (https://developers.google.com/apps-script/guides/import-export, "All server files are loaded
 * into the same global namespace"), running their top-level code in the project's file order,
 * which clasp sets from `filePushOrder` and otherwise by path
 * (https://github.com/google/clasp#project-settings-file-claspjson, filePushOrder).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Driver, Emulator, readScriptFiles } from '@training-help-desk/gas-emulator';

const CONFIG_JS = `
var CHORES_SHEET = 'Chores';
var HEADERS = ['Chore', 'Who', 'Done'];
`;

const MENU_JS = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Chores')
    .addItem('Add the weekly chores', 'addWeeklyChores')
    .addItem('Remind me every hour', 'installReminder')
    .addToUi();
}
`;

const CHORES_JS = `
function choresSheet_() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = ss.getSheetByName(CHORES_SHEET) || ss.insertSheet(CHORES_SHEET);
  if (sheet.getLastRow() === 0) sheet.appendRow(HEADERS);
  return sheet;
}
function addWeeklyChores() {
  var sheet = choresSheet_();
  sheet.getRange(sheet.getLastRow() + 1, 1, 2, 3).setValues([['Dishes', 'Ana', false], ['Bins', 'Bo', false]]);
  SpreadsheetApp.getActive().toast('2 chores added');
}
function installReminder() {
  ScriptApp.newTrigger('remind').timeBased().everyHours(1).create();
}
function remind() {
  var open = choresSheet_().getDataRange().getValues().slice(1).filter(function (r) { return r[2] !== true; });
  MailApp.sendEmail(Session.getEffectiveUser().getEmail(), open.length + ' chores open', open.map(function (r) { return r[0]; }).join(', '));
}
`;

const MANIFEST = {
  timeZone: 'Europe/Lisbon',
  runtimeVersion: 'V8',
  oauthScopes: [
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.container.ui',
    'https://www.googleapis.com/auth/script.scriptapp',
    'https://www.googleapis.com/auth/script.send_mail',
    'https://www.googleapis.com/auth/userinfo.email',
  ],
};

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gas-project-'));
  for (const [name, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), source);
  }
  return dir;
}

describe('running another Apps Script project offline', () => {
  it('loads every script file of the project dir, opens the spreadsheet, clicks a menu, fires a trigger', () => {
    // 1. The project as clasp pushes it: script files, the manifest (and any .html files).
    const dir = project({
      'Config.js': CONFIG_JS,
      'Menu.js': MENU_JS,
      'lib/Chores.gs': CHORES_JS,
      'appsscript.json': JSON.stringify(MANIFEST),
      'README.md': 'not a script file',
    });
    // 2. A new world: a spreadsheet bound to the script, owned by this user.
    const d = new Driver({ dir, owner: 'me@example.org', spreadsheetName: 'Chores 2027', now: Date.UTC(2027, 0, 4, 9) });
    expect(d.store.script.timeZone).toBe('Europe/Lisbon');

    // 3. Opening the spreadsheet runs the onOpen simple trigger, which adds the menu.
    expect(d.open().ok).toBe(true);
    expect(d.menus()).toEqual([
      { name: 'Chores', items: [expect.objectContaining({ caption: 'Add the weekly chores' }), expect.objectContaining({ caption: 'Remind me every hour' })] },
    ]);

    // 4. A menu click is one execution; its code sees globals of the other files.
    expect(d.clickMenu('Add the weekly chores').ok).toBe(true);
    expect(d.sheetValues('Chores')).toEqual([
      ['Chore', 'Who', 'Done'],
      ['Dishes', 'Ana', false],
      ['Bins', 'Bo', false],
    ]);
    expect(d.toasts().map((t) => t.message)).toEqual(['2 chores added']);

    // 5. An installable trigger fires when the virtual clock passes its time.
    expect(d.clickMenu('Remind me every hour').ok).toBe(true);
    const runs = d.advanceClock(60 * 60_000);
    expect(runs.map((r) => r.ok)).toEqual([true]);
    expect(d.outbox().map((m) => [m.to, m.subject, m.body])).toEqual([[['me@example.org'], '2 chores open', 'Dishes, Bins']]);
    expect(d.emu.publicFunctions()).toEqual(['addWeeklyChores', 'installReminder', 'onOpen', 'remind']);
  });

  it('runs the files in clasp order: filePushOrder first, then by path', () => {
    const dir = project({ 'a.js': 'var greeting = PREFIX + "world";\nfunction hello(){ return greeting; }', 'b.js': 'var PREFIX = "hello ";' });
    expect(readScriptFiles(dir).map((f) => f.name)).toEqual(['a.js', 'b.js']);
    // a.js runs first and reads PREFIX before b.js declares it, as on Apps Script.
    expect(new Emulator({ dir }).run('hello').error?.message).toBe('PREFIX is not defined');
    expect(readScriptFiles(dir, ['b.js']).map((f) => f.name)).toEqual(['b.js', 'a.js']);
    expect(new Emulator({ dir, filePushOrder: ['b.js'] }).call('hello')).toBe('hello world');
  });

  it('shares one global scope between files given as text, and a name declared twice fails every execution', () => {
    const emu = new Emulator({
      files: [
        { name: 'One.gs', source: 'const LIMIT = 3;' },
        { name: 'Two.gs', source: 'function limit(){ return LIMIT; }' },
      ],
    });
    expect(emu.call('limit')).toBe(3);
    const clash = new Emulator({
      files: [
        { name: 'One.gs', source: 'const LIMIT = 3;' },
        { name: 'Two.gs', source: 'const LIMIT = 4; function limit(){ return LIMIT; }' },
      ],
    });
    expect(clash.run('limit').error?.message).toBe("Identifier 'LIMIT' has already been declared");
  });

  it('fails clearly when the project directory has not been built', () => {
    expect(() => new Emulator({ dir: path.join(os.tmpdir(), 'no-such-gas-project') })).toThrow(/does not exist: build the project first/);
  });
});
