/**
 * FormApp: forms, their items, responses and the link to a response spreadsheet.
 * Forms live in store.forms; how a response is written into its sheet is shared with the
 * host-side submission driver (forms/model.ts).
 */
import type { FormItemRec, FormItemType, FormRec, FormResponseRec } from '../store';
import { newId, now, requireScope, SCOPES, store } from './context';
import { addDriveItem, driveItem, GOOGLE_MIME, touchDriveItem } from './drive-model';
import { authModeOf, registerEventBuilder, type EventSpec } from './events';
import { encodeEntryValue, findForm, isQuestion, linkDestination, syncHeader, unlinkDestination, writeResponseRow } from './forms/model';
import { asGas, strict } from './strict';
import { enumArg, makeEnum } from './enums';

type G = typeof GoogleAppsScript.Forms;
type GForm = GoogleAppsScript.Forms.Form;
type GItem = GoogleAppsScript.Forms.Item;
type GItemResponse = GoogleAppsScript.Forms.ItemResponse;
type GFormResponse = GoogleAppsScript.Forms.FormResponse;
type GChoice = GoogleAppsScript.Forms.Choice;
type Answer = string | string[];

const ITEM_TYPES = [
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
] as const;
// Enum objects in documented order (https://developers.google.com/apps-script/reference/forms/item-type,
// …/forms/destination-type); records keep the names.
const ItemTypeEnum = makeEnum('ItemType', [...ITEM_TYPES.slice(0, 11), 'RATING', ...ITEM_TYPES.slice(11), 'UNSUPPORTED']);
const DestinationTypeEnum = makeEnum('DestinationType', ['SPREADSHEET']);
const ItemType = ItemTypeEnum as unknown as G['ItemType'];
const DestinationType = DestinationTypeEnum as unknown as G['DestinationType'];
/** Question types a submitted response lists even when unanswered (see FormResponse.getItemResponses). */
const EMPTY_WHEN_UNANSWERED = new Set<string>(['TEXT', 'PARAGRAPH_TEXT', 'DATE', 'TIME']);
const NO_DESTINATION = 'The form currently has no response destination.';
const ANY_FORMS_SCOPE = [SCOPES.forms, SCOPES.formsCurrent];

/** Reads the record behind a fake the script hands back to us (item, choice, response). */
function internal<T>(x: unknown, field: string, what: string): T {
  const value = x && typeof x === 'object' && field in x ? (x as Record<string, unknown>)[field] : undefined;
  if (value === undefined) throw new Error(`Invalid argument: ${what}`);
  return value as T;
}

function formRec(id: string): FormRec | undefined {
  return store().forms[id];
}

function notFound(): Error {
  return new Error('No item with the given ID could be found, or you do not have permission to access it.');
}

class FormAppService implements Pick<
  GoogleAppsScript.Forms.FormApp,
  'create' | 'openById' | 'openByUrl' | 'getActiveForm' | 'createTextValidation' | 'ItemType' | 'DestinationType'
