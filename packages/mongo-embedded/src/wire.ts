// MongoDB wire protocol framing: OP_MSG (2013, kind-0 body + kind-1 document sequences), legacy
// OP_QUERY (2004, used by the driver's handshake) and OP_REPLY (1). Incoming BSON is parsed with
// promoteValues:false so numeric types survive; see values.normalizeIncoming.
import { deserialize, serialize } from 'bson';
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

export function encodeMsg(responseTo: number, body: Doc): Buffer {
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
