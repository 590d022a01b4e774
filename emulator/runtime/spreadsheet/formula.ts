/**
 * The formulas the emulator computes, when a script reads a formula cell (getValue(s),
 * getDisplayValue(s)): literals, arithmetic (+ - * / ^, unary minus, %), `&`, comparisons
 * (= <> < > <= >=), parentheses, cell references (A1, $A$1, Sheet!A1, 'My sheet'!A1) and the
 * functions TODAY, NOW, HYPERLINK, IF, SUM, TRUE, FALSE
 * (https://support.google.com/docs/table/25273 for each function; operators:
 * https://support.google.com/docs/answer/3094203?hl=en "Operators"). Any other function throws
 * `not emulated: formula FN` when read — never a silent "". A formula Sheets cannot parse shows
 * #ERROR! ("Formula parse error"); a circular reference shows #REF! ("Circular dependency
 * detected"); errors read back as their text (#DIV/0!, #VALUE!, #REF!, #NUM!), as getValue does.
 */
import type { CellRec, CellValue, SheetRec, SpreadsheetRec } from '../../store';
import { now } from '../context';
import { msToSerial, serialToMs } from './format';

interface FError {
  err: string;
}
/** A number Sheets treats as a date (TODAY(), a date cell, date ± days). */
interface FDate {
  serial: number;
  withTime: boolean;
}
type FValue = number | string | boolean | FError | FDate | null;

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; sheet?: string; row: number; col: number; row2?: number; col2?: number }
  | { t: 'un'; op: string; a: Node }
  | { t: 'pct'; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'fn'; name: string; args: Node[] };

export class FormulaParseError extends Error {}

// ---------- parsing ----------

const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|('(?:[^']|'')+'!|[A-Za-z_][A-Za-z0-9_.]*!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_(])|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(<>|<=|>=|[-+*/^&=<>(),;%]))/y;

type Tok = { k: 'str' | 'ref' | 'num' | 'name' | 'op'; v: string; sheet?: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new FormulaParseError('Formula parse error.');
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ k: 'str', v: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[3] !== undefined) {
      const prefix = m[2];
      const sheet = prefix === undefined ? undefined : prefix.startsWith("'") ? prefix.slice(1, -2).replace(/''/g, "'") : prefix.slice(0, -1);
      out.push({ k: 'ref', v: m[3], sheet });
    } else if (m[2] !== undefined) throw new FormulaParseError('Formula parse error.');
    else if (m[4] !== undefined) out.push({ k: 'num', v: m[4] });
    else if (m[5] !== undefined) out.push({ k: 'name', v: m[5] });
    else out.push({ k: 'op', v: m[6] });
  }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function cellRef(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a1)!;
  return { col: colNumber(m[1]), row: Number(m[2]) };
}

/** Parses a formula ("=…"); throws FormulaParseError where Sheets reports a parse error. */
export function parseFormula(formula: string): Node {
  const toks = tokenize(formula.replace(/^=/, ''));
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (v: string): boolean => peek()?.k === 'op' && peek()!.v === v;
  const fail = (): never => {
    throw new FormulaParseError('Formula parse error.');
  };
  const expect = (v: string): void => {
    if (!isOp(v)) fail();
    i++;
  };
  const binary =
    (ops: string[], next: () => Node): (() => Node) =>
    () => {
      let a = next();
      while (peek()?.k === 'op' && ops.includes(peek()!.v)) {
        const op = toks[i++].v;
        a = { t: 'bin', op, a, b: next() };
      }
      return a;
    };
  const primary = (): Node => {
    const tok = toks[i++];
    if (!tok) return fail();
    if (tok.k === 'num') return { t: 'num', v: Number(tok.v) };
    if (tok.k === 'str') return { t: 'str', v: tok.v };
    if (tok.k === 'ref') {
      const [first, second] = tok.v.split(':');
      const a = cellRef(first);
      if (!second) return { t: 'ref', sheet: tok.sheet, ...a };
      const b = cellRef(second);
      return {
        t: 'ref',
        sheet: tok.sheet,
        row: Math.min(a.row, b.row),
        col: Math.min(a.col, b.col),
        row2: Math.max(a.row, b.row),
        col2: Math.max(a.col, b.col),
      };
    }
    if (tok.k === 'name') {
      const name = tok.v.toUpperCase();
      if (isOp('(')) {
        i++;
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(expr());
            if (isOp(',') || isOp(';')) {
              i++;
              continue;
            }
            break;
          }
        }
        expect(')');
        return { t: 'fn', name, args };
      }
      if (name === 'TRUE' || name === 'FALSE') return { t: 'bool', v: name === 'TRUE' };
      // A bare name would be a named range: not modelled.
      throw new Error(`not emulated: formula name ${tok.v}`);
    }
    if (tok.v === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    if (tok.v === '-' || tok.v === '+') return { t: 'un', op: tok.v, a: postfix() };
    return fail();
  };
  const postfix = (): Node => {
    let a = primary();
    while (isOp('%')) {
      i++;
      a = { t: 'pct', a };
    }
    return a;
  };
  const power = binary(['^'], postfix);
  const mul = binary(['*', '/'], power);
  const add = binary(['+', '-'], mul);
  const concat = binary(['&'], add);
  const compare = binary(['=', '<>', '<', '>', '<=', '>='], concat);
  const expr = compare;
  const root = expr();
  if (i < toks.length) fail();
  return root;
}

