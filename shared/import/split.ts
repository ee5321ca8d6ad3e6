// Several articles in one file (a newspaper page): an article starts at its headline lines, right
// before a lead-in line such as '本报讯(记者 赵紫楠)…' or a '本报记者 柴福娟' byline. Subheadings
// inside an article are not followed by a lead-in, so they never split it.
const LEAD = /^(本报讯|本报记者|本报通讯员|新华社.{0,12}电|【[^】]{1,12}讯】)/;
const SENTENCE_END = /[。！？!?；;][”’"」』)）]?$/;

const isHeadline = (line: string) => line.length > 0 && line.length <= 60 && !SENTENCE_END.test(line) && !LEAD.test(line);

/**
 * Offsets in text where articles start; the first is always 0 (anything before the first
 * headline belongs to the first article). Fewer than two articles gives [0].
 */
export function articleStarts(text: string): number[] {
  const lines: { start: number; text: string }[] = [];
  let pos = 0;
  for (const t of text.split('\n')) {
    lines.push({ start: pos, text: t.trim() });
    pos += t.length + 1;
  }
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!LEAD.test(lines[i].text)) continue;
    let first = -1;
    for (let j = i - 1; j >= 0; j--) {
      const t = lines[j].text;
      if (!t) continue;
      if (!isHeadline(t)) break;
      first = j;
    }
    if (first >= 0 && lines[first].start > (starts[starts.length - 1] ?? -1)) starts.push(lines[first].start);
  }
  if (starts.length < 2) return [0];
  starts[0] = 0;
  return starts;
}
