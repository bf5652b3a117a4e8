import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import mongoose, { Types } from 'mongoose';

/**
 * File storage in MongoDB GridFS, through the Mongoose connection's database: any api instance can
 * serve a file any worker wrote (no shared disk). Streams both ways, so a file is never held in memory.
 * The driver creates the bucket's indexes (`<bucket>.files {filename, uploadDate}`,
 * `<bucket>.chunks {files_id, n}` unique) on the first upload.
 */
type GridFSBucket = InstanceType<typeof mongoose.mongo.GridFSBucket>;
export type StoredFile = {
  _id: Types.ObjectId;
  filename: string;
  length: number;
  uploadDate: Date;
  metadata?: Record<string, unknown>;
};

const buckets = new Map<string, { db: unknown; bucket: GridFSBucket }>();

/** The bucket on the current connection (rebuilt when Mongoose reconnected to another database). */
export function getBucket(name: string): GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('MongoDB is not connected');
  const cached = buckets.get(name);
  if (cached && cached.db === db) return cached.bucket;
  const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: name });
  buckets.set(name, { db, bucket });
  return bucket;
}

export interface UploadOptions {
  /** Stored in `<bucket>.files.metadata` (owner, the record it belongs to, expiry...). */
  metadata?: Record<string, unknown>;
}

/** Streams `source` into the bucket under `id`; resolves with the stored length once the file is complete. */
export async function uploadFile(
  bucketName: string,
  id: Types.ObjectId,
  filename: string,
  source: Readable,
  opts: UploadOptions = {},
): Promise<{ id: Types.ObjectId; length: number }> {
  const upload = getBucket(bucketName).openUploadStreamWithId(id, filename, {
    metadata: opts.metadata,
  });
  try {
    await pipeline(source, upload);
  } catch (err) {
    // A half-written file (chunks without a files document) is removed, not left behind.
    await upload.abort().catch(() => undefined);
    throw err;
  }
  return { id, length: upload.length };
}

export async function findFile(bucketName: string, id: Types.ObjectId): Promise<StoredFile | null> {
  const [file] = await getBucket(bucketName).find({ _id: id }).limit(1).toArray();
  return (file as StoredFile | undefined) ?? null;
}

/** Files matching a filter on `<bucket>.files` (e.g. `{ 'metadata.exportId': id }`). */
export async function findFiles(bucketName: string, filter: Record<string, unknown>): Promise<StoredFile[]> {
  return (await getBucket(bucketName).find(filter).toArray()) as StoredFile[];
}

export function openDownload(bucketName: string, id: Types.ObjectId): Readable {
  return getBucket(bucketName).openDownloadStream(id);
}

/** Deletes a file and its chunks; a file that is already gone is not an error. Returns whether it existed. */
export async function deleteFile(bucketName: string, id: Types.ObjectId): Promise<boolean> {
  try {
    await getBucket(bucketName).delete(id);
    return true;
  } catch (err) {
    if (/File not found/i.test((err as Error).message)) {
      // The files document may be gone while chunks of an aborted upload remain.
      await mongoose.connection.db?.collection(`${bucketName}.chunks`).deleteMany({ files_id: id });
      return false;
    }
    throw err;
  }
}

/** Deletes every file matching a filter on `<bucket>.files`; returns how many went. */
export async function deleteFiles(bucketName: string, filter: Record<string, unknown>): Promise<number> {
  const files = await findFiles(bucketName, filter);
  let n = 0;
  for (const f of files) if (await deleteFile(bucketName, f._id)) n++;
  return n;
}
