// GB18030 double-byte table, built once by decoding every two-byte sequence with TextDecoder, so
// mojibake can be re-encoded to the bytes it came from and decoded again on a different alignment.

const LEAD_MIN = 0x81;
const LEAD_MAX = 0xfe;
const TRAILS: number[] = [];
for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) TRAILS.push(b);
const TRAIL_INDEX = new Int16Array(256).fill(-1);
TRAILS.forEach((b, i) => (TRAIL_INDEX[b] = i));

let decodeTable: string[] | null = null;
let encodeTable: Map<string, number> | null = null;

function build(): void {
  const leads = LEAD_MAX - LEAD_MIN + 1;
  const count = leads * TRAILS.length;
  const bytes = new Uint8Array(count * 2);
  let p = 0;
  for (let lead = LEAD_MIN; lead <= LEAD_MAX; lead++) {
    for (const trail of TRAILS) {
      bytes[p++] = lead;
      bytes[p++] = trail;
    }
  }
  const decoder = new TextDecoder('gb18030');
  let chars = [...decoder.decode(bytes)];
  if (chars.length !== count) {
    // Some pair failed and broke the alignment: fall back to decoding pairs one by one.
    chars = [];
    for (let i = 0; i < count; i++) chars.push(decoder.decode(bytes.subarray(i * 2, i * 2 + 2)));
  }
  decodeTable = chars.map((c) => ([...c].length === 1 && c !== '\ufffd' ? c : ''));
  encodeTable = new Map();
  decodeTable.forEach((c, i) => {
    if (c && !encodeTable!.has(c)) encodeTable!.set(c, ((LEAD_MIN + Math.floor(i / TRAILS.length)) << 8) | TRAILS[i % TRAILS.length]);
  });
}

export const isGbLead = (b: number): boolean => b >= LEAD_MIN && b <= LEAD_MAX;
export const isGbTrail = (b: number): boolean => b >= 0 && b < 256 && TRAIL_INDEX[b] >= 0;

/** The character a GB18030 two-byte sequence decodes to, or null when it is not valid. */
export function gbDecodePair(lead: number, trail: number): string | null {
  if (!isGbLead(lead) || !isGbTrail(trail)) return null;
  if (!decodeTable) build();
  return decodeTable![(lead - LEAD_MIN) * TRAILS.length + TRAIL_INDEX[trail]] || null;
}

/** GB18030 bytes of one character: one byte for ASCII, two for the double-byte table, else null. */
export function gbEncodeChar(ch: string): number[] | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch.length === 1 && cp < 0x80) return [cp];
  if (!encodeTable) build();
  const code = encodeTable!.get(ch);
  return code === undefined ? null : [code >> 8, code & 0xff];
}
