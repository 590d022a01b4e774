import { Emulator } from '../host';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const run = <T>(body: string): T => new Emulator({ manifest: MANIFEST, code: `function t(){ ${body} }` }).call<T>('t');

describe('Utilities', () => {
  it("formatDate yyyy-MM-dd'T'HH:mm:ssXXX renders the wall clock and offset of America/Sao_Paulo and Asia/Kolkata", () => {
    const out = run<string[]>(`
      var d = new Date(Date.UTC(2026, 0, 15, 12, 30, 45));
      return [Utilities.formatDate(d, 'America/Sao_Paulo', "yyyy-MM-dd'T'HH:mm:ssXXX"),
              Utilities.formatDate(d, 'Asia/Kolkata', "yyyy-MM-dd'T'HH:mm:ssXXX"),
              Utilities.formatDate(d, 'Etc/UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")];`);
    expect(out).toEqual(['2026-01-15T09:30:45-03:00', '2026-01-15T18:00:45+05:30', '2026-01-15T12:30:45Z']);
  });

  it('formatDate EEE/EEEE/MMM/MMMM print English day and month names', () => {
    const out = run<string>(`return Utilities.formatDate(new Date(Date.UTC(2026, 10, 24, 9, 5, 7, 42)), 'Europe/London', 'EEE EEEE d MMM MMMM yy');`);
    expect(out).toBe('Tue Tuesday 24 Nov November 26');
  });

  it('formatDate supports 12-hour clocks, AM/PM, milliseconds, Z offsets and quoted text', () => {
    const out = run<string[]>(`
      var d = new Date(Date.UTC(2026, 6, 1, 0, 5, 7, 42));
      return [Utilities.formatDate(d, 'America/New_York', "h:mm a, hh 'o''clock' H:m:s.SSS Z"),
              Utilities.formatDate(d, 'America/New_York', "''yyyy'' M/d")];`);
    expect(out).toEqual(["8:05 PM, 08 o'clock 20:5:7.042 -0400", "'2026' 6/30"]);
  });

  // The help desk's summary reads the script time zone's offset with pattern Z (RFC 822: "+0530",
  // "-0300", "+0000" for UTC), as java.text.SimpleDateFormat prints it:
  // https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
  it('formatDate Z prints the RFC 822 offset, +0000 for UTC and half hours for Asia/Kolkata', () => {
    const out = run<string[]>(`
      var d = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));
      return [Utilities.formatDate(d, 'Etc/UTC', 'Z'), Utilities.formatDate(d, 'Asia/Kolkata', 'Z'), Utilities.formatDate(d, 'America/Sao_Paulo', 'Z'), Utilities.formatDate(d, 'Europe/Berlin', 'Z')];`);
    expect(out).toEqual(['+0000', '+0530', '-0300', '+0100']);
  });

  it('formatDate z prints the zone abbreviation, or GMT±hh:mm where the zone has none', () => {
    const out = run<string[]>(`
      var d = new Date(Date.UTC(2026, 0, 15, 12, 0, 0));
      return [Utilities.formatDate(d, 'America/New_York', 'z'), Utilities.formatDate(d, 'GMT+05:30', 'HH:mm z'), Utilities.formatDate(d, 'Etc/UTC', 'z')];`);
    expect(out).toEqual(['EST', '17:30 GMT+05:30', 'UTC']);
  });

  // Utilities.formatDate takes a java.text.SimpleDateFormat pattern
  // (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)):
  // 'Y' is the week year, 'w' the week in year and 'u' the day number of the week (1 = Monday)
  // (https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html); weeks start on
  // Sunday and week 1 holds January 1st (Java's en_US rules), so 2026-12-27..31 are week 1 of 2027.
  it('formatDate YYYY is the week year, yyyy the calendar year; w is the week in year and u the day of week', () => {
    const out = run<string[]>(`
      function f(y, m, d, p){ return Utilities.formatDate(new Date(Date.UTC(y, m - 1, d, 12)), 'Etc/UTC', p); }
      return [f(2026, 12, 26, 'YYYY yyyy w u'), f(2026, 12, 27, 'YYYY yyyy w u'), f(2026, 12, 31, 'YYYY yyyy YY w u'), f(2027, 1, 1, 'YYYY w'), f(2027, 1, 3, 'YYYY w u')];`);
    expect(out).toEqual(['2026 2026 52 6', '2027 2026 1 7', '2027 2026 27 1 4', '2027 1', '2027 2 7']);
  });

  it('formatDate rejects a non-Date with the method-signature error', () => {
    const r = new Emulator({ manifest: MANIFEST, code: 'function t(){ return Utilities.formatDate("2026-01-01", "UTC", "yyyy"); }' }).run('t');
    expect(r.error?.message).toBe("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
  });

  it('formatString substitutes %s, %d, %05d and %.2f', () => {
    expect(run<string>(`return Utilities.formatString('%s has %d items (%05d) at %.2f%%', 'Ann', 3.9, 42, 2.345);`)).toBe('Ann has 3 items (00042) at 2.35%');
  });

  it('computeDigest SHA_256 of "abc" and MD5 of "" match the standard test vectors, as signed bytes', () => {
    const [sha, md5, sha1, neg] = run<[string, string, string, number]>(`
      function hex(b){ return b.map(function(x){ return ((x + 256) % 256).toString(16).padStart(2, '0'); }).join(''); }
      var s = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc');
      return [hex(s), hex(Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, '')),
              hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, 'abc')), Math.min.apply(null, s)];`);
    expect(sha).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(md5).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(sha1).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(neg).toBeLessThan(0);
  });

  it('computeDigest SHA_512 of "abc" and computeHmacSha256Signature match the RFC vectors', () => {
    const [sha512, hmac] = run<[string, string]>(`
      function hex(b){ return b.map(function(x){ return ((x + 256) % 256).toString(16).padStart(2, '0'); }).join(''); }
      return [hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_512, 'abc')),
              hex(Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe'))];`);
    expect(sha512).toBe('ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
    expect(hmac).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('base64Encode/base64Decode round-trip Cyrillic text through UTF-8', () => {
    const out = run<[string, string, string]>(`
      var enc = Utilities.base64Encode('Привет, мир');
      var back = Utilities.newBlob(Utilities.base64Decode(enc)).getDataAsString();
      return [enc, back, Utilities.base64EncodeWebSafe([-5, -1, -2])];`);
    expect(out).toEqual([Buffer.from('Привет, мир', 'utf8').toString('base64'), 'Привет, мир', '-__-']);
  });

  it('getUuid returns distinct RFC 4122 version-4 UUIDs', () => {
    const [a, b] = run<[string, string]>('return [Utilities.getUuid(), Utilities.getUuid()];');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b).not.toBe(a);
  });

  it('sleep advances the virtual clock and refuses more than 300000 ms', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: 'function t(){ var a = Date.now(); Utilities.sleep(1500); return Date.now() - a; } function tooLong(){ Utilities.sleep(300001); }',
    });
    const start = emu.store.clock.now;
    expect(emu.call('t')).toBe(1500);
    expect(emu.store.clock.now).toBe(start + 1500);
    expect(emu.run('tooLong').ok).toBe(false);
  });

  it('parseCsv splits rows and honours quoted fields with commas, quotes and newlines', () => {
    expect(run<string[][]>(`return Utilities.parseCsv('a,"b,c",d\\n"say ""hi""","x\\ny",\\n');`)).toEqual([
      ['a', 'b,c', 'd'],
      ['say "hi"', 'x\ny', ''],
    ]);
  });

  it('newBlob keeps data, content type and name', () => {
    expect(
      run<unknown[]>(
        `var b = Utilities.newBlob('héllo', 'text/plain', 'a.txt'); return [b.getDataAsString(), b.getContentType(), b.getName(), b.getBytes().length];`,
      ),
    ).toEqual(['héllo', 'text/plain', 'a.txt', 6]);
  });
});
