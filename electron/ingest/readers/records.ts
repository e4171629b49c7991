/**
 * Turns a parsed record (a JSON object, or a CSV row keyed by header) into a document, with the
 * same field aliases and the same empty/oversize rules for every format.
 */
import { normaliseNewlines } from './decode-text';
import type { ReaderContext, ReaderItem } from './types';
import type { SkipReason } from '../types';

// Aliases in priority order. `_id` and `contents` cover the BEIR and Pyserini corpus layouts.
/** Accepted names of the id field, first match wins (case-insensitive). */
export const ID_FIELDS = ['id', '_id', 'doc_id', 'docid'] as const;
/** Accepted names of the title field. */
export const TITLE_FIELDS = ['title', 'name'] as const;
/** Accepted names of the text field. */
export const TEXT_FIELDS = ['text', 'content', 'contents', 'body'] as const;

/** Index of the first key matching one of the aliases (case-insensitive, trimmed), or -1. */
export function findField(keys: readonly string[], aliases: readonly string[]): number {
  const lower = keys.map((k) => k.trim().toLowerCase());
  for (const alias of aliases) {
    const i = lower.indexOf(alias);
    if (i >= 0) return i;
  }
  return -1;
}

/** A skip item for the current file. */
export function skip(ctx: ReaderContext, reason: SkipReason, message: string, locator?: string): ReaderItem {
  return { kind: 'skipped', skip: locator === undefined ? { path: ctx.path, reason, message } : { path: ctx.path, locator, reason, message } };
}

/** Fields of a document before the common checks. */
export interface DraftDocument {
  externalId: string;
  title: string;
  content: string;
  locator?: string;
}

/**
 * Applies the rules every document obeys: `\n` line endings, not blank, not over maxDocumentChars.
 * `emptyMessage` lets a format explain emptiness in its own terms (e.g. "no visible text" for HTML).
 */
export function finishDocument(ctx: ReaderContext, draft: DraftDocument, emptyMessage?: string): ReaderItem {
  const content = normaliseNewlines(draft.content);
  const what = draft.locator === undefined ? 'file' : 'record';
  if (!/\S/.test(content)) {
    const message = emptyMessage ?? `${what} has no text (empty or whitespace only); add text or remove the ${what}`;
    return skip(ctx, 'empty', message, draft.locator);
  }
  const max = ctx.limits.maxDocumentChars;
  if (content.length > max) {
    return skip(
      ctx,
      'oversize',
      `${what} text is ${content.length} characters, over the ${max} limit (maxDocumentChars); ` +
        `split it into smaller documents or raise maxDocumentChars`,
      draft.locator,
    );
  }
  const title = oneLine(draft.title) || draft.externalId;
  const doc = { externalId: draft.externalId, title, sourcePath: ctx.path, content };
  return { kind: 'document', doc: draft.locator === undefined ? doc : { ...doc, locator: draft.locator } };
}

/** Where a record sits in its file: the number used in fallback ids and the human locator. */
export interface RecordPosition {
  /** Line, row or item number used in `<fileKey>:<number>` when the record has no id. */
  number: number;
  /** e.g. "line 12". */
  locator: string;
}

/** Maps a record's id/title/text fields (aliases, case-insensitive) to a document or a skip. */
export function recordToItem(ctx: ReaderContext, record: Record<string, unknown>, pos: RecordPosition | null): ReaderItem {
  const keys = Object.keys(record);
  const at = pos?.locator;
  const textKey = keys[findField(keys, TEXT_FIELDS)];
  if (textKey === undefined) {
    const found = keys.length ? keys.slice(0, 10).join(', ') : 'none';
    return skip(
      ctx,
      'parse-error',
      `record has no text field (found keys: ${found}); name the field "text" (or content, contents, body)`,
      at,
    );
  }
  const text = record[textKey];
  if (text !== null && typeof text !== 'string') {
    return skip(ctx, 'parse-error', `field "${textKey}" is ${kindOf(text)}, not a string; store the text as a JSON string`, at);
  }

  const idKey = keys[findField(keys, ID_FIELDS)];
  const rawId = idKey === undefined ? undefined : record[idKey];
  let id: string;
  if (rawId === undefined || rawId === null || (typeof rawId === 'string' && rawId.trim() === '')) {
    // Position-based ids stay stable as long as the file is not reordered.
    id = pos ? `${ctx.fileKey}:${pos.number}` : ctx.fileKey;
  } else if (typeof rawId === 'string') {
    id = rawId.trim();
  } else if (typeof rawId === 'number' && Number.isFinite(rawId)) {
    id = String(rawId);
  } else {
    return skip(ctx, 'parse-error', `field "${idKey}" is ${kindOf(rawId)}; an id must be a string or a number`, at);
  }

  const titleKey = keys[findField(keys, TITLE_FIELDS)];
  const rawTitle = titleKey === undefined ? undefined : record[titleKey];
  const title = typeof rawTitle === 'string' ? rawTitle : typeof rawTitle === 'number' ? String(rawTitle) : '';
  return finishDocument(ctx, { externalId: id, title, content: text ?? '', locator: at });
}

/** Collapses whitespace so a title fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** File name without its last extension, for fallback titles. */
export function stripExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** "an array", "a string", "null" … for messages. */
export function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