> {
  ItemType = ItemType;
  DestinationType = DestinationType;
  constructor() {
    return strict('FormApp', this);
  }
  create(title: string): GForm {
    requireScope('FormApp.create', [SCOPES.forms]);
    if (title === undefined || title === null || String(title) === '') throw new Error('Invalid argument: title');
    const id = newId('form');
    const key = `1FAIpQLS${id}`;
    // Live FormApp names the Drive file after the argument but leaves the form's own title blank
    // (gas-fakes oddities.md, issuetracker 442747794).
    const rec: FormRec = {
      id,
      title: '',
      description: '',
      items: [],
      nextItemId: 1,
      acceptingResponses: true,
      collectEmail: false,
      allowResponseEdits: false,
      confirmationMessage: '',
      responses: [],
      publishedUrl: `https://docs.google.com/forms/d/e/${key}/viewform`,
      editUrl: `https://docs.google.com/forms/d/${id}/edit`,
    };
    store().forms[id] = rec;
    addDriveItem({ id, kind: 'file', name: String(title), mimeType: GOOGLE_MIME.form });
    return asGas(new Form(rec));
  }
  openById(id: string): GForm {
    requireScope('FormApp.openById', [SCOPES.forms]);
    const rec = formRec(String(id));
    if (!rec || driveItem(rec.id)?.trashed) throw notFound();
    return asGas(new Form(rec));
  }
  openByUrl(url: string): GForm {
    requireScope('FormApp.openByUrl', [SCOPES.forms]);
    const u = String(url);
    const published = /\/forms\/d\/e\/([^/?#]+)/.exec(u);
    const rec = published ? findForm(store(), (f) => f.publishedUrl.includes(`/e/${published[1]}/`)) : formRec(/\/forms\/d\/([^/?#]+)/.exec(u)?.[1] ?? '');
    if (!rec) throw notFound();
    return asGas(new Form(rec));
  }
  /** Only a script bound to a form has an active form; a sheet-bound script gets null. */
  getActiveForm(): GForm {
    requireScope('FormApp.getActiveForm', ANY_FORMS_SCOPE);
    const id = store().script.containerId;
    const rec = id ? formRec(id) : undefined;
    return (rec ? asGas(new Form(rec)) : null) as GForm;
  }
  createTextValidation(): GoogleAppsScript.Forms.TextValidationBuilder {
    return asGas(new TextValidationBuilder());
  }
}

type FormSurface = Pick<
  GForm,
  | 'getId'
  | 'getTitle'
  | 'setTitle'
  | 'getDescription'
  | 'setDescription'
  | 'getConfirmationMessage'
  | 'setConfirmationMessage'
  | 'collectsEmail'
  | 'setCollectEmail'
  | 'canEditResponse'
  | 'setAllowResponseEdits'
  | 'isAcceptingResponses'
  | 'setAcceptingResponses'
  | 'getPublishedUrl'
  | 'getEditUrl'
  | 'getItems'
  | 'getItemById'
  | 'deleteItem'
  | 'moveItem'
  | 'addTextItem'
  | 'addParagraphTextItem'
  | 'addMultipleChoiceItem'
  | 'addCheckboxItem'
  | 'addListItem'
  | 'addScaleItem'
  | 'addDateItem'
  | 'addSectionHeaderItem'
  | 'addPageBreakItem'
  | 'setDestination'
  | 'getDestinationId'
  | 'getDestinationType'
  | 'removeDestination'
  | 'createResponse'
  | 'getResponses'
  | 'getResponse'
  | 'deleteAllResponses'
>;

class Form implements FormSurface {
  constructor(private readonly _rec: FormRec) {
    return strict('Form', this);
  }
  private touch(): GForm {
    touchDriveItem(this._rec.id);
    return asGas(this);
  }
  getId(): string {
    return this._rec.id;
  }
  getTitle(): string {
    return this._rec.title;
  }
  setTitle(title: string): GForm {
    this._rec.title = String(title);
    return this.touch();
  }
  getDescription(): string {
    return this._rec.description;
  }
  setDescription(description: string): GForm {
    this._rec.description = String(description);
    return this.touch();
  }
  getConfirmationMessage(): string {
    return this._rec.confirmationMessage;
  }
  setConfirmationMessage(message: string): GForm {
    this._rec.confirmationMessage = String(message);
    return this.touch();
  }
  collectsEmail(): boolean {
    return this._rec.collectEmail;
  }
  setCollectEmail(collect: boolean): GForm {
    this._rec.collectEmail = Boolean(collect);
    syncHeader(store(), this._rec);
    return this.touch();
  }
  canEditResponse(): boolean {
    return this._rec.allowResponseEdits;
  }
  setAllowResponseEdits(enabled: boolean): GForm {
    this._rec.allowResponseEdits = Boolean(enabled);
    return this.touch();
  }
  isAcceptingResponses(): boolean {
    return this._rec.acceptingResponses;
  }
  setAcceptingResponses(enabled: boolean): GForm {
    this._rec.acceptingResponses = Boolean(enabled);
    return this.touch();
  }
  getPublishedUrl(): string {
    return this._rec.publishedUrl;
  }
  getEditUrl(): string {
    return this._rec.editUrl;
  }
  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GItem[] {
    const want = itemType === undefined ? undefined : enumArg(ItemTypeEnum, itemType, 'FormApp.Form.getItems');
    return this._rec.items.filter((i) => !want || i.type === want).map((i) => asGas<GItem>(new Item(this._rec, i)));
  }
  getItemById(id: number): GItem {
    const rec = this._rec.items.find((i) => i.id === Number(id));
    return (rec ? asGas(new Item(this._rec, rec)) : null) as GItem;
  }
  deleteItem(indexOrItem: number | GItem): void {
    const index = typeof indexOrItem === 'number' ? indexOrItem : this._rec.items.indexOf(internal<FormItemRec>(indexOrItem, '_item', 'item'));
    if (index < 0 || index >= this._rec.items.length) throw new Error(`Invalid argument: index`);
    this._rec.items.splice(index, 1);
    this.touch();
  }
  moveItem(from: number | GItem, to: number): GItem {
    const index = typeof from === 'number' ? from : this._rec.items.indexOf(internal<FormItemRec>(from, '_item', 'item'));
    const items = this._rec.items;
    if (index < 0 || index >= items.length || to < 0 || to >= items.length) throw new Error('Invalid argument: index');
    const [rec] = items.splice(index, 1);
    items.splice(to, 0, rec);
    this.touch();
    return asGas(new Item(this._rec, rec));
  }
  private add(type: FormItemType): FormItemRec {
    const form = this._rec;
    const rec: FormItemRec = { id: 100000000 + form.nextItemId++ * 7919, type, title: '', helpText: '', required: false };
    // Live FormApp gives a new choice item one blank choice (gas-fakes oddities.md).
    if (type === 'MULTIPLE_CHOICE' || type === 'CHECKBOX' || type === 'LIST') rec.choices = [''];
    if (type === 'MULTIPLE_CHOICE' || type === 'CHECKBOX') rec.hasOtherOption = false;
    if (type === 'SCALE') rec.scale = { lower: 1, upper: 5, lowerLabel: '', upperLabel: '' };
    form.items.push(rec);
    if (isQuestion(rec)) syncHeader(store(), form);
    this.touch();
    return rec;
  }
  addTextItem(): GoogleAppsScript.Forms.TextItem {
    return asGas(new TextItem(this._rec, this.add('TEXT')));
  }
  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return asGas(new ParagraphTextItem(this._rec, this.add('PARAGRAPH_TEXT')));
  }
  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return asGas(new MultipleChoiceItem(this._rec, this.add('MULTIPLE_CHOICE')));
  }
  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return asGas(new CheckboxItem(this._rec, this.add('CHECKBOX')));
  }
  addListItem(): GoogleAppsScript.Forms.ListItem {
    return asGas(new ListItem(this._rec, this.add('LIST')));
  }
  addScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    return asGas(new ScaleItem(this._rec, this.add('SCALE')));
  }
  addDateItem(): GoogleAppsScript.Forms.DateItem {
    return asGas(new DateItem(this._rec, this.add('DATE')));
  }
  addSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    return asGas(new SectionHeaderItem(this._rec, this.add('SECTION_HEADER')));
  }
  addPageBreakItem(): GoogleAppsScript.Forms.PageBreakItem {
    return asGas(new PageBreakItem(this._rec, this.add('PAGE_BREAK')));
  }
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): GForm {
    enumArg(DestinationTypeEnum, type, 'FormApp.Form.setDestination', type, id);
    const ss = store().spreadsheets[String(id)];
    if (!ss) throw notFound();
    if (this._rec.destination) unlinkDestination(store(), this._rec);
    linkDestination(store(), this._rec, ss);
    touchDriveItem(ss.id);
    return this.touch();
  }
  getDestinationId(): string {
    if (!this._rec.destination) throw new Error(NO_DESTINATION);
    return this._rec.destination.spreadsheetId;
  }
  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    if (!this._rec.destination) throw new Error(NO_DESTINATION);
    return DestinationType.SPREADSHEET;
  }
  removeDestination(): GForm {
    unlinkDestination(store(), this._rec);
    return this.touch();
  }
  createResponse(): GFormResponse {
    return asGas(new FormResponse(this._rec));
  }
  getResponses(timestamp?: GoogleAppsScript.Base.Date): GFormResponse[] {
    const since = timestamp ? (timestamp as unknown as Date).getTime() : -Infinity;
    return this._rec.responses
      .filter((r) => r.timestamp >= since)
      .sort((a, b) => a.timestamp - b.timestamp)
      .map((r) => asGas<GFormResponse>(new FormResponse(this._rec, r)));
  }
  getResponse(responseId: string): GFormResponse {
    const r = this._rec.responses.find((x) => x.id === String(responseId));
    if (!r) throw new Error(`Invalid argument: responseId`);
    return asGas(new FormResponse(this._rec, r));
  }
  deleteAllResponses(): GForm {
    // Rows already written to the destination sheet stay, as in Forms.
    this._rec.responses = [];
    return this.touch();
  }
  toString(): string {
    return 'Form';
  }
}

