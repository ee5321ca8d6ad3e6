// The first screen's requests, sent while the rest of the renderer's code is still loading: the app
// info, the labels and the document the user had open last. Waiting for React to mount and ask for
// each in turn cost a chain of round trips on every cold open. Each answer is taken once, by the code
// that would otherwise have asked; an answer for another project (the server opened a different
// one) is simply not taken.
import { api, type ApiClient } from '../api/client';
import type { AppInfo } from '../../../shared/api/projects';
import type { Result } from '../../../shared/api/result';
import type { Annotation, DocumentDetail, Label } from '../../../shared/model';

/** The project and document open when the renderer last opened one (any project). */
const LAST_OPEN_KEY = 'biaozhu.lastOpen';
const lastDocKey = (projectPath: string) => `biaozhu.lastDoc:${projectPath}`;

export interface OpenedDocument {
  doc: DocumentDetail;
  annotations: Annotation[];
}

interface DocumentRequest {
  projectPath: string;
  documentId: number;
  answer: Promise<OpenedDocument | null>;
}

let info: Promise<Result<AppInfo>> | null = null;
let labels: Promise<Result<Label[]>> | null = null;
let lastDocument: DocumentRequest | null = null;

function readLastOpen(): { projectPath: string; documentId: number } | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(LAST_OPEN_KEY) ?? 'null') as unknown;
    if (!parsed || typeof parsed !== 'object') return null;
    const { projectPath, documentId } = parsed as Record<string, unknown>;
    return typeof projectPath === 'string' && typeof documentId === 'number' && documentId > 0 ? { projectPath, documentId } : null;
  } catch {
    return null; // Written by an older version or by hand: no head start, the usual path opens it.
  }
}

/** A document's text and spans, fetched together; null when either request failed. */
async function fetchDocument(client: ApiClient, documentId: number): Promise<OpenedDocument | null> {
  const [doc, annotations] = await Promise.all([client.call('documents:get', { id: documentId }), client.call('annotations:list', { documentId })]);
  return doc.ok && annotations.ok ? { doc: doc.value, annotations: annotations.value } : null;
}

/** Sends the first screen's requests; called once, before the application's code is loaded. */
export function sendStartupRequests(client: ApiClient = api): void {
  info = client.call('app:info', {});
  labels = client.call('labels:list', {});
  const last = readLastOpen();
  if (last) lastDocument = { ...last, answer: fetchDocument(client, last.documentId) };
}

export function takeStartupInfo(): Promise<Result<AppInfo>> | null {
  const taken = info;
  info = null;
  return taken;
}

export function takeStartupLabels(): Promise<Result<Label[]>> | null {
  const taken = labels;
  labels = null;
  return taken;
}

/** The early answer for this document of this project, if one was asked for. */
export function takeStartupDocument(projectPath: string, documentId: number): Promise<OpenedDocument | null> | null {
  const request = lastDocument;
  lastDocument = null;
  return request && request.projectPath === projectPath && request.documentId === documentId ? request.answer : null;
}

/** The document to reopen in this project, or null. */
export function lastOpenDocument(projectPath: string): number | null {
  const id = Number(localStorage.getItem(lastDocKey(projectPath)));
  return id > 0 ? id : null;
}

export function rememberOpenDocument(projectPath: string, documentId: number): void {
  localStorage.setItem(lastDocKey(projectPath), String(documentId));
  localStorage.setItem(LAST_OPEN_KEY, JSON.stringify({ projectPath, documentId }));
}
