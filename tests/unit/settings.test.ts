import { allowedValues, SETTING_DEFAULTS, SETTING_SPECS, settingProblems, Settings } from '../../src/domain/settings';

const problem = (key: string, value: string, others: Record<string, string> = {}) =>
  settingProblems({ ...others, [key]: value }).find((p) => p.key === key)?.message;

describe('the Settings table', () => {
  it('every default passes its own validation', () => {
    expect(settingProblems(SETTING_DEFAULTS)).toEqual([]);
  });

  it('has one row per key, each with a type', () => {
    const keys = SETTING_SPECS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of SETTING_SPECS) expect(allowedValues(s)).not.toBe('');
  });

  it.each([
    ['offers.expireAfterDays', '1e10', 'Settings: offers.expireAfterDays is "1e10"; use a whole number from 1 to 60.'],
    ['offers.expireAfterDays', '-1', 'Settings: offers.expireAfterDays is "-1"; use a whole number from 1 to 60.'],
    ['offers.expireAfterDays', '61', 'Settings: offers.expireAfterDays is "61"; use a whole number from 1 to 60.'],
    ['offers.expireAfterDays', '2.5', 'Settings: offers.expireAfterDays is "2.5"; use a whole number from 1 to 60.'],
    ['offers.expireAfterDays', 'abc', 'Settings: offers.expireAfterDays is "abc"; use a whole number from 1 to 60.'],
    ['mail.reservePerDay', '1501', 'Settings: mail.reservePerDay is "1501"; use a whole number from 0 to 1500.'],
    ['match.topN', '0', 'Settings: match.topN is "0"; use a whole number from 1 to 50.'],
    ['match.weight.skills', '101', 'Settings: match.weight.skills is "101"; use a number from 0 to 100.'],
    ['match.rotationWindowDays', '3651', 'Settings: match.rotationWindowDays is "3651"; use a whole number from 1 to 3650.'],
    ['helpdesk.email', 'help desk at sofa', 'Settings: helpdesk.email is "help desk at sofa"; use one email address, or leave it empty.'],
    ['helpdesk.email', 'a@example.org, b@example.org', 'Settings: helpdesk.email is "a@example.org, b@example.org"; use one email address, or leave it empty.'],
    ['notify.newRequests', 'maybe', 'Settings: notify.newRequests is "maybe"; use TRUE or FALSE.'],
  ])('%s = %s is refused with what to write instead', (key, value, message) => {
    expect(problem(key, value)).toBe(message);
  });

  it('lists of languages and roles accept only known codes and roles', () => {
    expect(problem('languages', 'en, pt')).toBeUndefined();
    expect(problem('languages', 'en, klingon')).toMatch(/^Settings: languages is "en, klingon"; use language codes separated by commas, from: .*\bpt\b/);
    expect(problem('match.roles.client', 'Facilitator, mentor')).toBeUndefined();
    expect(problem('match.roles.client', 'wizard')).toMatch(/use roles separated by commas, from: certified trainer/);
  });

  it('a reminder must come before the expiry (a bound that depends on another key)', () => {
    expect(problem('offers.remindAfterDays', '7')).toBe('Settings: offers.remindAfterDays is "7"; use a whole number from 0 to 6.');
    expect(problem('offers.remindAfterDays', '7', { 'offers.expireAfterDays': '10' })).toBeUndefined();
    expect(problem('offers.remindAfterDays', '0')).toBeUndefined();
  });

  it('an empty value means the default; numbers as Sheets writes them are read', () => {
    expect(settingProblems({ 'offers.expireAfterDays': '', 'match.weight.skills': '12,5', 'notify.newRequests': 'false' })).toEqual([]);
    const s = new Settings({ 'offers.expireAfterDays': '', 'match.weight.skills': '12,5' });
    expect(s.number('offers.expireAfterDays')).toBe(7);
    expect(s.number('match.weight.skills')).toBe(12.5);
    expect(new Settings({ 'offers.autoOfferNext': 'yes' }).flag('offers.autoOfferNext')).toBe(true);
  });

  it('keys the table does not know are not refused (another version may read them)', () => {
    expect(settingProblems({ 'some.future.key': 'anything' })).toEqual([]);
  });
});