/** True when Sheets would accept the text (without "=") as a formula. */
export function isFormula(text: string): boolean {
  try {
    parseFormula(text);
    return true;
  } catch (e) {
    return !(e instanceof FormulaParseError);
  }
}

// ---------- evaluation ----------

const isErr = (v: FValue): v is FError => typeof v === 'object' && v !== null && 'err' in v;
const isDate = (v: FValue): v is FDate => typeof v === 'object' && v !== null && 'serial' in v;
const VALUE: FError = { err: '#VALUE!' };

/** One read of a spreadsheet: formula results are computed once and cycles are caught. */
export class FormulaContext {
  private done = new Map<string, FValue>();
  private active = new Set<string>();
  constructor(readonly ss: SpreadsheetRec) {}

  /** What a formula cell reads as (getValue), and the format Sheets gives a date result. */
  cellValue(sheet: SheetRec, row: number, col: number, cell: CellRec): { v: CellValue; dateFmt?: 'date' | 'datetime' } {
    const out = this.formulaCell(sheet, row, col, cell);
    if (isErr(out)) return { v: out.err };
    if (isDate(out)) return { v: { date: serialToMs(out.serial, this.ss.timeZone) }, dateFmt: out.withTime ? 'datetime' : 'date' };
    if (out === null) return { v: '' };
    return { v: out };
  }

  private formulaCell(sheet: SheetRec, row: number, col: number, cell: CellRec): FValue {
    const key = `${sheet.sheetId}:${row}:${col}`;
    const known = this.done.get(key);
    if (known !== undefined) return known;
    if (this.active.has(key)) return { err: '#REF!' };
    this.active.add(key);
    let out: FValue;
    try {
      let node: Node;
      try {
        node = parseFormula(cell.f!);
      } catch (e) {
        if (e instanceof FormulaParseError) {
          out = { err: '#ERROR!' };
          this.done.set(key, out);
          return out;
        }
        throw e;
      }
      out = this.evalNode(node, sheet);
      if (out === null) out = 0;
    } finally {
      this.active.delete(key);
    }
    this.done.set(key, out);
    return out;
  }

