/** An S3 bucket as a `TrailTree`, over the `src/aws/` adapter; paths are `s3://bucket/key`. */
import type { S3TrailObjects } from '../../aws/s3-cloudtrail-objects.js';
import { InputError } from '../../model/errors.js';
import type { TrailTree } from './trail-tree.js';

/** Splits `s3://bucket/prefix` into bucket and key/prefix. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new InputError(`not an S3 URI: \`${uri}\``, { file: uri });
  return { bucket: m[1]!, key: m[2]! };
}

/** A `TrailTree` over one bucket. Folders are `s3://bucket/prefix/` (trailing slash kept). */
export function s3TrailTree(s3: S3TrailObjects, bucket: string): TrailTree {
  const uri = (key: string) => `s3://${bucket}/${key}`;
  return {
    async list(folder) {
      const { key } = parseS3Uri(folder);
      const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
      const { prefixes, objects } = await s3.listFolder(bucket, prefix);
      return { folders: prefixes.map(uri), files: objects.map((o) => ({ path: uri(o.key), size: o.size, etag: o.etag })) };
    },
    read: (file) => s3.getObject(bucket, parseS3Uri(file.path).key),
    segments: (folder) => parseS3Uri(folder).key.split('/').filter((s) => s !== ''),
  };
}