/** What every item has; typed items add their own members. Self: the GAS type setters return. */
abstract class ItemBase<Self> {
  constructor(
    protected readonly _form: FormRec,
    readonly _item: FormItemRec,
  ) {}
  protected self(): Self {
    touchDriveItem(this._form.id);
    return asGas<Self>(this);
  }
  getId(): number {
    return this._item.id;
  }
  getIndex(): number {
    return this._form.items.indexOf(this._item);
  }
  getTitle(): string {
    return this._item.title;
  }
  getHelpText(): string {
    return this._item.helpText;
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return ItemTypeEnum[this._item.type] as unknown as GoogleAppsScript.Forms.ItemType;
  }
  setTitle(title: string): Self {
    this._item.title = String(title);
    syncHeader(store(), this._form);
    return this.self();
  }
  setHelpText(text: string): Self {
    this._item.helpText = String(text);
    return this.self();
  }
}

/** A question: required flag and responses. */
abstract class QuestionBase<Self> extends ItemBase<Self> {
  isRequired(): boolean {
    return this._item.required;
  }
  setRequired(enabled: boolean): Self {
    this._item.required = Boolean(enabled);
    return this.self();
  }
  protected respond(answer: Answer): GItemResponse {
    return asGas(new ItemResponse(this._form, this._item, answer));
  }
}