  private refValue(sheet: SheetRec, row: number, col: number): FValue {
    if (row > sheet.maxRows || col > sheet.maxColumns) return { err: '#REF!' };
    const cell = sheet.rows[row - 1]?.[col - 1];
    if (!cell) return null;
    if (cell.f) return this.formulaCell(sheet, row, col, cell);
    const v = cell.v;
    if (v === '') return null;
    if (typeof v === 'object') return { serial: msToSerial(v.date, this.ss.timeZone), withTime: true };
    if (typeof v === 'string' && /^#(REF!|VALUE!|DIV\/0!|NUM!|N\/A|NAME\?|ERROR!|NULL!)$/.test(v)) return { err: v };
    return v;
  }

  private sheetOf(name: string | undefined, here: SheetRec): SheetRec | undefined {
    return name === undefined ? here : this.ss.sheets.find((s) => s.name === name);
  }

  private evalNode(n: Node, sheet: SheetRec): FValue {
    switch (n.t) {
      case 'num':
        return n.v;
      case 'str':
        return n.v;
      case 'bool':
        return n.v;
      case 'ref': {
        const target = this.sheetOf(n.sheet, sheet);
        if (!target) return { err: '#REF!' };
        if (n.row2 !== undefined) throw new Error('not emulated: formula range reference outside SUM');
        return this.refValue(target, n.row, n.col);
      }
      case 'un': {
        const a = this.evalNode(n.a, sheet);
        if (n.op === '+') return a;
        const x = toNumber(a);
        return isErr(x) ? x : -x;
      }
      case 'pct': {
        const x = toNumber(this.evalNode(n.a, sheet));
        return isErr(x) ? x : x / 100;
      }
      case 'bin':
        return this.binary(n.op, this.evalNode(n.a, sheet), this.evalNode(n.b, sheet));
      case 'fn':
        return this.call(n.name, n.args, sheet);
    }
  }

  private binary(op: string, a: FValue, b: FValue): FValue {
    if (isErr(a)) return a;
    if (isErr(b)) return b;
    if (op === '&') return toText(a) + toText(b);
    if (['=', '<>', '<', '>', '<=', '>='].includes(op)) return compareOp(op, a, b);
    const x = toNumber(a);
    const y = toNumber(b);
    if (isErr(x)) return x;
    if (isErr(y)) return y;
    let r: number;
    if (op === '+') r = x + y;
    else if (op === '-') r = x - y;
    else if (op === '*') r = x * y;
    else if (op === '/') {
      if (y === 0) return { err: '#DIV/0!' };
      r = x / y;
    } else {
      r = Math.pow(x, y);
      if (!isFinite(r) || Number.isNaN(r)) return { err: '#NUM!' };
    }
    // A date plus or minus days stays a date; date minus date is a number of days.
    const dated = op === '+' ? (isDate(a) !== isDate(b) ? ((isDate(a) ? a : b) as FDate) : undefined) : op === '-' && isDate(a) && !isDate(b) ? a : undefined;
    return dated ? { serial: r, withTime: dated.withTime || !Number.isInteger(r) } : r;
  }

  private call(name: string, args: Node[], sheet: SheetRec): FValue {
    // Wrong number of arguments: the cell shows #N/A ("Wrong number of arguments to …").
    const bad = (min: number, max: number): boolean => args.length < min || args.length > max;
    const NA: FError = { err: '#N/A' };
    switch (name) {
      case 'TODAY':
      case 'NOW': {
        if (bad(0, 0)) return NA;
        const serial = msToSerial(now(), this.ss.timeZone);
        return name === 'TODAY' ? { serial: Math.floor(serial), withTime: false } : { serial, withTime: true };
      }
      case 'TRUE':
      case 'FALSE':
        if (bad(0, 0)) return NA;
        return name === 'TRUE';
      case 'HYPERLINK': {
        if (bad(1, 2)) return NA;
        const vals = args.map((a) => this.evalNode(a, sheet));
        const failed = vals.find(isErr);
        if (failed) return failed;
        return toText(vals[vals.length - 1]);
      }
      case 'IF': {
        if (bad(2, 3)) return NA;
        const c = this.evalNode(args[0], sheet);
        if (isErr(c)) return c;
        const truth = typeof c === 'string' ? (/^(true|false)$/i.test(c) ? /^true$/i.test(c) : VALUE) : Boolean(isDate(c) ? c.serial : c);
        if (typeof truth === 'object') return truth;
        if (truth) return this.evalNode(args[1], sheet);
        return args[2] ? this.evalNode(args[2], sheet) : false;
      }
      case 'SUM': {
        let total = 0;
        for (const a of args) {
          if (a.t === 'ref') {
            const target = this.sheetOf(a.sheet, sheet);
            if (!target) return { err: '#REF!' };
            for (let r = a.row; r <= (a.row2 ?? a.row); r++) {
              for (let c = a.col; c <= (a.col2 ?? a.col); c++) {
                const v = this.refValue(target, r, c);
                if (isErr(v)) return v;
                // In a range SUM counts numbers (and dates) only; text and booleans are skipped.
                if (typeof v === 'number') total += v;
                else if (isDate(v)) total += v.serial;
              }
            }
          } else {
            const x = toNumber(this.evalNode(a, sheet));
            if (isErr(x)) return x;
            total += x;
          }
        }
        return total;
      }
      default:
        throw new Error(`not emulated: formula ${name}`);
    }
  }
}

function toNumber(v: FValue): number | FError {
  if (v === null) return 0;
  if (isErr(v)) return v;
  if (isDate(v)) return v.serial;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t !== '' && isFinite(Number(t))) return Number(t);
  return VALUE;
}

function toText(v: FValue): string {
  if (v === null) return '';
  if (isDate(v)) return String(v.serial);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(Number(v.toPrecision(15)));
  return String(v);
}

/** Sheets' ordering: numbers (and dates) < text (case-insensitive) < booleans; an empty cell is 0 or "". */
function compareOp(op: string, a: FValue, b: FValue): boolean {
  const norm = (v: FValue, other: FValue): number | string | boolean => {
    if (v === null) return typeof other === 'string' ? '' : typeof other === 'boolean' ? false : 0;
    if (isDate(v)) return v.serial;
    return v as number | string | boolean;
  };
  const x = norm(a, b);
  const y = norm(b, a);
  const rank = (v: unknown): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let d: number;
  if (rank(x) !== rank(y)) d = rank(x) - rank(y);
  else if (typeof x === 'string') {
    const [p, q] = [x.toLowerCase(), (y as string).toLowerCase()];
    d = p < q ? -1 : p > q ? 1 : 0;
  } else d = Number(x) - Number(y);
  switch (op) {
    case '=':
      return d === 0;
    case '<>':
      return d !== 0;
    case '<':
      return d < 0;
    case '>':
      return d > 0;
    case '<=':
      return d <= 0;
    default:
      return d >= 0;
  }
}
