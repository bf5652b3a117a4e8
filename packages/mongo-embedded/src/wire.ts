// MongoDB wire protocol framing: OP_MSG (2013, kind-0 body + kind-1 document sequences), legacy
// OP_QUERY (2004, used by the driver's handshake) and OP_REPLY (1). Incoming BSON is parsed with
// promoteValues:false so numeric types survive; see values.normalizeIncoming.
import { Long, deserialize, serialize } from 'bson';
import { ErrorCodes, MongoCommandError } from './errors';
import { normalizeIncoming, type Doc } from './values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const OP_COMPRESSED = 2012;
export const MORE_TO_COME = 0x2;
const CHECKSUM_PRESENT = 0x1;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export type Incoming =
  | { kind: 'msg'; header: MessageHeader; flags: number; command: Doc }
  | { kind: 'query'; header: MessageHeader; collection: string; command: Doc };

const PARSE_OPTS = { promoteValues: false, promoteBuffers: false, bsonRegExp: false } as const;

function parseDoc(buf: Buffer, offset: number): { doc: Doc; size: number } {
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length)
    throw new MongoCommandError(ErrorCodes.FailedToParse, 'invalid BSON document size');
  const doc = deserialize(buf.subarray(offset, offset + size), PARSE_OPTS) as Doc;
  return { doc: normalizeIncoming(doc) as Doc, size };
}