/** Choice questions: multiple choice, checkbox, list. */
abstract class ChoiceBase<Self> extends QuestionBase<Self> {
  createChoice(value: string): GChoice {
    return asGas(new Choice(String(value)));
  }
  getChoices(): GChoice[] {
    return (this._item.choices ?? []).map((v) => asGas<GChoice>(new Choice(v)));
  }
  setChoiceValues(values: string[]): Self {
    if (!Array.isArray(values) || values.length === 0) throw new Error('Invalid argument: values');
    this._item.choices = values.map(String);
    return this.self();
  }
  setChoices(choices: GChoice[]): Self {
    if (!Array.isArray(choices) || choices.length === 0) throw new Error('Invalid argument: choices');
    this._item.choices = choices.map((c) => internal<string>(c, '_value', 'choices'));
    return this.self();
  }
  /** Answers must be among the choices unless the "Other" option is on. */
  protected checkChoice(value: string): void {
    if (!this._item.hasOtherOption && !(this._item.choices ?? []).includes(value)) {
      throw new Error(`Invalid response submitted to item "${this._item.title}": ${value}`);
    }
  }
}

/** An item as getItems returns it: generic until cast with asXItem(). */
class Item
  extends ItemBase<GItem>
  implements
    Pick<
      GItem,
      | 'getId'
      | 'getIndex'
      | 'getTitle'
      | 'getHelpText'
      | 'getType'
      | 'setTitle'
      | 'setHelpText'
      | 'asTextItem'
      | 'asParagraphTextItem'
      | 'asMultipleChoiceItem'
      | 'asCheckboxItem'
      | 'asListItem'
      | 'asScaleItem'
      | 'asDateItem'
      | 'asSectionHeaderItem'
      | 'asPageBreakItem'
    >
{
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('Item', this);
  }
  private as<T>(type: FormItemType, make: new (f: FormRec, i: FormItemRec) => object): T {
    if (this._item.type !== type) throw new Error(`Invalid conversion for item type: ${this._item.type}`);
    return asGas<T>(new make(this._form, this._item));
  }
  asTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.as('TEXT', TextItem);
  }
  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.as('PARAGRAPH_TEXT', ParagraphTextItem);
  }
  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.as('MULTIPLE_CHOICE', MultipleChoiceItem);
  }
  asCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.as('CHECKBOX', CheckboxItem);
  }
  asListItem(): GoogleAppsScript.Forms.ListItem {
    return this.as('LIST', ListItem);
  }
  asScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    return this.as('SCALE', ScaleItem);
  }
  asDateItem(): GoogleAppsScript.Forms.DateItem {
    return this.as('DATE', DateItem);
  }
  asSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    return this.as('SECTION_HEADER', SectionHeaderItem);
  }
  asPageBreakItem(): GoogleAppsScript.Forms.PageBreakItem {
    return this.as('PAGE_BREAK', PageBreakItem);
  }
}

