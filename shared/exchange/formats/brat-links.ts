// brat's normalization and relation lines (#23). A span linked to an entity gets an N line naming
// the entity table: "N3\tReference T7 Biaozhu:12\t蔡奇" (the entity's id and canonical name; a tab,
// line break or % in the name percent-encoded); a relation is "R5\t提出 Arg1:T7 Arg2:T9". Reading
// back, an N line links its span to the entity of that name and the span's label; R lines become
// relations between the spans they name.
import type { DraftRelation } from '../../api/import';
import { writtenRelations } from '../entities';
import type { DraftSpan, ExportContext, ExportDocument, ExportSpan } from '../types';

/** What the Reference lines name as their knowledge base. */
export const BRAT_KB = 'Biaozhu';

const encodeName = (name: string): string => name.replace(/[%\t\r\n]/g, (c) => encodeURIComponent(c));
const decodeName = (name: string): string => {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
};

/** The N and R lines of a document's written spans; `pairs` gathers each relation type's label pairs for annotation.conf. */
export function bratLinkLines(
  doc: ExportDocument,
  ctx: ExportContext,
  written: readonly ExportSpan[],
  typeOf: (label: string) => string,
  pairs: Map<string, Set<string>>,
): string {
  const lines: string[] = [];
  let n = 0;
  for (const span of written) {
    const entity = span.entityId === undefined ? undefined : ctx.entities?.get(span.entityId);
    if (entity) lines.push(`N${++n}\tReference T${span.id} ${BRAT_KB}:${entity.id}\t${encodeName(entity.name)}\n`);
  }
  const labelOf = new Map(written.map((s) => [s.id, s.label]));
  for (const r of writtenRelations(doc, labelOf.keys())) {
    lines.push(`R${r.id}\t${r.type} Arg1:T${r.fromId} Arg2:T${r.toId}\n`);
    let types = pairs.get(r.type);
    if (!types) pairs.set(r.type, (types = new Set()));
    types.add(`Arg1:${typeOf(labelOf.get(r.fromId)!)}, Arg2:${typeOf(labelOf.get(r.toId)!)}`);
  }
  return lines.join('');
}

/** annotation.conf's [relations] lines: each type with the label pairs it was written for. */
export const bratRelationConf = (pairs: Map<string, Set<string>>): string[] =>
  [...pairs].flatMap(([type, list]) => [...list].map((args) => `${type}\t${args}`));

export interface BratLinks {
  /** N lines: the span's T id, the entity's name. */
  references: { target: string; name: string; line: number }[];
  relations: DraftRelation[];
}

/** Reads an N or R line's fields into `into`; false when the line is not one Biaozhu reads (it is then reported as ignored). */
export function readBratLink(kind: string, fields: string[], line: number, into: BratLinks): boolean {
  if (kind === 'N') {
    const m = /^Reference (\S+) [^\s:]+:\S+$/.exec(fields[1] ?? '');
    if (!m) return false;
    const name = decodeName(fields.slice(2).join('\t')).trim();
    if (!name) return false;
    into.references.push({ target: m[1]!, name, line });
    return true;
  }
  const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)$/.exec(fields[1] ?? '');
  if (!m) return false;
  into.relations.push({ type: m[1]!, from: m[2]!, to: m[3]!, line });
  return true;
}

/** Links the spans the N lines name; returns the N lines whose span is not there. */
export function applyReferences(byId: Map<string, DraftSpan>, references: BratLinks['references']): BratLinks['references'] {
  const missing: BratLinks['references'] = [];
  for (const ref of references) {
    const span = byId.get(ref.target);
    if (span) span.entity = { name: ref.name, label: span.label };
    else missing.push(ref);
  }
  return missing;
}
