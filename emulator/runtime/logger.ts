/**
 * Logger and console: every line lands in store.logs with the execution number and the virtual
 * time. Logger also keeps this execution's lines for getLog(), in Apps Script's
 * "[yy-MM-dd HH:mm:ss:SSS z] message" shape (script time zone).
 */
import type { LogRec } from '../store';
import { now, rt, store } from './context';
import { asGas, strict } from './strict';
import { formatJavaDate, sprintf, stringOf } from './utilities';

type GasLogger = GoogleAppsScript.Base.Logger;

function record(level: LogRec['level'], message: string): void {
  store().logs.push({ at: now(), execution: rt().exec.number, level, message });
}

/** console's formatting: a leading string may hold %s/%d/%i/%f/%o/%O/%j; the rest are appended. */
function consoleFormat(args: unknown[]): string {
  if (args.length === 0) return '';
  let rest: unknown[];
  let head: string;
  if (typeof args[0] === 'string') {
    let i = 1;
    head = args[0].replace(/%([sdifoOj%])/g, (whole, c: string) => {
      if (c === '%') return '%';
      if (i >= args.length) return whole;
      const v = args[i++];
      if (c === 'd' || c === 'i') return String(c === 'i' ? Math.trunc(Number(v)) : Number(v));
      if (c === 'f') return String(Number(v));
      return stringOf(v);
    });
    rest = args.slice(i);
  } else {
    head = stringOf(args[0]);
    rest = args.slice(1);
  }
  return [head, ...rest.map(stringOf)].join(' ');
}

type LoggerSurface = Pick<GasLogger, 'log' | 'getLog' | 'clear'>;

class Logger implements LoggerSurface {
  #lines: string[] = [];

  constructor() {
    return strict('Logger', this);
  }

  /** log(data) or log(format, values…) with %s-style placeholders (as Utilities.formatString). */
  log(data: unknown, ...values: unknown[]): GasLogger {
    const message = values.length > 0 ? sprintf(stringOf(data), values) : stringOf(data);
    record('log', message);
    const tz = store().script.timeZone;
    this.#lines.push(`[${formatJavaDate(now(), tz, 'yy-MM-dd HH:mm:ss:SSS z')}] ${message}`);
    return asGas(this);
  }

  getLog(): string {
    return this.#lines.map((l) => l + '\n').join('');
  }

  clear(): void {
    this.#lines = [];
  }
}

type ConsoleSurface = Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'time' | 'timeEnd'>;

class ScriptConsole implements ConsoleSurface {
  #timers: Record<string, number> = {};

  constructor() {
    return strict('console', this);
  }

  log(...args: unknown[]): void {
    record('log', consoleFormat(args));
  }

  info(...args: unknown[]): void {
    record('info', consoleFormat(args));
  }

  warn(...args: unknown[]): void {
    record('warn', consoleFormat(args));
  }

  error(...args: unknown[]): void {
    record('error', consoleFormat(args));
  }

  /** Timers run on the virtual clock (it moves only with Utilities.sleep, locks and the driver). */
  time(label = 'default'): void {
    this.#timers[label] = now();
  }

  timeEnd(label = 'default'): void {
    const start = this.#timers[label];
    if (start === undefined) return;
    delete this.#timers[label];
    record('log', `${label}: ${now() - start}ms`);
  }
}

export function createLogger(): GasLogger {
  return asGas<GasLogger>(new Logger());
}

export function createConsole(): Console {
  return asGas<Console>(new ScriptConsole());
}
