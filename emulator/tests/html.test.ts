import { Emulator } from '../host';

/** No oauthScopes: these cases are about the service, not the project's manifest. */
const MANIFEST = { timeZone: 'Etc/UTC', runtimeVersion: 'V8' };

const run = <T>(body: string, files: Record<string, string> = {}): T => {
  const emu = new Emulator({ manifest: MANIFEST, code: `function t(){ ${body} }` });
  emu.store.script.htmlFiles = files;
  return emu.call<T>('t');
};

describe('HtmlService', () => {
  it('<?= ?> HTML-escapes the value while <?!= ?> prints it raw', () => {
    expect(run<string>(`return HtmlService.createTemplate('<?= "<b>" ?>|<?!= "<b>" ?>').evaluate().getContent();`)).toBe('&lt;b&gt;|<b>');
    expect(
      run<string>(`var t = HtmlService.createTemplate('<a title="<?= v ?>">'); t.v = 'x' + String.fromCharCode(39, 38, 34); return t.evaluate().getContent();`),
    ).toBe('<a title="x&#39;&amp;&quot;">');
  });

  it('template variables are properties assigned on the template', () => {
    expect(
      run<string>(`var t = HtmlService.createTemplate('<h1><?= title ?></h1><? for (var i = 0; i < data.length; i++) { ?><li><?= data[i] ?></li><? } ?>');
      t.title = 'A & B'; t.data = ['x', 'y']; return t.evaluate().getContent();`),
    ).toBe('<h1>A &amp; B</h1><li>x</li><li>y</li>');
  });

  it("scriptlets can call the script's own functions (the include pattern)", () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: `function include(n){ return HtmlService.createHtmlOutputFromFile(n).getContent(); }
      function t(){ return HtmlService.createTemplateFromFile('Page').evaluate().getContent(); }`,
    });
    emu.store.script.htmlFiles = { Page: '<body><?!= include("Css") ?></body>', Css: '<style>b{}</style>' };
    expect(emu.call('t')).toBe('<body><style>b{}</style></body>');
  });

  it('inside <script> a printing scriptlet writes a JavaScript literal', () => {
    expect(
      run<string>(
        `var t = HtmlService.createTemplate('<script>var x = <?= v ?>;</script><p><?= v ?></p>'); t.v = {a: '</script>'}; return t.evaluate().getContent();`,
      ),
    ).toBe('<script>var x = {"a":"\\u003c/script\\u003e"};</script><p>[object Object]</p>');
  });

  it('createHtmlOutputFromFile with an unknown file throws "No HTML file named <name> was found."', () => {
    const emu = new Emulator({
      manifest: MANIFEST,
      code: 'function t(){ HtmlService.createHtmlOutputFromFile("Nope"); } function u(){ HtmlService.createTemplateFromFile("Nope"); }',
    });
    expect(emu.run('t').error?.message).toBe('No HTML file named Nope was found.');
    expect(emu.run('u').error?.message).toBe('No HTML file named Nope was found.');
  });

  it('HtmlOutput keeps content, title, size and escapes appendUntrusted', () => {
    expect(
      run<unknown[]>(`var o = HtmlService.createHtmlOutput('<h1>T</h1>');
      var before = o.getTitle();
      o.setTitle('Sidebar').setWidth(300).setHeight(200).append('<p>').appendUntrusted('<script>alert(1)</script>')
        .setSandboxMode(HtmlService.SandboxMode.IFRAME).setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
      return [before, o.getTitle(), o.getWidth(), o.getHeight(), o.getContent()];`),
    ).toEqual(['', 'Sidebar', 300, 200, '<h1>T</h1><p>&lt;script&gt;alert(1)&lt;/script&gt;']);
  });

  it('createHtmlOutputFromFile serves the file as is, without evaluating scriptlets', () => {
    expect(run<string>(`return HtmlService.createHtmlOutputFromFile('Index').getContent();`, { Index: '<p><?= x ?></p>' })).toBe('<p><?= x ?></p>');
  });

  it('getRawContent returns the template text', () => {
    expect(run<string>(`return HtmlService.createTemplate('Hi <?= n ?>').getRawContent();`)).toBe('Hi <?= n ?>');
  });
});