/** Parses one complete message (buffer holds exactly `header.length` bytes). */
export function parseMessage(buf: Buffer): Incoming {
  const header: MessageHeader = {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
  if (header.opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    const end = flags & CHECKSUM_PRESENT ? buf.length - 4 : buf.length;
    let off = 20;
    let command: Doc | undefined;
    const sequences: Array<[string, Doc[]]> = [];
    while (off < end) {
      const kind = buf[off++];
      if (kind === 0) {
        const { doc, size } = parseDoc(buf, off);
        command = doc;
        off += size;
      } else if (kind === 1) {
        const secSize = buf.readInt32LE(off);
        const secEnd = off + secSize;
        let p = off + 4;
        const nul = buf.indexOf(0, p);
        const id = buf.toString('utf8', p, nul);
        p = nul + 1;
        const docs: Doc[] = [];
        while (p < secEnd) {
          const { doc, size } = parseDoc(buf, p);
          docs.push(doc);
          p += size;
        }
        sequences.push([id, docs]);
        off = secEnd;
      } else {
        throw new MongoCommandError(ErrorCodes.FailedToParse, `Unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!command) throw new MongoCommandError(ErrorCodes.FailedToParse, 'OP_MSG without a body section');
    // Kind-1 sequences are fields of the command (e.g. insert.documents from insertMany).
    for (const [id, docs] of sequences) command[id] = docs;
    return { kind: 'msg', header, flags, command };
  }
  if (header.opCode === OP_QUERY) {
    let off = 20; // skip flags
    const nul = buf.indexOf(0, off);
    const collection = buf.toString('utf8', off, nul);
    off = nul + 1 + 8; // numberToSkip, numberToReturn
    const { doc } = parseDoc(buf, off);
    return { kind: 'query', header, collection, command: doc };
  }
  throw new MongoCommandError(ErrorCodes.FailedToParse, `Unsupported opCode ${header.opCode}`);
}

let nextRequestId = 1;

function header(buf: Buffer, responseTo: number, opCode: number): void {
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
}

const SERIALIZE_OPTS = { ignoreUndefined: true, checkKeys: false } as const;

/**
 * BSON of documents that go out in cursor batches, kept per object: stored documents are immutable
 * (every write replaces the object), so a document read again is not encoded again. Computed documents
 * (projections, aggregation output) are encoded once too (the batch size check and the reply share it)
 * and are collected with the object.
 */
const encoded = new WeakMap<object, Uint8Array>();

export function documentBytes(doc: Doc): Uint8Array {
  let bytes = encoded.get(doc);
  if (!bytes) {
    bytes = serialize(doc, SERIALIZE_OPTS);
    encoded.set(doc, bytes);
  }
  return bytes;
}

const BATCH_KEYS = new Set(['firstBatch', 'nextBatch']);

/**
 * The cursor reply mongod sends for find/getMore/aggregate, `{cursor: {firstBatch|nextBatch, id, ns}, ok: 1}`
 * in exactly that shape, or null for any other body (encoded by `serialize`).
 */
function cursorReplyParts(body: Doc): { key: string; docs: Doc[]; id: Long; ns: string } | null {
  const keys = Object.keys(body);
  if (keys.length !== 2 || keys[0] !== 'cursor' || keys[1] !== 'ok' || body.ok !== 1) return null;
  const cursor = body.cursor as Doc;
  if (!cursor || typeof cursor !== 'object' || Object.getPrototypeOf(cursor) !== Object.prototype)
    return null;
  const ck = Object.keys(cursor);
  if (ck.length !== 3 || !BATCH_KEYS.has(ck[0]) || ck[1] !== 'id' || ck[2] !== 'ns') return null;
  const docs = cursor[ck[0]];
  const id = cursor.id;
  if (!Array.isArray(docs) || !(id instanceof Long) || typeof cursor.ns !== 'string') return null;
  for (const d of docs)
    if (d === null || typeof d !== 'object' || Object.getPrototypeOf(d) !== Object.prototype) return null;
  return { key: ck[0], docs: docs as Doc[], id, ns: cursor.ns };
}

/** Writes a cursor reply's BSON from the documents' cached bytes (same bytes `serialize` produces). */
function encodeCursorMsg(
  responseTo: number,
  parts: { key: string; docs: Doc[]; id: Long; ns: string },
): Buffer {
  const docBytes = parts.docs.map(documentBytes);
  let arrayLen = 4 + 1;
  for (let i = 0; i < docBytes.length; i++) arrayLen += 1 + String(i).length + 1 + docBytes[i].length;
  const nsLen = Buffer.byteLength(parts.ns, 'utf8');
  const keyLen = parts.key.length; // firstBatch / nextBatch (ASCII)
  // cursor: {<key>: array, id: int64, ns: string}
  const cursorLen = 4 + (1 + keyLen + 1 + arrayLen) + (1 + 3 + 8) + (1 + 3 + 4 + nsLen + 1) + 1;
  // body: {cursor: doc, ok: 1} (an integral JS number is encoded as int32, as `serialize` does)
  const bodyLen = 4 + (1 + 7 + cursorLen) + (1 + 3 + 4) + 1;
  const buf = Buffer.allocUnsafe(16 + 4 + 1 + bodyLen);
  header(buf, responseTo, OP_MSG);
  buf.writeUInt32LE(0, 16);
  buf[20] = 0;
  let o = 21;
  buf.writeInt32LE(bodyLen, o);
  o += 4;
  buf[o++] = 0x03;
  o += buf.write('cursor\0', o, 'latin1');
  buf.writeInt32LE(cursorLen, o);
  o += 4;
  buf[o++] = 0x04;
  o += buf.write(parts.key, o, 'latin1');
  buf[o++] = 0;
  buf.writeInt32LE(arrayLen, o);
  o += 4;
  for (let i = 0; i < docBytes.length; i++) {
    buf[o++] = 0x03;
    o += buf.write(String(i), o, 'latin1');
    buf[o++] = 0;
    buf.set(docBytes[i], o);
    o += docBytes[i].length;
  }
  buf[o++] = 0; // end of array
  buf[o++] = 0x12;
  o += buf.write('id\0', o, 'latin1');
  buf.writeInt32LE(parts.id.low, o);
  buf.writeInt32LE(parts.id.high, o + 4);
  o += 8;
  buf[o++] = 0x02;
  o += buf.write('ns\0', o, 'latin1');
  buf.writeInt32LE(nsLen + 1, o);
  o += 4;
  o += buf.write(parts.ns, o, 'utf8');
  buf[o++] = 0;
  buf[o++] = 0; // end of cursor
  buf[o++] = 0x10;
  o += buf.write('ok\0', o, 'latin1');
  buf.writeInt32LE(1, o);
  o += 4;
  buf[o++] = 0; // end of body
  return buf;
}

export function encodeMsg(responseTo: number, body: Doc): Buffer {
  const parts = cursorReplyParts(body);
  if (parts) return encodeCursorMsg(responseTo, parts);
  const bson = serialize(body, SERIALIZE_OPTS);
  const buf = Buffer.allocUnsafe(16 + 4 + 1 + bson.length);
  header(buf, responseTo, OP_MSG);
  buf.writeUInt32LE(0, 16);
  buf[20] = 0;
  buf.set(bson, 21);
  return buf;
}

export function encodeReply(responseTo: number, body: Doc): Buffer {
  const bson = serialize(body, SERIALIZE_OPTS);
  const buf = Buffer.allocUnsafe(16 + 20 + bson.length);
  header(buf, responseTo, OP_REPLY);
  buf.writeInt32LE(0, 16); // responseFlags
  buf.writeBigInt64LE(0n, 20); // cursorId
  buf.writeInt32LE(0, 28); // startingFrom
  buf.writeInt32LE(1, 32); // numberReturned
  buf.set(bson, 36);
  return buf;
}

/** Accumulates TCP chunks and yields complete messages. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  static readonly MAX_MESSAGE = 48_000_000;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Buffer[] = [];
    while (this.buffered >= 4) {
      let head = this.chunks[0];
      if (head.length < 4) {
        head = Buffer.concat(this.chunks);
        this.chunks = [head];
      }
      const len = head.readInt32LE(0);
      if (len < 16 || len > MessageFramer.MAX_MESSAGE) throw new Error(`invalid message length ${len}`);
      if (this.buffered < len) break;
      const all = this.chunks.length === 1 ? head : Buffer.concat(this.chunks);
      out.push(all.subarray(0, len));
      const rest = all.subarray(len);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
    }
    return out;
  }
}