type Common = 'getId' | 'getIndex' | 'getTitle' | 'getHelpText' | 'getType' | 'setTitle' | 'setHelpText';
type Question = Common | 'isRequired' | 'setRequired' | 'createResponse';
type Choices = Question | 'createChoice' | 'getChoices' | 'setChoiceValues' | 'setChoices';

class TextItem
  extends QuestionBase<GoogleAppsScript.Forms.TextItem>
  implements Pick<GoogleAppsScript.Forms.TextItem, Question | 'setValidation' | 'clearValidation'>
{
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('TextItem', this);
  }
  createResponse(response: string): GItemResponse {
    return this.respond(String(response));
  }
  setValidation(validation: GoogleAppsScript.Forms.TextValidation): GoogleAppsScript.Forms.TextItem {
    this._item.validation = { ...internal<NonNullable<FormItemRec['validation']>>(validation, '_spec', 'validation') };
    return this.self();
  }
  clearValidation(): GoogleAppsScript.Forms.TextItem {
    delete this._item.validation;
    return this.self();
  }
}

class ParagraphTextItem extends QuestionBase<GoogleAppsScript.Forms.ParagraphTextItem> implements Pick<GoogleAppsScript.Forms.ParagraphTextItem, Question> {
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('ParagraphTextItem', this);
  }
  createResponse(response: string): GItemResponse {
    return this.respond(String(response));
  }
}

class MultipleChoiceItem
  extends ChoiceBase<GoogleAppsScript.Forms.MultipleChoiceItem>
  implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem, Choices | 'hasOtherOption' | 'showOtherOption'>
{
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('MultipleChoiceItem', this);
  }
  hasOtherOption(): boolean {
    return Boolean(this._item.hasOtherOption);
  }
  showOtherOption(enabled: boolean): GoogleAppsScript.Forms.MultipleChoiceItem {
    this._item.hasOtherOption = Boolean(enabled);
    return this.self();
  }
  createResponse(response: string): GItemResponse {
    this.checkChoice(String(response));
    return this.respond(String(response));
  }
}

