#!/usr/bin/env node
// Regenerates the derived samples from the UTF-8 ones:
//   08-changping-traditional-pinyin.txt  traditional characters (OpenCC cn → tw), pinyin after some
//                                        characters, CRLF line ends — like scraped Taiwan/HK copies
//   09-daxing-report.gb18030.txt         03-daxing-report.txt encoded as GB18030
//   10-tongzhou-committee.big5.txt       02-tongzhou-standing-committee.txt in traditional, Big5
// Node has no GB18030/Big5 encoder, so the reverse tables are built by decoding every two-byte
// sequence with TextDecoder (the WHATWG decoders the importer itself uses).
// Run from anywhere: node resources/samples/make-encoded-samples.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';

const here = dirname(fileURLToPath(import.meta.url));
const read = (name) => readFileSync(join(here, name), 'utf8');
const write = (name, data) => {
  writeFileSync(join(here, name), data);
  console.log(`wrote ${name} (${data.length} bytes)`);
};

/** char → bytes, from decoding all two-byte sequences; `prefer(ptr)` picks among duplicates. */
function reverseTable(encoding, leads, trails, keep) {
  const table = new Map();
  const decoder = new TextDecoder(encoding);
  for (const lead of leads) {
    for (const trail of trails) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if ([...ch].length !== 1 || ch === '\ufffd' || ch.codePointAt(0) < 0x80) continue;
      if (keep(ch, lead, table.get(ch))) table.set(ch, [lead, trail]);
    }
  }
  return table;
}

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const gbTable = reverseTable('gb18030', range(0x81, 0xfe), [...range(0x40, 0x7e), ...range(0x80, 0xfe)], (_c, _l, old) => !old);
// WHATWG Big5 encoding skips the HKSCS part (lead < 0xA1) and, for six characters, uses the last
// pointer rather than the first.
const LAST = new Set(['\u2550', '\u255e', '\u2561', '\u256a', '\u5341', '\u5345']);
const big5Table = reverseTable('big5', range(0xa1, 0xfe), [...range(0x40, 0x7e), ...range(0xa1, 0xfe)], (c, _l, old) => !old || LAST.has(c));

function encode(text, table, name) {
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (table.has(ch)) out.push(...table.get(ch));
    else throw new Error(`${name} cannot encode ${ch} (U+${cp.toString(16)})`);
  }
  const bytes = Uint8Array.from(out);
  const back = new TextDecoder(name, { fatal: true }).decode(bytes);
  if (back !== text) throw new Error(`${name} round trip failed`);
  return bytes;
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

// Pinyin annotations as scraped pages carry them: after some characters, in parentheses.
const PINYIN = { 區: 'qū', 時: 'shí', 間: 'jiān', 發: 'fā', 設: 'shè', 會: 'huì', 實: 'shí', 證: 'zhèng', 產: 'chǎn', 業: 'yè' };
function annotate(text) {
  const seen = new Map();
  return [...text]
    .map((ch) => {
      const py = PINYIN[ch];
      if (!py) return ch;
      // Every other occurrence, so the file mixes annotated and bare characters.
      const n = (seen.get(ch) ?? 0) + 1;
      seen.set(ch, n);
      return n % 2 ? `${ch}(${py})` : ch;
    })
    .join('');
}

const traditional = annotate(toTraditional(read('01-changping-inspection.txt'))).replace(/\n/g, '\r\n');
write('08-changping-traditional-pinyin.txt', Buffer.from(traditional, 'utf8'));
write('09-daxing-report.gb18030.txt', encode(read('03-daxing-report.txt'), gbTable, 'gb18030'));
write('10-tongzhou-committee.big5.txt', encode(toTraditional(read('02-tongzhou-standing-committee.txt')), big5Table, 'big5'));
