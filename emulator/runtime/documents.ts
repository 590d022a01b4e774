/**
 * DocumentApp: documents as sections (body, header, footer) of paragraphs, list items and
 * tables, stored as plain records in store.documents. Search and replace use RE2 (re2js), as the
 * reference says Apps Script does.
 */
import { RE2JS } from 're2js';
import type { DocElementRec, DocTextStyleRec, DocumentRec } from '../store';
import { Blob, utf8Encode } from './blob';
import { newId, requireScope, SCOPES, store } from './context';
import { addDriveItem, driveItem, GOOGLE_MIME, touchDriveItem } from './drive-model';
import { asGas, strict } from './strict';
import { enumArg, isEnumValue, makeEnum, type EnumOf } from './enums';

type D = typeof GoogleAppsScript.Document;
type GDocument = GoogleAppsScript.Document.Document;
type GElement = GoogleAppsScript.Document.Element;
type GParagraph = GoogleAppsScript.Document.Paragraph;
type GListItem = GoogleAppsScript.Document.ListItem;
type GTable = GoogleAppsScript.Document.Table;
type GText = GoogleAppsScript.Document.Text;
type GRangeElement = GoogleAppsScript.Document.RangeElement;
type TextRec = Extract<DocElementRec, { type: 'PARAGRAPH' | 'LIST_ITEM' }>;
type TableRec = Extract<DocElementRec, { type: 'TABLE' }>;
type Kind = 'body' | 'header' | 'footer';
type AttrValue = string | number | boolean | null;