class CheckboxItem
  extends ChoiceBase<GoogleAppsScript.Forms.CheckboxItem>
  implements Pick<GoogleAppsScript.Forms.CheckboxItem, Choices | 'hasOtherOption' | 'showOtherOption'>
{
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('CheckboxItem', this);
  }
  hasOtherOption(): boolean {
    return Boolean(this._item.hasOtherOption);
  }
  showOtherOption(enabled: boolean): GoogleAppsScript.Forms.CheckboxItem {
    this._item.hasOtherOption = Boolean(enabled);
    return this.self();
  }
  createResponse(responses: string[]): GItemResponse {
    const list = Array.from(responses ?? [], String);
    list.forEach((v) => this.checkChoice(v));
    return this.respond(list);
  }
}

class ListItem extends ChoiceBase<GoogleAppsScript.Forms.ListItem> implements Pick<GoogleAppsScript.Forms.ListItem, Choices> {
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('ListItem', this);
  }
  createResponse(response: string): GItemResponse {
    this.checkChoice(String(response));
    return this.respond(String(response));
  }
}

class ScaleItem
  extends QuestionBase<GoogleAppsScript.Forms.ScaleItem>
  implements Pick<GoogleAppsScript.Forms.ScaleItem, Question | 'setBounds' | 'getLowerBound' | 'getUpperBound' | 'setLabels' | 'getLeftLabel' | 'getRightLabel'>
{
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('ScaleItem', this);
  }
  private get scale(): NonNullable<FormItemRec['scale']> {
    return (this._item.scale ??= { lower: 1, upper: 5, lowerLabel: '', upperLabel: '' });
  }
  setBounds(lower: number, upper: number): GoogleAppsScript.Forms.ScaleItem {
    // Forms allows a lower bound of 0 or 1 and an upper bound of 3 to 10.
    if (![0, 1].includes(Number(lower)) || Number(upper) < 3 || Number(upper) > 10) throw new Error('Invalid argument: bounds');
    Object.assign(this.scale, { lower: Number(lower), upper: Number(upper) });
    return this.self();
  }
  getLowerBound(): number {
    return this.scale.lower;
  }
  getUpperBound(): number {
    return this.scale.upper;
  }
  setLabels(lower: string, upper: string): GoogleAppsScript.Forms.ScaleItem {
    Object.assign(this.scale, { lowerLabel: String(lower), upperLabel: String(upper) });
    return this.self();
  }
  getLeftLabel(): string {
    return this.scale.lowerLabel ?? '';
  }
  getRightLabel(): string {
    return this.scale.upperLabel ?? '';
  }
  createResponse(response: number): GItemResponse {
    const n = Number(response);
    if (!Number.isInteger(n) || n < this.scale.lower || n > this.scale.upper)
      throw new Error(`Invalid response submitted to item "${this._item.title}": ${response}`);
    return this.respond(String(n));
  }
}

class DateItem extends QuestionBase<GoogleAppsScript.Forms.DateItem> implements Pick<GoogleAppsScript.Forms.DateItem, Question> {
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('DateItem', this);
  }
  /** The answer is the calendar day in the script's time zone, kept as "yyyy-MM-dd" (ItemResponse.getResponse). */
  createResponse(response: GoogleAppsScript.Base.Date): GItemResponse {
    const d = response as unknown as Date;
    if (!d || typeof d.getTime !== 'function' || isNaN(d.getTime())) throw new Error('Invalid argument: response');
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: store().script.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      d.getTime(),
    );
    return this.respond(parts);
  }
}

class SectionHeaderItem extends ItemBase<GoogleAppsScript.Forms.SectionHeaderItem> implements Pick<GoogleAppsScript.Forms.SectionHeaderItem, Common> {
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('SectionHeaderItem', this);
  }
}

class PageBreakItem extends ItemBase<GoogleAppsScript.Forms.PageBreakItem> implements Pick<GoogleAppsScript.Forms.PageBreakItem, Common> {
  constructor(form: FormRec, item: FormItemRec) {
    super(form, item);
    return strict('PageBreakItem', this);
  }
}

