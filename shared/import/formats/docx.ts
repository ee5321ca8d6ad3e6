// .docx: word/document.xml from the zip (read by zip.ts, with a size limit), one line per
// paragraph. The original text of a .docx document is this paragraph text (the XML is not text a
// researcher could read), so the offset map starts there.
import { parseMarkup } from './markup';
import { listZipEntries, readZipEntry, ZipError, type ZipEntry } from './zip';

export interface DocxExtract {
  text: string;
  title: string | null;
  created: string | null;
}

/** The most word/document.xml may unzip to: a .docx yields no more text than a .txt may hold. */
export const MAX_DOCX_XML_BYTES = 50 * 1024 * 1024;
/** docProps/core.xml holds a few metadata fields; anything larger is ignored. */
const MAX_CORE_XML_BYTES = 1024 * 1024;

function xmlText(
  xml: string,
  onText: (tag: string | null, text: string) => void,
  onTag: (tag: string, open: boolean) => void,
  checkCancelled?: () => void,
): void {
  let current: string | null = null;
  parseMarkup(
    xml,
    {
      onOpen(name) {
        current = name;
        onTag(name, true);
      },
      onText(text) {
        onText(current, text);
      },
      onClose(name) {
        onTag(name, false);
        current = null;
      },
    },
    { xml: true, checkCancelled },
  );
}

/** `checkCancelled` is called now and then while unzipping and parsing and throws to stop. */
export function extractDocx(bytes: Uint8Array, checkCancelled?: () => void): DocxExtract | { error: string } {
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    return { error: `not a valid .docx file (${error instanceof ZipError ? error.message : 'it is not a zip archive'})` };
  }
  const documentEntry = entries.find((e) => e.name === 'word/document.xml');
  if (!documentEntry) return { error: 'not a valid .docx file (word/document.xml is missing)' };
  let doc: Uint8Array;
  try {
    doc = readZipEntry(bytes, documentEntry, MAX_DOCX_XML_BYTES, checkCancelled);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    return { error: `not imported: ${error.message}` };
  }
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
    checkCancelled,
  );
  if (line.length) lines.push(line.join(''));
  let title: string | null = null;
  let created: string | null = null;
  const coreEntry = entries.find((e) => e.name === 'docProps/core.xml');
  let core: Uint8Array | null = null;
  try {
    core = coreEntry ? readZipEntry(bytes, coreEntry, MAX_CORE_XML_BYTES, checkCancelled) : null;
  } catch (error) {
    if (!(error instanceof ZipError)) throw error; // damaged metadata: the text still imports
  }
  if (core) {
    xmlText(
      new TextDecoder('utf-8').decode(core),
      (tag, text) => {
        if (tag === 'dc:title' && text.trim()) title = text.trim();
        if (tag === 'dcterms:created' && text.trim()) created = text.trim();
      },
      () => {},
    );
  }
  return { text: lines.join('\n'), title, created };
}