// Enum objects (https://developers.google.com/apps-script/reference/document/element-type, …/paragraph-heading,
// …/glyph-type, …/horizontal-alignment, …/attribute); records keep the names.
const ElementTypeEnum = makeEnum('ElementType', [
  'BODY_SECTION',
  'COMMENT_SECTION',
  'DATE',
  'DOCUMENT',
  'EQUATION',
  'EQUATION_FUNCTION',
  'EQUATION_FUNCTION_ARGUMENT_SEPARATOR',
  'EQUATION_SYMBOL',
  'FOOTER_SECTION',
  'FOOTNOTE',
  'FOOTNOTE_SECTION',
  'HEADER_SECTION',
  'HORIZONTAL_RULE',
  'INLINE_DRAWING',
  'INLINE_IMAGE',
  'LIST_ITEM',
  'PAGE_BREAK',
  'PARAGRAPH',
  'PERSON',
  'RICH_LINK',
  'TABLE',
  'TABLE_CELL',
  'TABLE_OF_CONTENTS',
  'TABLE_ROW',
  'TEXT',
  'UNSUPPORTED',
]);
const HeadingEnum = makeEnum('ParagraphHeading', ['NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'HEADING4', 'HEADING5', 'HEADING6', 'TITLE', 'SUBTITLE']);
const GlyphEnum = makeEnum('GlyphType', ['BULLET', 'HOLLOW_BULLET', 'SQUARE_BULLET', 'NUMBER', 'LATIN_UPPER', 'LATIN_LOWER', 'ROMAN_UPPER', 'ROMAN_LOWER']);
const AlignmentEnum = makeEnum('HorizontalAlignment', ['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY']);
const ElementType = ElementTypeEnum as unknown as D['ElementType'];
const ParagraphHeading = HeadingEnum as unknown as D['ParagraphHeading'];
const GlyphType = GlyphEnum as unknown as D['GlyphType'];
const HorizontalAlignment = AlignmentEnum as unknown as D['HorizontalAlignment'];
/** The enum value a stored name stands for (an unknown name stays a string). */
function enumFor<K extends string>(e: EnumOf<K>, name: unknown): unknown {
  return typeof name === 'string' && name in e ? e[name as K] : name;
}
function elementType(name: string): GoogleAppsScript.Document.ElementType {
  return enumFor(ElementTypeEnum, name) as GoogleAppsScript.Document.ElementType;
}
const ATTRIBUTES = [
  'BACKGROUND_COLOR',
  'BOLD',
  'BORDER_COLOR',
  'BORDER_WIDTH',
  'CODE',
  'FONT_FAMILY',
  'FONT_SIZE',
  'FOREGROUND_COLOR',
  'HEADING',
  'HEIGHT',
  'HORIZONTAL_ALIGNMENT',
  'INDENT_END',
  'INDENT_FIRST_LINE',
  'INDENT_START',
  'ITALIC',
  'GLYPH_TYPE',
  'LEFT_TO_RIGHT',
  'LINE_SPACING',
  'LINK_URL',
  'LIST_ID',
  'MARGIN_BOTTOM',
  'MARGIN_LEFT',
  'MARGIN_RIGHT',
  'MARGIN_TOP',
  'NESTING_LEVEL',
  'MINIMUM_HEIGHT',
  'PADDING_BOTTOM',
  'PADDING_LEFT',
  'PADDING_RIGHT',
  'PADDING_TOP',
  'PAGE_HEIGHT',
  'PAGE_WIDTH',
  'SPACING_AFTER',
  'SPACING_BEFORE',
  'STRIKETHROUGH',
  'UNDERLINE',
  'VERTICAL_ALIGNMENT',
  'WIDTH',
] as const;
const Attribute = makeEnum('Attribute', ATTRIBUTES) as unknown as D['Attribute'];

const CLOSED = 'Document is closed, its contents cannot be updated.';

/** One opened Document object and everything reached through it: closing it freezes them all. */
interface Session {
  rec: DocumentRec;
  closed: boolean;
}

function edit(s: Session): void {
  if (s.closed) throw new Error(CLOSED);
  // The first unsaved edit keeps the saved content: exports read it until the document is saved.
  if (!s.rec.saved) s.rec.saved = clone({ body: s.rec.body, header: s.rec.header, footer: s.rec.footer });
  touchDriveItem(s.rec.id);
}

/**
 * What exports see: the content as last saved. "Saves the current Document. Causes pending updates
 * to be flushed and applied." (developers.google.com/apps-script/reference/document/document#saveAndClose())
 */
export function savedDocument(rec: DocumentRec): DocumentRec {
  const { saved, ...live } = rec;
  return saved ? { id: rec.id, ...saved } : live;
}

function emptyParagraph(): DocElementRec {
  return { type: 'PARAGRAPH', text: '' };
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

// ---- text blocks: what search and replace see ("each text block contained in the element") ----

interface Block {
  /** Identity for findText(pattern, from): the record and, for a table cell, "row,col". */
  key: object;
  sub: string;
  get(): string;
  set(text: string): void;
  styles(): DocTextStyleRec[];
}

function textBlock(rec: TextRec): Block {
  return { key: rec, sub: '', get: () => rec.text, set: (t) => (rec.text = t), styles: () => (rec.styles ??= []) };
}

function cellBlock(rec: TableRec, r: number, c: number): Block {
  return {
    key: rec,
    sub: `${r},${c}`,
    get: () => rec.cells[r]?.[c] ?? '',
    set: (t) => (rec.cells[r][c] = t),
    styles: () => ((rec.cellStyles ??= {})[`${r},${c}`] ??= []),
  };
}

function blocksOf(rec: DocElementRec): Block[] {
  if (rec.type === 'PARAGRAPH' || rec.type === 'LIST_ITEM') return [textBlock(rec)];
  if (rec.type === 'TABLE') return rec.cells.flatMap((row, r) => row.map((_, c) => cellBlock(rec, r, c)));
  return [];
}

function compile(pattern: string): RE2JS {
  try {
    return RE2JS.compile(String(pattern));
  } catch {
    throw new Error(`Invalid regular expression pattern ${pattern}`);
  }
}

/**
 * The replacement is inserted literally: the reference calls it "the text to use as replacement"
 * and says capture groups are not supported, so "$1", "$&" and "\\" carry no special meaning.
 */
function replaceIn(blocks: Block[], pattern: string, replacement: string): void {
  const re = compile(pattern);
  const repl = String(replacement);
  for (const b of blocks) {
    const text = b.get();
    let out = '';
    let last = 0;
    let hit = false;
    for (const m of re.matchAll(text)) {
      hit = true;
      out += text.slice(last, m.index) + repl;
      last = (m.index ?? 0) + m[0].length;
    }
    if (hit) b.set(out + text.slice(last));
  }
}

interface Found {
  block: Block;
  start: number;
  end: number;
}

function findIn(blocks: Block[], pattern: string, from?: Found): Found | undefined {
  const re = compile(pattern);
  let started = !from;
  for (const block of blocks) {
    const same = from && block.key === from.block.key && block.sub === from.block.sub;
    if (!started && !same) continue;
    started = true;
    for (const m of re.matchAll(block.get())) {
      const start = m.index ?? 0;
      if (m[0].length === 0 || (same && start <= from.start)) continue;
      return { block, start, end: start + m[0].length - 1 };
    }
  }
  return undefined;
}

function attributesOf(attrs: Record<string, AttrValue> | undefined): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  for (const a of ATTRIBUTES) out[a] = attrs?.[a] ?? null;
  return out;
}

// ---- services ----

function docUrl(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

function openRec(id: string): DocumentRec {
  const rec = store().documents[id];
  if (!rec || driveItem(id)?.trashed) throw new Error('No item with the given ID could be found, or you do not have permission to access it.');
  return rec;
}

class DocumentAppService implements Pick<
  GoogleAppsScript.Document.DocumentApp,
  'create' | 'openById' | 'openByUrl' | 'getActiveDocument' | 'ElementType' | 'ParagraphHeading' | 'GlyphType' | 'HorizontalAlignment' | 'Attribute'
> {
  ElementType = ElementType;
  ParagraphHeading = ParagraphHeading;
  GlyphType = GlyphType;
  HorizontalAlignment = HorizontalAlignment;
  Attribute = Attribute;
  constructor() {
    return strict('DocumentApp', this);
  }
  create(name: string): GDocument {
    requireScope('DocumentApp.create', [SCOPES.docs]);
    const id = newId('doc');
    // A new document's body holds one empty paragraph (getNumChildren() is 1).
    const rec: DocumentRec = { id, body: [emptyParagraph()] };
    store().documents[id] = rec;
    addDriveItem({ id, kind: 'file', name: String(name), mimeType: GOOGLE_MIME.document });
    return asGas(new Document(rec));
  }
  openById(id: string): GDocument {
    requireScope('DocumentApp.openById', [SCOPES.docs]);
    return asGas(new Document(openRec(String(id))));
  }
  openByUrl(url: string): GDocument {
    requireScope('DocumentApp.openByUrl', [SCOPES.docs]);
    return asGas(new Document(openRec(/\/document\/d\/([^/?#]+)/.exec(String(url))?.[1] ?? '')));
  }
  /** Only a script bound to a document has one; a sheet-bound script gets null. */
  getActiveDocument(): GDocument {
    requireScope('DocumentApp.getActiveDocument', [SCOPES.docs, 'https://www.googleapis.com/auth/documents.currentonly']);
    const id = store().script.containerId;
    return (id && store().documents[id] ? asGas(new Document(store().documents[id])) : null) as GDocument;
  }
}

class Document implements Pick<
  GDocument,
  'getId' | 'getName' | 'setName' | 'getUrl' | 'getBody' | 'getHeader' | 'addHeader' | 'getFooter' | 'addFooter' | 'saveAndClose' | 'getAs' | 'getBlob'
> {
  private readonly s: Session;
  constructor(rec: DocumentRec) {
    this.s = { rec, closed: false };
    return strict('Document', this);
  }
  getId(): string {
    return this.s.rec.id;
  }
  getName(): string {
    return driveItem(this.s.rec.id)?.name ?? '';
  }
  setName(name: string): GDocument {
    edit(this.s);
    const item = driveItem(this.s.rec.id);
    if (item) item.name = String(name);
    return asGas(this);
  }
  getUrl(): string {
    return docUrl(this.s.rec.id);
  }
  getBody(): GoogleAppsScript.Document.Body {
    return asGas(new Body(this.s));
  }
  getHeader(): GoogleAppsScript.Document.HeaderSection {
    return (this.s.rec.header ? asGas(new HeaderSection(this.s)) : null) as GoogleAppsScript.Document.HeaderSection;
  }
  addHeader(): GoogleAppsScript.Document.HeaderSection {
    edit(this.s);
    if (this.s.rec.header) throw new Error('Document already contains a header.');
    this.s.rec.header = [emptyParagraph()];
    return asGas(new HeaderSection(this.s));
  }
  getFooter(): GoogleAppsScript.Document.FooterSection {
    return (this.s.rec.footer ? asGas(new FooterSection(this.s)) : null) as GoogleAppsScript.Document.FooterSection;
  }
  addFooter(): GoogleAppsScript.Document.FooterSection {
    edit(this.s);
    if (this.s.rec.footer) throw new Error('Document already contains a footer.');
    this.s.rec.footer = [emptyParagraph()];
    return asGas(new FooterSection(this.s));
  }
  /** Content is already stored; this object (and elements reached through it) can no longer edit. */
  saveAndClose(): void {
    edit(this.s);
    delete this.s.rec.saved;
    this.s.closed = true;
  }
  /**
   * Only PDF is offered (as the reference says). The bytes are the UTF-8 JSON
   * {"emulatorPdfOf": <document record>}: a host exporter renders them into a real PDF later.
   */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    if (String(contentType) !== 'application/pdf') throw new Error(`Converting from ${GOOGLE_MIME.document} to ${contentType} is not supported.`);
    return this.getBlob();
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const bytes = utf8Encode(JSON.stringify({ emulatorPdfOf: savedDocument(this.s.rec) }));
    return asGas(new Blob(bytes, 'application/pdf', `${this.getName()}.pdf`));
  }
  toString(): string {
    return 'Document';
  }
}

// ---- sections ----

type SectionMethods =
  | 'getText'
  | 'setText'
  | 'appendParagraph'
  | 'insertParagraph'
  | 'appendListItem'
  | 'insertListItem'
  | 'appendTable'
  | 'insertTable'
  | 'appendHorizontalRule'
  | 'getParagraphs'
  | 'getTables'
  | 'getListItems'
  | 'getNumChildren'
  | 'getChild'
  | 'getChildIndex'
  | 'removeChild'
  | 'clear'
  | 'replaceText'
  | 'findText'
  | 'getType';

abstract class Section<Self> {
  constructor(
    protected readonly _s: Session,
    protected readonly _kind: Kind,
  ) {}
  protected list(): DocElementRec[] {
    const list = this._s.rec[this._kind];
    if (!list) throw new Error('This section has been removed from the document.');
    return list;
  }
  private wrap<T>(rec: DocElementRec): T {
    return wrapElement(this._s, this._kind, rec) as T;
  }
  private insert<T>(index: number, rec: DocElementRec): T {
    edit(this._s);
    const list = this.list();
    if (!Number.isInteger(index) || index < 0 || index > list.length)
      throw new Error(`Child index (${index}) must be less than or equal to the number of child elements (${list.length}).`);
    list.splice(index, 0, rec);
    return this.wrap<T>(rec);
  }
  private recFrom(x: unknown, type: DocElementRec['type']): DocElementRec | undefined {
    const node = x && typeof x === 'object' && '_node' in x ? (x as { _node: DocElementRec })._node : undefined;
    return node && node.type === type ? clone(node) : undefined;
  }
  getType(): GoogleAppsScript.Document.ElementType {
    return elementType(this._kind === 'body' ? 'BODY_SECTION' : this._kind === 'header' ? 'HEADER_SECTION' : 'FOOTER_SECTION');
  }
  getText(): string {
    return this.list().map(plainText).join('\n');
  }
  setText(text: string): Self {
    this.clear();
    (this.list()[0] as TextRec).text = String(text);
    return asGas<Self>(this);
  }
  clear(): Self {
    edit(this._s);
    this.list().splice(0, this.list().length, emptyParagraph());
    return asGas<Self>(this);
  }
  appendParagraph(textOrParagraph: string | GParagraph): GParagraph {
    return this.insertParagraph(this.list().length, textOrParagraph);
  }
  insertParagraph(index: number, textOrParagraph: string | GParagraph): GParagraph {
    const rec = this.recFrom(textOrParagraph, 'PARAGRAPH') ?? { type: 'PARAGRAPH', text: String(textOrParagraph) };
    return this.insert(index, rec);
  }
  appendListItem(textOrItem: string | GListItem): GListItem {
    return this.insertListItem(this.list().length, textOrItem);
  }
  insertListItem(index: number, textOrItem: string | GListItem): GListItem {
    const rec = this.recFrom(textOrItem, 'LIST_ITEM') ?? { type: 'LIST_ITEM', text: String(textOrItem), nesting: 0, glyph: 'BULLET' };
    return this.insert(index, rec);
  }
  /** "This method will also append an empty paragraph after the table, since Google Docs documents cannot end with a table." */
  appendTable(cells?: string[][] | GTable | null): GTable {
    const table = this.insert<GTable>(this.list().length, this.tableRec(cells));
    this.list().push(emptyParagraph());
    return table;
  }
  insertTable(index: number, cells?: string[][] | GTable): GTable {
    return this.insert(index, this.tableRec(cells));
  }
  private tableRec(cells: string[][] | GTable | null | undefined): DocElementRec {
    const copy = this.recFrom(cells, 'TABLE');
    if (copy) return copy;
    if (cells && !Array.isArray(cells)) throw new Error('Invalid argument: cells');
    const rows = (cells ?? []).map((row) => Array.from(row, (c) => String(c)));
    if (rows.some((r) => r.length !== rows[0].length)) throw new Error('All rows in a table must have the same number of cells.');
    return { type: 'TABLE', cells: rows };
  }
  /** The rule sits in a new paragraph of its own. */
  appendHorizontalRule(): GoogleAppsScript.Document.HorizontalRule {
    this.insert(this.list().length, { type: 'HORIZONTAL_RULE' });
    return asGas(new Leaf('HorizontalRule', 'HORIZONTAL_RULE'));
  }
  getParagraphs(): GParagraph[] {
    return this.list()
      .filter((r) => r.type !== 'TABLE')
      .map((r) => this.wrap<GParagraph>(r));
  }
  getListItems(): GListItem[] {
    return this.list()
      .filter((r) => r.type === 'LIST_ITEM')
      .map((r) => this.wrap<GListItem>(r));
  }
  getTables(): GTable[] {
    return this.list()
      .filter((r) => r.type === 'TABLE')
      .map((r) => this.wrap<GTable>(r));
  }
  getNumChildren(): number {
    return this.list().length;
  }
  getChild(index: number): GElement {
    const rec = this.list()[index];
    if (!rec) throw new Error(`Child index (${index}) must be less than the number of child elements (${this.list().length}).`);
    return this.wrap(rec);
  }
  getChildIndex(child: GElement): number {
    return this.list().indexOf(nodeOf(child));
  }
  removeChild(child: GElement): Self {
    removeRec(this._s, this.list(), nodeOf(child));
    return asGas<Self>(this);
  }
  replaceText(searchPattern: string, replacement: string): GElement {
    edit(this._s);
    replaceIn(this.list().flatMap(blocksOf), searchPattern, replacement);
    return asGas(this);
  }
  findText(searchPattern: string, from?: GRangeElement): GRangeElement {
    const hit = findIn(this.list().flatMap(blocksOf), searchPattern, from ? foundOf(from) : undefined);
    return (hit ? asGas(new RangeElement(this._s, hit)) : null) as GRangeElement;
  }
}

class Body extends Section<GoogleAppsScript.Document.Body> implements Pick<GoogleAppsScript.Document.Body, SectionMethods | 'appendPageBreak'> {
  constructor(s: Session) {
    super(s, 'body');
    return strict('Body', this);
  }
  /** The page break sits in a new paragraph of its own. */
  appendPageBreak(): GoogleAppsScript.Document.PageBreak {
    edit(this._s);
    this.list().push({ type: 'PAGE_BREAK' });
    return asGas(new Leaf('PageBreak', 'PAGE_BREAK'));
  }
}

class HeaderSection extends Section<GoogleAppsScript.Document.HeaderSection> implements Pick<GoogleAppsScript.Document.HeaderSection, SectionMethods> {
  constructor(s: Session) {
    super(s, 'header');
    return strict('HeaderSection', this);
  }
}

class FooterSection extends Section<GoogleAppsScript.Document.FooterSection> implements Pick<GoogleAppsScript.Document.FooterSection, SectionMethods> {
  constructor(s: Session) {
    super(s, 'footer');
    return strict('FooterSection', this);
  }
}

function sectionOf(s: Session, kind: Kind): GElement {
  return asGas(kind === 'body' ? new Body(s) : kind === 'header' ? new HeaderSection(s) : new FooterSection(s));
}

/** Section children can be removed, except the last one: a section always ends with a paragraph. */
function removeRec(s: Session, list: DocElementRec[], rec: DocElementRec): void {
  edit(s);
  const index = list.indexOf(rec);
  if (index < 0) throw new Error('Element is not a child of this section.');
  if (index === list.length - 1) throw new Error("Can't remove the last paragraph in a document section.");
  list.splice(index, 1);
}

function plainText(rec: DocElementRec): string {
  if (rec.type === 'PARAGRAPH' || rec.type === 'LIST_ITEM') return rec.text;
  // Table text: every cell on a line of its own, row after row (the reference is silent; observed
  // on Google and recorded in gas-fakes' test/testdocsnext.js "Table.getText()").
  if (rec.type === 'TABLE') return rec.cells.flat().join('\n');
  return '';
}

function nodeOf(x: unknown): DocElementRec {
  const node = x && typeof x === 'object' && '_node' in x ? (x as { _node: DocElementRec })._node : undefined;
  if (!node) throw new Error('Invalid argument: child');
  return node;
}

function foundOf(x: unknown): Found {
  const found = x && typeof x === 'object' && '_found' in x ? (x as { _found: Found })._found : undefined;
  if (!found) throw new Error('Invalid argument: from');
  return found;
}

// ---- elements ----

function wrapElement(s: Session, kind: Kind, rec: DocElementRec): GElement {
  if (rec.type === 'LIST_ITEM') return asGas(new ListItem(s, kind, rec));
  if (rec.type === 'TABLE') return asGas(new Table(s, kind, rec));
  return asGas(new Paragraph(s, kind, rec));
}

abstract class Element<Self> {
  constructor(
    protected readonly _s: Session,
    protected readonly _kind: Kind,
    readonly _node: DocElementRec,
  ) {}
  protected list(): DocElementRec[] {
    return this._s.rec[this._kind] ?? [];
  }
  protected blocks(): Block[] {
    return blocksOf(this._node);
  }
  getType(): GoogleAppsScript.Document.ElementType {
    // Rules and page breaks live inside a paragraph of their own.
    const t = this._node.type === 'HORIZONTAL_RULE' || this._node.type === 'PAGE_BREAK' ? 'PARAGRAPH' : this._node.type;
    return elementType(t);
  }
  getParent(): GoogleAppsScript.Document.ContainerElement {
    return (this.list().includes(this._node) ? sectionOf(this._s, this._kind) : null) as unknown as GoogleAppsScript.Document.ContainerElement;
  }
  removeFromParent(): Self {
    removeRec(this._s, this.list(), this._node);
    return asGas<Self>(this);
  }
  getText(): string {
    return plainText(this._node);
  }
  replaceText(searchPattern: string, replacement: string): Self {
    edit(this._s);
    replaceIn(this.blocks(), searchPattern, replacement);
    return asGas<Self>(this);
  }
  findText(searchPattern: string, from?: GRangeElement): GRangeElement {
    const hit = findIn(this.blocks(), searchPattern, from ? foundOf(from) : undefined);
    return (hit ? asGas(new RangeElement(this._s, hit)) : null) as GRangeElement;
  }
  private as<T>(type: DocElementRec['type'], name: string): T {
    const t = String(this.getType());
    if (t !== type) throw new Error(`Cannot convert ${t} to ${name}.`);
    return asGas<T>(this);
  }
  asParagraph(): GParagraph {
    return this.as('PARAGRAPH', 'Paragraph');
  }
  asListItem(): GListItem {
    return this.as('LIST_ITEM', 'ListItem');
  }
  asTable(): GTable {
    return this.as('TABLE', 'Table');
  }
}

type ElementMethods = 'getType' | 'getParent' | 'removeFromParent' | 'getText' | 'replaceText' | 'findText' | 'asParagraph' | 'asListItem' | 'asTable';
type TextualMethods =
  ElementMethods | 'setText' | 'appendText' | 'editAsText' | 'setAttributes' | 'getAttributes' | 'setHeading' | 'getHeading' | 'setAlignment' | 'getAlignment';

/** Paragraph and list item share text, heading and attributes. */
abstract class Textual<Self> extends Element<Self> {
  protected rec(): TextRec {
    if (this._node.type === 'HORIZONTAL_RULE' || this._node.type === 'PAGE_BREAK') {
      // Writing text into the paragraph that holds a rule or break turns it into a text paragraph.
      const node = this._node as DocElementRec;
      Object.assign(node, { type: 'PARAGRAPH', text: '' });
    }
    return this._node as TextRec;
  }
  setText(text: string): Self {
    edit(this._s);
    const rec = this.rec();
    rec.text = String(text);
    rec.styles = [];
    return asGas<Self>(this);
  }
  /** Returns the appended run only, as a Text element. */
  appendText(text: string | GText): GText {
    edit(this._s);
    const rec = this.rec();
    const start = rec.text.length;
    rec.text += typeof text === 'string' ? text : text.getText();
    return asGas(new Text(this._s, textBlock(rec), start, rec.text.length));
  }
  editAsText(): GText {
    return asGas(new Text(this._s, textBlock(this.rec())));
  }
  setAttributes(attributes: Record<string, AttrValue>): Self {
    edit(this._s);
    const rec = this.rec();
    for (const [k, raw] of Object.entries(attributes ?? {})) {
      // Enum-valued attributes (HEADING, HORIZONTAL_ALIGNMENT, GLYPH_TYPE) are stored by name.
      const v = isEnumValue(raw) ? raw.name() : raw;
      if (k === 'HEADING' && rec.type === 'PARAGRAPH') rec.heading = String(v);
      else (rec.attrs ??= {})[k] = v;
    }
    return asGas<Self>(this);
  }
  getAttributes(): Record<string, unknown> {
    const rec = this.rec();
    const out: Record<string, unknown> = {
      ...attributesOf(rec.attrs),
      HEADING: HeadingEnum[(rec.type === 'PARAGRAPH' ? rec.heading : undefined) as keyof typeof HeadingEnum] ?? HeadingEnum.NORMAL,
    };
    out.HORIZONTAL_ALIGNMENT = enumFor(AlignmentEnum, out.HORIZONTAL_ALIGNMENT);
    out.GLYPH_TYPE = enumFor(GlyphEnum, out.GLYPH_TYPE);
    return out;
  }
  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): Self {
    edit(this._s);
    const rec = this.rec();
    const name = enumArg(HeadingEnum, heading, 'DocumentApp.Paragraph.setHeading');
    if (rec.type === 'PARAGRAPH') rec.heading = name;
    else (rec.attrs ??= {}).HEADING = name;
    return asGas<Self>(this);
  }
  getHeading(): GoogleAppsScript.Document.ParagraphHeading {
    const rec = this.rec();
    const h = rec.type === 'PARAGRAPH' ? rec.heading : (rec.attrs?.HEADING as string | undefined);
    return enumFor(HeadingEnum, h ?? 'NORMAL') as GoogleAppsScript.Document.ParagraphHeading;
  }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): Self {
    edit(this._s);
    (this.rec().attrs ??= {}).HORIZONTAL_ALIGNMENT = enumArg(AlignmentEnum, alignment, 'DocumentApp.Paragraph.setAlignment');
    return asGas<Self>(this);
  }
  getAlignment(): GoogleAppsScript.Document.HorizontalAlignment {
    return enumFor(AlignmentEnum, this.rec().attrs?.HORIZONTAL_ALIGNMENT ?? 'LEFT') as GoogleAppsScript.Document.HorizontalAlignment;
  }
}

class Paragraph extends Textual<GParagraph> implements Pick<GParagraph, TextualMethods> {
  constructor(s: Session, kind: Kind, rec: DocElementRec) {
    super(s, kind, rec);
    return strict('Paragraph', this);
  }
}

class ListItem extends Textual<GListItem> implements Pick<GListItem, TextualMethods | 'setGlyphType' | 'getGlyphType' | 'setNestingLevel' | 'getNestingLevel'> {
  constructor(s: Session, kind: Kind, rec: DocElementRec) {
    super(s, kind, rec);
    return strict('ListItem', this);
  }
  private item(): Extract<DocElementRec, { type: 'LIST_ITEM' }> {
    return this._node as Extract<DocElementRec, { type: 'LIST_ITEM' }>;
  }
  setGlyphType(glyphType: GoogleAppsScript.Document.GlyphType): GListItem {
    edit(this._s);
    this.item().glyph = enumArg(GlyphEnum, glyphType, 'DocumentApp.ListItem.setGlyphType');
    return asGas(this);
  }
  getGlyphType(): GoogleAppsScript.Document.GlyphType {
    return enumFor(GlyphEnum, this.item().glyph ?? 'BULLET') as GoogleAppsScript.Document.GlyphType;
  }
  setNestingLevel(nestingLevel: number): GListItem {
    edit(this._s);
    this.item().nesting = Number(nestingLevel);
    return asGas(this);
  }
  getNestingLevel(): number {
    return this.item().nesting;
  }
}

class Table
  extends Element<GTable>
  implements Pick<GTable, ElementMethods | 'getNumRows' | 'getRow' | 'getCell' | 'appendTableRow' | 'insertTableRow' | 'removeRow'>
{
  constructor(s: Session, kind: Kind, rec: DocElementRec) {
    super(s, kind, rec);
    return strict('Table', this);
  }
  private table(): TableRec {
    return this._node as TableRec;
  }
  getNumRows(): number {
    return this.table().cells.length;
  }
  getRow(rowIndex: number): GoogleAppsScript.Document.TableRow {
    if (!this.table().cells[rowIndex]) throw new Error(`Child index (${rowIndex}) must be less than the number of child elements (${this.getNumRows()}).`);
    return asGas(new TableRow(this._s, this.table(), rowIndex));
  }
  getCell(rowIndex: number, cellIndex: number): GoogleAppsScript.Document.TableCell {
    return this.getRow(rowIndex).getCell(cellIndex);
  }
  /** A new row has no cells until appendTableCell adds them. */
  appendTableRow(): GoogleAppsScript.Document.TableRow {
    edit(this._s);
    this.table().cells.push([]);
    return asGas(new TableRow(this._s, this.table(), this.table().cells.length - 1));
  }
  /**
   * insertTableRow(childIndex) inserts an empty row; insertTableRow(childIndex, tableRow) inserts
   * the given row (a detached copy from TableRow.copy()) at childIndex.
   */
  insertTableRow(childIndex: number, tableRow?: GoogleAppsScript.Document.TableRow): GoogleAppsScript.Document.TableRow {
    edit(this._s);
    const t = this.table();
    if (!Number.isInteger(childIndex) || childIndex < 0 || childIndex > t.cells.length)
      throw new Error(`Child index (${childIndex}) must be less than or equal to the number of child elements (${t.cells.length}).`);
    const from = tableRow === undefined ? undefined : rowOf(tableRow);
    shiftRowStyles(t, childIndex, 1);
    t.cells.splice(childIndex, 0, from ? [...(from.table.cells[from.row] ?? [])] : []);
    for (const [key, styles] of Object.entries(from?.table.cellStyles ?? {})) {
      const [r, c] = key.split(',');
      if (Number(r) === from?.row) (t.cellStyles ??= {})[`${childIndex},${c}`] = clone(styles);
    }
    return asGas(new TableRow(this._s, t, childIndex));
  }
  removeRow(rowIndex: number): GoogleAppsScript.Document.TableRow {
    edit(this._s);
    const row = this.getRow(rowIndex).copy();
    this.table().cells.splice(rowIndex, 1);
    shiftRowStyles(this.table(), rowIndex, -1);
    return row;
  }
}

/** Cell styles are keyed "row,col": rows from `from` on move by `delta` (a removed row's go). */
function shiftRowStyles(t: TableRec, from: number, delta: number): void {
  if (!t.cellStyles) return;
  const out: Record<string, DocTextStyleRec[]> = {};
  for (const [key, styles] of Object.entries(t.cellStyles)) {
    const [r, c] = key.split(',').map(Number);
    if (r < from) out[key] = styles;
    else if (delta > 0 || r > from) out[`${r + delta},${c}`] = styles;
  }
  t.cellStyles = out;
}

function rowOf(x: unknown): { table: TableRec; row: number } {
  if (!(x instanceof TableRow)) throw new Error('Invalid argument: tableRow');
  return { table: x._table, row: x._row };
}

class TableRow implements Pick<
  GoogleAppsScript.Document.TableRow,
  'getNumCells' | 'getCell' | 'appendTableCell' | 'getText' | 'getType' | 'replaceText' | 'copy'
> {
  constructor(
    private readonly _s: Session,
    readonly _table: TableRec,
    readonly _row: number,
  ) {
    return strict('TableRow', this);
  }
  private cells(): string[] {
    return this._table.cells[this._row] ?? [];
  }
  getType(): GoogleAppsScript.Document.ElementType {
    return elementType('TABLE_ROW');
  }
  getNumCells(): number {
    return this.cells().length;
  }
  /** "Returns a detached, deep copy of the current element": a row of its own, in no table. */
  copy(): GoogleAppsScript.Document.TableRow {
    const styles: Record<string, DocTextStyleRec[]> = {};
    for (const [key, s] of Object.entries(this._table.cellStyles ?? {})) {
      const [r, c] = key.split(',');
      if (Number(r) === this._row) styles[`0,${c}`] = clone(s);
    }
    const detached: TableRec = { type: 'TABLE', cells: [[...this.cells()]], cellStyles: styles };
    return asGas(new TableRow(this._s, detached, 0));
  }
  getCell(cellIndex: number): GoogleAppsScript.Document.TableCell {
    if (cellIndex < 0 || cellIndex >= this.cells().length)
      throw new Error(`Child index (${cellIndex}) must be less than the number of child elements (${this.cells().length}).`);
    return asGas(new TableCell(this._s, cellBlock(this._table, this._row, cellIndex)));
  }
  appendTableCell(text?: string): GoogleAppsScript.Document.TableCell {
    edit(this._s);
    this.cells().push(text === undefined ? '' : String(text));
    return this.getCell(this.cells().length - 1);
  }
  /** Cells joined by newlines (observed on Google, as Table.getText). */
  getText(): string {
    return this.cells().join('\n');
  }
  replaceText(searchPattern: string, replacement: string): GoogleAppsScript.Document.TableRow {
    edit(this._s);
    replaceIn(
      this.cells().map((_, c) => cellBlock(this._table, this._row, c)),
      searchPattern,
      replacement,
    );
    return asGas(this);
  }
}

class TableCell implements Pick<GoogleAppsScript.Document.TableCell, 'getText' | 'setText' | 'editAsText' | 'replaceText' | 'findText' | 'getType'> {
  constructor(
    private readonly _s: Session,
    private readonly _block: Block,
  ) {
    return strict('TableCell', this);
  }
  getType(): GoogleAppsScript.Document.ElementType {
    return elementType('TABLE_CELL');
  }
  getText(): string {
    return this._block.get();
  }
  setText(text: string): GoogleAppsScript.Document.TableCell {
    edit(this._s);
    this._block.set(String(text));
    return asGas(this);
  }
  editAsText(): GText {
    return asGas(new Text(this._s, this._block));
  }
  replaceText(searchPattern: string, replacement: string): GoogleAppsScript.Document.TableCell {
    edit(this._s);
    replaceIn([this._block], searchPattern, replacement);
    return asGas(this);
  }
  findText(searchPattern: string, from?: GRangeElement): GRangeElement {
    const hit = findIn([this._block], searchPattern, from ? foundOf(from) : undefined);
    return (hit ? asGas(new RangeElement(this._s, hit)) : null) as GRangeElement;
  }
}

/** The text of a block, or of a run [start, end) within it (what appendText returns). */
class Text implements Pick<
  GText,
  | 'getText'
  | 'setText'
  | 'appendText'
  | 'insertText'
  | 'deleteText'
  | 'replaceText'
  | 'findText'
  | 'getType'
  | 'asText'
  | 'setBold'
  | 'setItalic'
  | 'setUnderline'
  | 'setLinkUrl'
  | 'setForegroundColor'
  | 'setFontSize'
> {
  constructor(
    private readonly _s: Session,
    readonly _block: Block,
    private readonly _start?: number,
    private readonly _end?: number,
  ) {
    return strict('Text', this);
  }
  private range(): [number, number] {
    const len = this._block.get().length;
    return [this._start ?? 0, Math.min(this._end ?? len, len)];
  }
  getType(): GoogleAppsScript.Document.ElementType {
    return elementType('TEXT');
  }
  /** What RangeElement.getElement() is turned into before editing. */
  asText(): GText {
    return asGas(this);
  }
  getText(): string {
    return this._block.get().slice(...this.range());
  }
  setText(text: string): GText {
    edit(this._s);
    const [a, b] = this.range();
    const full = this._block.get();
    this._block.set(full.slice(0, a) + String(text) + full.slice(b));
    return asGas(this);
  }
  appendText(text: string): GText {
    edit(this._s);
    const full = this._block.get();
    this._block.set(full + String(text));
    return asGas(new Text(this._s, this._block, full.length, full.length + String(text).length));
  }
  insertText(offset: number, text: string): GText {
    edit(this._s);
    const full = this._block.get();
    if (offset < 0 || offset > full.length) throw new Error(`Index (${offset}) must be less than or equal to the content length (${full.length}).`);
    this._block.set(full.slice(0, offset) + String(text) + full.slice(offset));
    return asGas(this);
  }
  deleteText(startOffset: number, endOffsetInclusive: number): GText {
    edit(this._s);
    const full = this._block.get();
    this._block.set(full.slice(0, startOffset) + full.slice(endOffsetInclusive + 1));
    return asGas(this);
  }
  replaceText(searchPattern: string, replacement: string): GText {
    edit(this._s);
    replaceIn([this._block], searchPattern, replacement);
    return asGas(this);
  }
  findText(searchPattern: string, from?: GRangeElement): GRangeElement {
    const hit = findIn([this._block], searchPattern, from ? foundOf(from) : undefined);
    return (hit ? asGas(new RangeElement(this._s, hit)) : null) as GRangeElement;
  }
  /** Styles are recorded (for the exporter): attr over [start, end] inclusive, or the whole run. */
  private style(attr: string, args: unknown[]): GText {
    edit(this._s);
    const [a, b] = this.range();
    const [start, end, value] = args.length >= 3 ? [Number(args[0]), Number(args[1]), args[2]] : [a, b - 1, args[0]];
    this._block.styles().push({ start, end, attr, value: value as AttrValue });
    return asGas(this);
  }
  setBold(...args: [boolean] | [number, number, boolean]): GText {
    return this.style('BOLD', args);
  }
  setItalic(...args: [boolean] | [number, number, boolean]): GText {
    return this.style('ITALIC', args);
  }
  setUnderline(...args: [boolean] | [number, number, boolean]): GText {
    return this.style('UNDERLINE', args);
  }
  setLinkUrl(...args: [string | null] | [number, number, string | null]): GText {
    return this.style('LINK_URL', args);
  }
  setForegroundColor(...args: [string | null] | [number, number, string | null]): GText {
    return this.style('FOREGROUND_COLOR', args);
  }
  setFontSize(...args: [number | null] | [number, number, number | null]): GText {
    return this.style('FONT_SIZE', args);
  }
}

class RangeElement implements Pick<GRangeElement, 'getElement' | 'getStartOffset' | 'getEndOffsetInclusive' | 'isPartial'> {
  constructor(
    private readonly _s: Session,
    readonly _found: Found,
  ) {
    return strict('RangeElement', this);
  }
  getElement(): GElement {
    return asGas(new Text(this._s, this._found.block));
  }
  getStartOffset(): number {
    return this._found.start;
  }
  getEndOffsetInclusive(): number {
    return this._found.end;
  }
  isPartial(): boolean {
    return this._found.start > 0 || this._found.end < this._found.block.get().length - 1;
  }
}

/** Rules and page breaks, as appendHorizontalRule / appendPageBreak return them. */
class Leaf {
  constructor(
    className: string,
    private readonly _type: string,
  ) {
    return strict(className, this);
  }
  getType(): GoogleAppsScript.Document.ElementType {
    return elementType(this._type);
  }
}

/** Copies a document's content under another id (Drive's makeCopy of a Google Doc). */
export function copyDocumentRec(fromId: string, toId: string): void {
  const from = store().documents[fromId];
  if (!from) throw new Error(`emulator: no document ${fromId}`);
  store().documents[toId] = { ...clone(savedDocument(from)), id: toId };
}

/** The body as plain text, paragraphs separated by newlines (Docs' text export). */
export function documentPlainText(doc: DocumentRec): string {
  return doc.body.map(plainText).join('\n');
}

export function createDocumentApp(): GoogleAppsScript.Document.DocumentApp {
  return asGas(new DocumentAppService());
}