class Choice implements Pick<GChoice, 'getValue'> {
  constructor(readonly _value: string) {
    return strict('Choice', this);
  }
  getValue(): string {
    return this._value;
  }
}

class TextValidationBuilder implements Pick<
  GoogleAppsScript.Forms.TextValidationBuilder,
  | 'requireNumber'
  | 'requireWholeNumber'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireTextLengthLessThanOrEqualTo'
  | 'requireTextLengthGreaterThanOrEqualTo'
  | 'requireTextMatchesPattern'
  | 'requireTextContainsPattern'
  | 'requireNumberBetween'
  | 'setHelpText'
  | 'build'
> {
  private spec: NonNullable<FormItemRec['validation']> = { kind: '', args: [] };
  constructor() {
    return strict('TextValidationBuilder', this);
  }
  private set(kind: string, ...args: (string | number)[]): GoogleAppsScript.Forms.TextValidationBuilder {
    this.spec = { ...this.spec, kind, args };
    return asGas(this);
  }
  requireNumber(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('NUMBER');
  }
  requireWholeNumber(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('WHOLE_NUMBER');
  }
  requireNumberBetween(start: number, end: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('NUMBER_BETWEEN', Number(start), Number(end));
  }
  requireTextIsEmail(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('EMAIL');
  }
  requireTextIsUrl(): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('URL');
  }
  requireTextLengthLessThanOrEqualTo(n: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('LENGTH_LTE', Number(n));
  }
  requireTextLengthGreaterThanOrEqualTo(n: number): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('LENGTH_GTE', Number(n));
  }
  requireTextMatchesPattern(pattern: string): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('MATCHES', String(pattern));
  }
  requireTextContainsPattern(pattern: string): GoogleAppsScript.Forms.TextValidationBuilder {
    return this.set('CONTAINS', String(pattern));
  }
  setHelpText(text: string): GoogleAppsScript.Forms.TextValidationBuilder {
    this.spec = { ...this.spec, helpText: String(text) };
    return asGas(this);
  }
  build(): GoogleAppsScript.Forms.TextValidation {
    return asGas(new TextValidation({ ...this.spec }));
  }
}

class TextValidation {
  constructor(readonly _spec: NonNullable<FormItemRec['validation']>) {
    return strict('TextValidation', this);
  }
}

function itemFake(form: FormRec, item: FormItemRec): GItem {
  return asGas(new Item(form, item));
}

class ItemResponse implements Pick<GItemResponse, 'getItem' | 'getResponse'> {
  constructor(
    private readonly _form: FormRec,
    readonly _item: FormItemRec,
    readonly _answer: Answer,
  ) {
    return strict('ItemResponse', this);
  }
  getItem(): GItem {
    return itemFake(this._form, this._item);
  }
  getResponse(): string[] | string {
    return Array.isArray(this._answer) ? this._answer.slice() : this._answer;
  }
}

/** A response being built (prefill, submit) or one already submitted (_rec set). */
class FormResponse implements Pick<
  GFormResponse,
  | 'getId'
  | 'getTimestamp'
  | 'getRespondentEmail'
  | 'getItemResponses'
  | 'getResponseForItem'
  | 'getEditResponseUrl'
  | 'withItemResponse'
  | 'toPrefilledUrl'
  | 'submit'
