import * as zlib from 'node:zlib';

/**
 * Text of a pdfkit PDF, read the way a PDF reader extracts it: each font's ToUnicode CMap maps
 * the glyph codes shown by TJ operators back to characters (one line per text object).
 */
export function pdfText(buf: Buffer): string {
  const src = buf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = Buffer.from(body.slice(at + 6, body.lastIndexOf('endstream')).replace(/^\r?\n/, ''), 'latin1');
    const stream = /FlateDecode/.test(dict) ? zlib.inflateSync(raw).toString('latin1') : raw.toString('latin1');
    objects.set(Number(m[1]), { dict, stream });
  }
  const cmapOf = (text: string): Map<number, string> => {
    const map = new Map<number, string>();
    const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
    for (const [, lo, , list] of text.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      [...list.matchAll(/<([0-9a-f]+)>/gi)].forEach((g, i) => map.set(parseInt(lo, 16) + i, hex(g[1])));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const [, name, ref] of dict.matchAll(/\/(F\d+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
      if (toUnicode) fonts.set(name, cmapOf(objects.get(Number(toUnicode[1]))?.stream ?? ''));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/\bBT\b/.test(stream)) continue;
    let font = new Map<number, string>();
    for (const block of stream.split(/\bET\b/)) {
      let line = '';
      for (const tok of block.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
        if (tok[1]) font = fonts.get(tok[1]) ?? new Map();
        else for (const [, h] of tok[2].matchAll(/<([0-9a-f]*)>/gi)) line += (h.match(/.{4}/g) ?? []).map((c) => font.get(parseInt(c, 16)) ?? '').join('');
      }
      if (line) lines.push(line);
    }
  }
  return lines.join('\n');
}
