/**
 * HtmlService: HtmlOutput pages and HtmlTemplate scriptlets (<? code ?>, <?= printed ?>,
 * <?!= raw ?>). A template compiles to JavaScript run with `new Function` inside the realm, so
 * scriptlets see the script's globals; the template's own properties (template.data = …) are
 * passed in as parameters of that function. Printing scriptlets escape contextually: HTML text
 * and attributes get & < > " ' escaped, inside <script> the value is written as a JSON literal.
 */
import { store } from './context';
import { asGas, strict } from './strict';
import { enumArg, makeEnum } from './enums';
import { Blob, utf8Encode } from './blob';

type GasOutput = GoogleAppsScript.HTML.HtmlOutput;
type GasTemplate = GoogleAppsScript.HTML.HtmlTemplate;

// Enum objects (https://developers.google.com/apps-script/reference/html/sandbox-mode, …/x-frame-options-mode).
export const SandboxMode = makeEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE']);
export const XFrameOptionsMode = makeEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT']);

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A JSON literal safe inside a <script> element. */
function jsLiteral(value: unknown): string {
  const json = JSON.stringify(value === undefined ? null : value) ?? 'null';
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function textOf(source: unknown): string {
  if (source === undefined || source === null) return '';
  if (typeof source === 'string') return source;
  const blob = source as { getBlob?: () => GoogleAppsScript.Base.Blob; getDataAsString?: () => string };
  if (blob.getDataAsString) return blob.getDataAsString();
  if (blob.getBlob) return blob.getBlob().getDataAsString();
  return String(source);
}

function projectFile(filename: string): string {
  const files = store().script.htmlFiles;
  const name = String(filename);
  const found = files[name] ?? files[name.replace(/\.html$/, '')];
  if (found === undefined) throw new Error(`No HTML file named ${name} was found.`);
  return found;
}

// ---------- HtmlOutput ----------

type MetaTagSurface = Pick<GoogleAppsScript.HTML.HtmlOutputMetaTag, 'getName' | 'getContent'>;

class HtmlOutputMetaTag implements MetaTagSurface {
  constructor(
    private readonly _name: string,
    private readonly _content: string,
  ) {
    return strict('HtmlOutputMetaTag', this);
  }

  getName(): string {
    return this._name;
  }

  getContent(): string {
    return this._content;
  }
}

type OutputSurface = Pick<
  GasOutput,
  | 'getContent'
  | 'setContent'
  | 'append'
  | 'appendUntrusted'
  | 'clear'
  | 'getTitle'
  | 'setTitle'
  | 'getWidth'
  | 'setWidth'
  | 'getHeight'
  | 'setHeight'
  | 'setSandboxMode'
  | 'setXFrameOptionsMode'
  | 'addMetaTag'
  | 'getMetaTags'
  | 'setFaviconUrl'
  | 'getFaviconUrl'
  | 'getBlob'
  | 'asTemplate'
>;

export class HtmlOutput implements OutputSurface {
  private _content: string;
  private _title = '';
  private _width: number | null = null;
  private _height: number | null = null;
  private _faviconUrl: string | null = null;
  private _metaTags: { name: string; content: string }[] = [];
  /** Recorded only: IFRAME is the only sandbox left, and framing is the browser's business. */
  _sandboxMode: string = 'IFRAME';
  _xFrameOptionsMode: string = 'DEFAULT';

  constructor(content = '') {
    this._content = content;
    return strict('HtmlOutput', this);
  }

  getContent(): string {
    return this._content;
  }

  setContent(content: string): GasOutput {
    this._content = String(content);
    return asGas(this);
  }

  append(addedContent: string): GasOutput {
    this._content += String(addedContent);
    return asGas(this);
  }

  appendUntrusted(addedContent: string): GasOutput {
    this._content += escapeHtml(String(addedContent));
    return asGas(this);
  }

  clear(): GasOutput {
    this._content = '';
    return asGas(this);
  }

  getTitle(): string {
    return this._title;
  }

  setTitle(title: string): GasOutput {
    this._title = String(title);
    return asGas(this);
  }

  /** null until set (the dialog then uses Apps Script's default size). */
  getWidth(): number {
    return this._width as number;
  }

  setWidth(width: number): GasOutput {
    this._width = Number(width);
    return asGas(this);
  }

  getHeight(): number {
    return this._height as number;
  }

  setHeight(height: number): GasOutput {
    this._height = Number(height);
    return asGas(this);
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): GasOutput {
    this._sandboxMode = enumArg(SandboxMode, mode, 'HtmlService.HtmlOutput.setSandboxMode');
    return asGas(this);
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GasOutput {
    this._xFrameOptionsMode = enumArg(XFrameOptionsMode, mode, 'HtmlService.HtmlOutput.setXFrameOptionsMode');
    return asGas(this);
  }

  addMetaTag(name: string, content: string): GasOutput {
    this._metaTags.push({ name: String(name), content: String(content) });
    return asGas(this);
  }

  getMetaTags(): GoogleAppsScript.HTML.HtmlOutputMetaTag[] {
    return this._metaTags.map((m) => asGas<GoogleAppsScript.HTML.HtmlOutputMetaTag>(new HtmlOutputMetaTag(m.name, m.content)));
  }

  setFaviconUrl(iconUrl: string): GasOutput {
    this._faviconUrl = String(iconUrl);
    return asGas(this);
  }

  getFaviconUrl(): string {
    return this._faviconUrl as string;
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    return asGas(new Blob(utf8Encode(this._content), 'text/html', null));
  }

  asTemplate(): GasTemplate {
    return newTemplate(this._content);
  }
}

// ---------- HtmlTemplate ----------

/** Compiles template text to the body of a function of (output, …variables). */
function compile(raw: string, withComments: boolean): string {
  const lines: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  let inScript = false;
  const text = (t: string): void => {
    if (!t) return;
    lines.push(`output._ = ${JSON.stringify(t)};`);
    // Track whether the next scriptlet sits inside a <script> element.
    const open = t.toLowerCase().lastIndexOf('<script');
    const close = t.toLowerCase().lastIndexOf('</script');
    if (open > close) inScript = true;
    else if (close > open) inScript = false;
  };
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    text(raw.slice(last, m.index));
    last = re.lastIndex;
    if (withComments) lines.push(`/* ${m[0].replace(/\*\//g, '* /')} */`);
    // A printing scriptlet holds one expression; a trailing ";" is tolerated as in Apps Script.
    const code = m[1] ? m[2].trim().replace(/;+$/, '') : m[2];
    if (m[1] === '=') lines.push(`output.${inScript ? '_js' : '_$'} = (${code});`);
    else if (m[1] === '!=') lines.push(`output._ = (${code});`);
    else lines.push(code);
  }
  text(raw.slice(last));
  return lines.join('\n');
}

/** The object printed scriptlets write to; `_` appends raw text, `_$` and `_js` escape first. */
function newSink(): { out: string[]; sink: object } {
  const out: string[] = [];
  const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
  const sink = {
    set _(v: unknown) {
      out.push(str(v));
    },
    set _$(v: unknown) {
      out.push(escapeHtml(str(v)));
    },
    set _js(v: unknown) {
      out.push(jsLiteral(v));
    },
  };
  return { out, sink };
}

type TemplateSurface = Pick<GasTemplate, 'evaluate' | 'getCode' | 'getCodeWithComments' | 'getRawContent'>;

class HtmlTemplate implements TemplateSurface {
  readonly #raw: string;

  constructor(raw: string) {
    this.#raw = raw;
  }

  evaluate(): GasOutput {
    // The template's own enumerable properties are the variables the script assigned.
    const vars = Object.keys(this).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'output');
    const values = vars.map((k) => (this as unknown as Record<string, unknown>)[k]);
    const { out, sink } = newSink();
    const run = new Function('output', ...vars, compile(this.#raw, false)) as (...a: unknown[]) => void;
    run.call(this, sink, ...values);
    return asGas(new HtmlOutput(out.join('')));
  }

  getCode(): string {
    return compile(this.#raw, false);
  }

  getCodeWithComments(): string {
    return compile(this.#raw, true);
  }

  getRawContent(): string {
    return this.#raw;
  }
}

const TEMPLATE_METHODS = new Set<PropertyKey>(['evaluate', 'getCode', 'getCodeWithComments', 'getRawContent']);

/**
 * Template variables are plain assignments on the template (template.data = {...}), which the
 * strict proxy forbids; so methods go through the strict (counting) proxy while any other
 * property reads and writes the template object itself.
 */
function newTemplate(raw: string): GasTemplate {
  const target = new HtmlTemplate(raw);
  const counted = strict('HtmlTemplate', target);
  return new Proxy(counted, {
    get: (_t, prop) => (TEMPLATE_METHODS.has(prop) ? Reflect.get(counted, prop) : Reflect.get(target, prop)),
    set: (_t, prop, value) => Reflect.set(target, prop, value),
    has: (_t, prop) => Reflect.has(target, prop),
    deleteProperty: (_t, prop) => Reflect.deleteProperty(target, prop),
  }) as unknown as GasTemplate;
}

// ---------- HtmlService ----------

type ServiceSurface = Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'>;

class HtmlService implements ServiceSurface {
  SandboxMode = SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  XFrameOptionsMode = XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;

  constructor() {
    return strict('HtmlService', this);
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): GasOutput {
    return asGas(new HtmlOutput(textOf(html)));
  }

  createHtmlOutputFromFile(filename: string): GasOutput {
    return asGas(new HtmlOutput(projectFile(filename)));
  }

  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): GasTemplate {
    return newTemplate(textOf(html));
  }

  createTemplateFromFile(filename: string): GasTemplate {
    return newTemplate(projectFile(filename));
  }
}

export function createHtmlService(): GoogleAppsScript.HTML.HtmlService {
  return asGas<GoogleAppsScript.HTML.HtmlService>(new HtmlService());
}
