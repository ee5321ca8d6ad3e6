// .docx: word/document.xml from the zip (fflate), one line per paragraph. The original text of a
// .docx document is this paragraph text (the XML is not text a researcher could read), so the
// offset map starts there.
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';

export interface DocxExtract {
  text: string;
  title: string | null;
  created: string | null;
}

function xmlText(xml: string, onText: (tag: string | null, text: string) => void, onTag: (tag: string, open: boolean) => void): void {
  let current: string | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        current = name;
        onTag(name, true);
      },
      ontext(text) {
        onText(current, text);
      },
      onclosetag(name) {
        onTag(name, false);
        current = null;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

export function extractDocx(bytes: Uint8Array): DocxExtract | { error: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' || f.name === 'docProps/core.xml' });
  } catch {
    return { error: 'not a valid .docx file (it is not a zip archive)' };
  }
  const doc = files['word/document.xml'];
  if (!doc) return { error: 'not a valid .docx file (word/document.xml is missing)' };
  const lines: string[] = [];
  let line: string[] = [];
  xmlText(
    new TextDecoder('utf-8').decode(doc),
    (tag, text) => {
      // Deleted revisions (w:delText) and field codes (w:instrText) are other tags and stay out.
      if (tag === 'w:t') line.push(text);
    },
    (tag, open) => {
      if (open && tag === 'w:tab') line.push('\t');
      if (open && (tag === 'w:br' || tag === 'w:cr')) line.push('\n');
      if (!open && tag === 'w:p') {
        lines.push(line.join(''));
        line = [];
      }
    },
  );
  if (line.length) lines.push(line.join(''));
  let title: string | null = null;
  let created: string | null = null;
  const core = files['docProps/core.xml'];
  if (core) {
    xmlText(new TextDecoder('utf-8').decode(core), (tag, text) => {
      if (tag === 'dc:title' && text.trim()) title = text.trim();
      if (tag === 'dcterms:created' && text.trim()) created = text.trim();
    }, () => {});
  }
  return { text: lines.join('\n'), title, created };
}
