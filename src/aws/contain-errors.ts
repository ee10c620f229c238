/** Error mapping shared by the containment adapters: not-found detection and typed wrapping. */
import { AwsCallError } from '../model/errors.js';

const NOT_FOUND = new Set(['NoSuchEntity', 'NoSuchEntityException', 'NoSuchBucketPolicy', 'ResourceNotFoundException', 'ResourceNotFound', 'NoSuchBucket', 'NotFound']);

/** Whether an SDK error says the thing does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  return NOT_FOUND.has(e?.name ?? '') || NOT_FOUND.has(e?.Code ?? '') || NOT_FOUND.has(e?.code ?? '');
}

/** Runs one SDK call, turning failures into `AwsCallError` named after the operation. */
export async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AwsCallError) throw err;
    const e = err as { name?: string; message?: string };
    throw new AwsCallError(operation, `${e.name ?? 'Error'}: ${e.message ?? String(err)}`, { cause: err });
  }
}

/** Like `call`, but a not-found answer resolves to `undefined`. */
export async function callOrAbsent<T>(operation: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    return call(operation, () => Promise.reject(err));
  }
}

/** Parses a policy document as IAM returns it (URL-encoded JSON text). */
export function decodeDocument(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const json = trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed);
  return JSON.parse(json) as Record<string, unknown>;
}
