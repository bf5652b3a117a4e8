// MongoDB error codes the driver and Mongoose inspect. Names must match the server's codeName exactly,
// because driver logic (and Mongoose) branches on `code` / `codeName`.
export const ErrorCodes = {
  InternalError: 1,
  InvalidLength: 16,
  Unauthorized: 13,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  AmbiguousIndexKeyPattern: 313,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  NoReplicationEnabled: 76,
  BSONObjectTooLarge: 10334,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationFailed: 96,
  WriteConflict: 112,
  ConversionFailure: 241,
  ConflictingOperationInProgress: 117,
  CommandNotSupported: 115,
  InvalidIndexSpecificationOption: 197,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  TransactionTooOld: 225,
  CannotIndexParallelArrays: 171,
  DuplicateKey: 11000,
  Location40324: 40324,
  Location40323: 40323,
  InvalidPipelineOperator: 168,
  NotImplemented: 238,
  Location16410: 16410,
  IndexAlreadyExists: 68,
  CannotCreateIndex: 67,
  DollarPrefixedFieldName: 52,
  EmptyFieldName: 56,
  DocumentValidationFailure: 121,
  UnknownError: 8,
  QueryFeatureNotAllowed: 224,
  OperationNotSupportedInTransaction: 263,
  Location17419: 17419,
} as const;

const codeNames = new Map<number, string>();
for (const [name, code] of Object.entries(ErrorCodes)) if (!codeNames.has(code)) codeNames.set(code, name);

export function codeName(code: number): string {
  return codeNames.get(code) ?? `Location${code}`;
}

/** An error that becomes `{ok:0, errmsg, code, codeName, ...extra}` on the wire. */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly extra: Record<string, unknown>;
  readonly errorLabels?: string[];
  constructor(code: number, message: string, extra: Record<string, unknown> = {}, errorLabels?: string[]) {
    super(message);
    this.code = code;
    this.extra = extra;
    this.errorLabels = errorLabels;
  }
  toReply(): Record<string, unknown> {
    const reply: Record<string, unknown> = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: codeName(this.code),
    };
    Object.assign(reply, this.extra);
    if (this.errorLabels?.length) reply.errorLabels = this.errorLabels;
    return reply;
  }
}

export function fail(code: number, message: string, extra?: Record<string, unknown>): never {
  throw new MongoCommandError(code, message, extra);
}

/** Converts anything thrown (mingo errors included) into a MongoCommandError with a MongoDB code. */
export function toCommandError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  // mingo messages mapped to the codes mongod uses for the same mistake.
  if (/unknown (top level )?operator|unknown query operator|invalid query operator/i.test(msg))
    return new MongoCommandError(ErrorCodes.BadValue, msg);
  if (/unknown pipeline|pipeline operator .* not registered|Unrecognized pipeline stage/i.test(msg))
    return new MongoCommandError(ErrorCodes.Location40324, `Unrecognized pipeline stage name: ${msg}`);
  const unregistered = /(?:accumulator|operator) '(\$\w+)' is not registered/i.exec(msg);
  if (unregistered)
    return new MongoCommandError(
      ErrorCodes.InvalidPipelineOperator,
      `Unrecognized expression '${unregistered[1]}'`,
    );
  if (/not registered|unknown expression|invalid expression operator/i.test(msg))
    return new MongoCommandError(ErrorCodes.InvalidPipelineOperator, msg);
  if (/\$group specification must include an '_id'/.test(msg))
    return new MongoCommandError(15955, 'a group specification must include an _id');
  if (/Invalid regular expression/.test(msg))
    return new MongoCommandError(51091, `Regular expression is invalid: ${msg}`);
  if (/Unknown update operator|Unknown modifier/i.test(msg))
    return new MongoCommandError(ErrorCodes.FailedToParse, msg);
  if (/cannot do inclusion|cannot do exclusion|Projection/i.test(msg))
    return new MongoCommandError(31254, msg);
  if (/conflict/i.test(msg)) return new MongoCommandError(ErrorCodes.ConflictingUpdateOperators, msg);
  return new MongoCommandError(ErrorCodes.BadValue, msg);
}