> {
  private pending = new Map<number, Answer>();
  constructor(
    private readonly _form: FormRec,
    private readonly _rec?: FormResponseRec,
  ) {
    return strict('FormResponse', this);
  }
  private answers(): [FormItemRec, Answer][] {
    const source = this._rec ? new Map(Object.entries(this._rec.answers).map(([k, v]) => [Number(k), v])) : this.pending;
    return this._form.items.filter((i) => source.has(i.id)).map((i) => [i, source.get(i.id) as Answer]);
  }
  getId(): string {
    return (this._rec ? this._rec.id : null) as string;
  }
  getTimestamp(): GoogleAppsScript.Base.Date {
    return (this._rec ? new Date(this._rec.timestamp) : null) as unknown as GoogleAppsScript.Base.Date;
  }
  getRespondentEmail(): string {
    return this._rec?.respondentEmail ?? '';
  }
  /**
   * The answered items, in form order. A submitted response also lists its unanswered text,
   * paragraph, date and time questions, with the empty string as their response; unanswered
   * choice questions (multiple choice, checkboxes, list, scale) are left out. Observed on Google
   * (the field reports behind issue 7 of this project); the reference only says "all item
   * responses contained in a form response"
   * (https://developers.google.com/apps-script/reference/forms/form-response#getItemResponses()).
   */
  getItemResponses(): GItemResponse[] {
    const answered = (a: Answer | undefined): boolean => (Array.isArray(a) ? a.length > 0 : a !== undefined && a !== '');
    if (!this._rec) {
      return this.answers()
        .filter(([, a]) => answered(a))
        .map(([i, a]) => asGas<GItemResponse>(new ItemResponse(this._form, i, a)));
    }
    const given = this._rec.answers as Record<string, Answer | undefined>;
    return this._form.items.flatMap((i) => {
      const a = given[String(i.id)];
      if (answered(a)) return [asGas<GItemResponse>(new ItemResponse(this._form, i, a as Answer))];
      return EMPTY_WHEN_UNANSWERED.has(i.type) ? [asGas<GItemResponse>(new ItemResponse(this._form, i, ''))] : [];
    });
  }
  getResponseForItem(item: GItem): GItemResponse {
    const rec = internal<FormItemRec>(item, '_item', 'item');
    const hit = this.answers().find(([i]) => i === rec);
    return (hit ? asGas(new ItemResponse(this._form, hit[0], hit[1])) : null) as GItemResponse;
  }
  getEditResponseUrl(): string {
    if (!this._rec) return null as unknown as string;
    return `${this._form.publishedUrl}?edit2=${this._rec.editToken}`;
  }
  withItemResponse(response: GItemResponse): GFormResponse {
    if (this._rec) throw new Error('This response has already been submitted and cannot be changed.');
    const item = internal<FormItemRec>(response, '_item', 'response');
    this.pending.set(item.id, internal<Answer>(response, '_answer', 'response'));
    return asGas(this);
  }
  /** Google's shape: <publishedUrl>?usp=pp_url&entry.<id>=<value>, one entry per checked box. */
  toPrefilledUrl(): string {
    const params = this.answers().flatMap(([i, a]) => (Array.isArray(a) ? a : [a]).map((v) => `entry.${i.id}=${encodeEntryValue(v)}`));
    return [`${this._form.publishedUrl}?usp=pp_url`, ...params].join('&');
  }
  /** Records the response and writes it to the destination sheet; triggers fire only for real submits (the driver). */
  submit(): GFormResponse {
    if (this._rec) throw new Error('This response has already been submitted.');
    const rec: FormResponseRec = {
      id: newId('2_ABaOn'),
      timestamp: now(),
      answers: Object.fromEntries(this.answers().map(([i, a]) => [i.id, Array.isArray(a) ? a.slice() : a])),
      editToken: newId('2_ABaOnE'),
    };
    this._form.responses.push(rec);
    writeResponseRow(store(), this._form, rec);
    return asGas(new FormResponse(this._form, rec));
  }
  toString(): string {
    return 'FormResponse';
  }
}

/** Event for form-bound onFormSubmit triggers: e.response and e.source are live objects. */
registerEventBuilder('formResponse', (spec: EventSpec) => {
  const form = formRec(String(spec.formId));
  const resp = form?.responses.find((r) => r.id === spec.responseId);
  if (!form || !resp) throw new Error(`emulator: no response ${String(spec.responseId)} in form ${String(spec.formId)}`);
  return { authMode: authModeOf(spec.authMode), triggerUid: spec.triggerUid, source: new Form(form), response: new FormResponse(form, resp) };
});

export function createFormApp(): GoogleAppsScript.Forms.FormApp {
  return asGas(new FormAppService());
}
