// Go's encoding/pem Decode over text: blocks that are not well formed are skipped, as Go skips them.

export interface PemBlock {
  type: string;
  bytes: Uint8Array;
}

const pemStart = '\n-----BEGIN ';
const pemEnd = '\n-----END ';
const pemEndOfLine = '-----';

/** getLine: the line without its end of line and trailing spaces/tabs, and the rest. */
function getLine(data: string): [string, string] {
  let i = data.indexOf('\n');
  let j: number;
  if (i < 0) {
    i = data.length;
    j = i;
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] === '\r') i--;
  }
  return [data.slice(0, i).replace(/[ \t]+$/, ''), data.slice(j)];
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const values = new Map([...alphabet].map((c, i) => [c, i]));

/** base64.StdEncoding.Decode: padding required, `\r` and `\n` ignored; undefined when corrupt. */
export function base64Decode(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const body = s.slice(0, s.length - pad);
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of body) {
    const v = values.get(c);
    if (v === undefined) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function decodeOne(data: string): [PemBlock | undefined, string] {
  let rest = data;
  for (;;) {
    if (rest.startsWith(pemStart.slice(1))) {
      rest = rest.slice(pemStart.length - 1);
    } else {
      const i = rest.indexOf(pemStart);
      if (i < 0) return [undefined, data];
      rest = rest.slice(i + pemStart.length);
    }
    let typeLine: string;
    [typeLine, rest] = getLine(rest);
    if (!typeLine.endsWith(pemEndOfLine)) continue;
    typeLine = typeLine.slice(0, -pemEndOfLine.length);

    let headers = 0;
    let truncated = false;
    for (;;) {
      if (rest.length === 0) {
        truncated = true;
        break;
      }
      const [line, next] = getLine(rest);
      if (!line.includes(':')) break;
      headers++;
      rest = next;
    }
    if (truncated) return [undefined, data];

    let endIndex: number;
    let endTrailerIndex: number;
    if (headers === 0 && rest.startsWith(pemEnd.slice(1))) {
      endIndex = 0;
      endTrailerIndex = pemEnd.length - 1;
    } else {
      endIndex = rest.indexOf(pemEnd);
      endTrailerIndex = endIndex + pemEnd.length;
    }
    if (endIndex < 0) continue;
    let endTrailer = rest.slice(endTrailerIndex);
    const endTrailerLen = typeLine.length + pemEndOfLine.length;
    if (endTrailer.length < endTrailerLen) continue;
    const restOfEndLine = endTrailer.slice(endTrailerLen);
    endTrailer = endTrailer.slice(0, endTrailerLen);
    if (!endTrailer.startsWith(typeLine) || !endTrailer.endsWith(pemEndOfLine)) continue;
    if (getLine(restOfEndLine)[0].length !== 0) continue;
    const bytes = base64Decode(rest.slice(0, endIndex).replace(/[ \t]/g, ''));
    if (!bytes) continue;
    return [{ type: typeLine, bytes }, getLine(rest.slice(endIndex + pemEnd.length - 1))[1]];
  }
}

/** Every block pem.Decode finds, in order. */
export function decodeAll(data: string): PemBlock[] {
  const out: PemBlock[] = [];
  let rest = data;
  for (;;) {
    const [block, next] = decodeOne(rest);
    if (!block) return out;
    out.push(block);
    rest = next;
  }
}
