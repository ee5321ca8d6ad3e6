// Raw files as they arrive from websites and old archives: legacy encodings, traditional
// characters, pinyin glosses, site chrome, hard-wrapped CRLF lines, mojibake. These go through the
// real normalization pipeline (they carry no spans).
import * as OpenCC from 'opencc-js';
import type { Article } from './article';
import { encodeLegacy, encodeUtf16le, mojibake } from './encode';
import type { Rng } from './rng';
import { DISTRICT_PINYIN } from './vocab';

export const DIRTY_KINDS = ['gb18030', 'big5-traditional', 'traditional-utf8', 'pinyin', 'html', 'wrapped-crlf', 'utf16le', 'mojibake'] as const;
export type DirtyKind = (typeof DIRTY_KINDS)[number];

export interface RawFile {
  name: string;
  bytes: Uint8Array;
  kind: DirtyKind;
  unencodable: number;
}

let toTraditional: ((s: string) => string) | null = null;
const traditional = (s: string): string => (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }))(s);

const CHROME_TOP = ['首页 > 新闻中心 > 区县动态', '当前位置：首页 >> 要闻 >> 正文', '【字体：大 中 小】 【打印】 【关闭】'];
const CHROME_BOTTOM = ['分享到：微信 微博 QQ空间', '责任编辑：值班编辑', '扫一扫在手机打开当前页', '版权所有 © 区融媒体中心  京ICP备00000000号'];

function header(a: Article): string {
  return `${a.title}\n来源：${a.source}  ${a.date} ${String(7 + (a.text.length % 12)).padStart(2, '0')}:${String(a.text.length % 60).padStart(2, '0')}\n`;
}

function withPinyin(text: string, rng: Rng): string {
  return text.replace(/(东城区|西城区|朝阳区|海淀区|丰台区|石景山区|门头沟区|房山区|通州区|顺义区|昌平区|大兴区|怀柔区|平谷区|密云区|延庆区)/g, (d) =>
    rng.chance(0.7) ? `${d}(${DISTRICT_PINYIN[d]})` : d,
  );
}

function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((p) => {
      const lines: string[] = [];
      for (let i = 0; i < p.length; i += width) lines.push(p.slice(i, i + width));
      return `\u3000\u3000${lines.join('\r\n')}`;
    })
    .join('\r\n\r\n')
    .replace(/。/g, (m, i: number) => (i % 7 === 0 ? `${m}\u200b` : m));
}

function html(a: Article): string {
  const paras = a.text.split('\n').map((p) => `<p style="text-indent:2em">&nbsp;&nbsp;${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${a.title}</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/news">区县动态</a></div>
<h1>${a.title}</h1><div class="info">来源：${a.source} 发布时间：${a.date}</div>
<div class="content">${paras.join('\n')}</div>
<div class="share">${CHROME_BOTTOM[0]}</div><div class="footer">${CHROME_BOTTOM[3]}</div>
</body></html>`;
}

export function dirtyFile(a: Article, kind: DirtyKind, rng: Rng, serial: number): RawFile {
  const base = `raw-${String(serial).padStart(6, '0')}-${kind}`;
  const chromed = (body: string) => `${rng.pick(CHROME_TOP)}\n${header(a)}${body}\n${rng.pick(CHROME_BOTTOM)}\n${rng.pick(CHROME_BOTTOM)}\n`;
  const utf8 = (name: string, s: string): RawFile => ({ name, bytes: Buffer.from(s, 'utf8'), kind, unencodable: 0 });
  switch (kind) {
    case 'gb18030': {
      const { bytes, unencodable } = encodeLegacy(chromed(a.text), 'gb18030');
      return { name: `${base}.txt`, bytes, kind, unencodable };
    }
    case 'big5-traditional': {
      const { bytes, unencodable } = encodeLegacy(traditional(header(a) + a.text), 'big5');
      return { name: `${base}.txt`, bytes, kind, unencodable };
    }
    case 'traditional-utf8':
      return utf8(`${base}.txt`, traditional(chromed(a.text)));
    case 'pinyin':
      return utf8(`${base}.txt`, header(a) + withPinyin(a.text, rng));
    case 'html':
      return utf8(`${base}.html`, html(a));
    case 'wrapped-crlf':
      return utf8(`${base}.txt`, (header(a) + hardWrap(a.text, 38)).replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n'));
    case 'utf16le':
      return { name: `${base}.txt`, bytes: encodeUtf16le(header(a) + a.text), kind, unencodable: 0 };
    case 'mojibake': {
      const paras = a.text.split('\n');
      const i = rng.int(0, paras.length - 1);
      paras[i] = mojibake(paras[i]);
      return utf8(`${base}.txt`, header(a) + paras.join('\n'));
    }
  }
}
