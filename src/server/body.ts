/**
 * Reads a request body with a size limit: a declared `Content-Length` over the limit is refused
 * before reading, and a streamed body is cut off as soon as it passes the limit.
 */
import type { IncomingMessage } from 'node:http';
import { BadRequestError, PayloadTooLargeError } from './errors.js';
import { CordonError } from '../model/errors.js';
import { parseJsonText } from '../collect/files/read-json.js';

/** Default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Parses the JSON body of `req`; undefined for an empty body. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 'NaN');
  if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new PayloadTooLargeError(limitBytes);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && type !== 'application/json') {
    throw new CordonError('unsupported_media_type', `content type must be application/json, got \`${type}\``);
  }
  try {
    // Same reader as input files: BOM accepted, depth bounded, errors by line and column only.
    return parseJsonText(Buffer.concat(chunks).toString('utf8'), 'request body');
  } catch (err) {
    throw new BadRequestError((err as Error).message.replace('`request body`', 'request body'));
  }
}
