/**
 * Blob: bytes with a content type and a name, as Utilities.newBlob, getAs and getBlob return.
 * Bytes are kept as a plain array of signed bytes (-128..127), as Apps Script's Byte[] is.
 */
import { asGas, strict } from './strict';

type GasBlob = GoogleAppsScript.Base.Blob;

export function utf8Encode(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out.map(toSigned);
}

export function utf8Decode(bytes: number[]): string {
  const b = bytes.map((x) => x & 0xff);
  let s = '';
  for (let i = 0; i < b.length;) {
    const c = b[i];
    // Lead byte → sequence length; continuation bytes carry 6 bits each.
    const len = c < 0x80 ? 1 : c >> 5 === 6 ? 2 : c >> 4 === 14 ? 3 : 4;
    let cp = len === 1 ? c : c & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k] & 63);
    s += String.fromCodePoint(cp);
    i += len;
  }
  return s;
}

export function toSigned(byte: number): number {
  const u = byte & 0xff;
  return u > 127 ? u - 256 : u;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: number[], alphabet = B64): string {
  const b = bytes.map((x) => x & 0xff);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
    out += i + 1 < b.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? alphabet[n & 63] : '=';
  }
  return out;
}

export function base64Decode(text: string, alphabet = B64): number[] {
  const clean = text.replace(/[\s=]/g, '');
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error('Could not decode string.');
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push(toSigned((buf >> bits) & 0xff));
    }
  }
  return out;
}

type BlobSurface = Pick<
  GoogleAppsScript.Base.Blob,
  | 'getBytes'
  | 'getDataAsString'
  | 'getContentType'
  | 'getName'
  | 'setName'
  | 'setContentType'
  | 'setDataFromString'
  | 'setBytes'
  | 'copyBlob'
  | 'getAs'
  | 'isGoogleType'
>;

export class Blob implements BlobSurface {
  private bytes: number[];
  constructor(
    bytes: number[],
    private contentType: string | null,
    private name: string | null,
  ) {
    this.bytes = bytes.slice();
    return strict('Blob', this);
  }
  getBytes(): number[] {
    return this.bytes.slice();
  }
  getDataAsString(charset?: string): string {
    if (charset && !/^utf-?8$/i.test(charset)) throw new Error(`not emulated: Blob.getDataAsString(${charset})`);
    return utf8Decode(this.bytes);
  }
  getContentType(): string {
    return this.contentType as string;
  }
  getName(): string {
    return this.name as string;
  }
  setName(name: string): GasBlob {
    this.name = name;
    return asGas(this);
  }
  setContentType(type: string | null): GasBlob {
    this.contentType = type;
    return asGas(this);
  }
  setDataFromString(s: string): GasBlob {
    this.bytes = utf8Encode(s);
    return asGas(this);
  }
  setBytes(bytes: number[]): GasBlob {
    this.bytes = bytes.slice();
    return asGas(this);
  }
  copyBlob(): GasBlob {
    return asGas(new Blob(this.bytes, this.contentType, this.name));
  }
  getAs(contentType: string): GasBlob {
    if (contentType === this.contentType) return this.copyBlob();
    throw new Error(`Converting from ${this.contentType} to ${contentType} is not supported.`);
  }
  isGoogleType(): boolean {
    return false;
  }
  getBlob(): GasBlob {
    return asGas(this);
  }
  toString(): string {
    return 'Blob';
  }
}
