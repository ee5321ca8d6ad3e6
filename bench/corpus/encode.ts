// Encoders for the legacy encodings Node can decode but not encode (GB18030, Big5), built once by
// decoding every two-byte code. Enough for the generator's vocabulary; a character with no
// two-byte code becomes '?' and is counted, so the manifest can say so.
const tables = new Map<string, Map<number, number>>();

function table(encoding: 'gb18030' | 'big5'): Map<number, number> {
  let map = tables.get(encoding);
  if (map) return map;
  map = new Map();
  const decoder = new TextDecoder(encoding);
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      if (s.length === 1 && s !== '\ufffd') {
        const cp = s.charCodeAt(0);
        if (!map.has(cp)) map.set(cp, (lead << 8) | trail);
      }
    }
  }
  tables.set(encoding, map);
  return map;
}

export interface Encoded {
  bytes: Uint8Array;
  unencodable: number;
}

export function encodeLegacy(text: string, encoding: 'gb18030' | 'big5'): Encoded {
  const map = table(encoding);
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  let unencodable = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp < 0x80) {
      out[n++] = cp;
      continue;
    }
    const code = map.get(cp);
    if (code === undefined) {
      out[n++] = 0x3f;
      unencodable++;
      continue;
    }
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return { bytes: out.subarray(0, n), unencodable };
}

export function encodeUtf16le(text: string): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xff, 0xfe]), body]);
}

/** UTF-8 bytes read as GBK: the classic 鍖椾含 mojibake the pipeline is meant to repair. */
export function mojibake(text: string): string {
  return new TextDecoder('gbk').decode(Buffer.from(text, 'utf8'));
}
