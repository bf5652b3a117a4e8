// Aggregation through mingo: a leading $match uses the planner (indexes), the rest of the pipeline runs
// in mingo with our operator overrides. Inputs are cloned so no stage can mutate stored documents.
import { Aggregator, ProcessingMode } from 'mingo';
import { ErrorCodes, MongoCommandError, fail, toCommandError } from './errors';
import { matchDocs } from './planner';
import { hasWrappedNumbers, mingoContext, prepareForMingo, withMingo } from './mingoExt';
import { deepClone, isPlainObject, type Doc } from './values';
import { mutatingStages } from './stageEffects';
import type { CollectionState } from './catalog';

const UNSUPPORTED_STAGES: Record<string, [number, string]> = {
  $changeStream: [40573, 'The $changeStream stage is only supported on replica sets'],
  $geoNear: [
    ErrorCodes.BadValue,
    '$geoNear requires a geo index, which the embedded MongoDB server does not support',
  ],
  $search: [ErrorCodes.Location40324, "Unrecognized pipeline stage name: '$search'"],
  $searchMeta: [ErrorCodes.Location40324, "Unrecognized pipeline stage name: '$searchMeta'"],
  $vectorSearch: [ErrorCodes.Location40324, "Unrecognized pipeline stage name: '$vectorSearch'"],
  $collStats: [ErrorCodes.CommandNotSupported, '$collStats is not supported by the embedded MongoDB server'],
  $indexStats: [
    ErrorCodes.CommandNotSupported,
    '$indexStats is not supported by the embedded MongoDB server',
  ],
  $currentOp: [ErrorCodes.CommandNotSupported, '$currentOp is not supported by the embedded MongoDB server'],
  $listSessions: [
    ErrorCodes.CommandNotSupported,
    '$listSessions is not supported by the embedded MongoDB server',
  ],
  $planCacheStats: [
    ErrorCodes.CommandNotSupported,
    '$planCacheStats is not supported by the embedded MongoDB server',
  ],
};

const KNOWN_STAGES = new Set([
  '$addFields',
  '$bucket',
  '$bucketAuto',
  '$count',
  '$densify',
  '$documents',
  '$facet',
  '$fill',
  '$graphLookup',
  '$group',
  '$limit',
  '$lookup',
  '$match',
  '$merge',
  '$out',
  '$project',
  '$redact',
  '$replaceRoot',
  '$replaceWith',
  '$sample',
  '$set',
  '$setWindowFields',
  '$skip',
  '$sort',
  '$sortByCount',
  '$unionWith',
  '$unset',
  '$unwind',
]);

export function validatePipeline(pipeline: unknown): Doc[] {
  if (!Array.isArray(pipeline))
    fail(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  pipeline.forEach((stage, i) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1)
      fail(ErrorCodes.Location40323, 'A pipeline stage specification object must contain exactly one field.');
    const name = Object.keys(stage)[0];
    if (name in UNSUPPORTED_STAGES) {
      const [code, msg] = UNSUPPORTED_STAGES[name];
      fail(code, msg);
    }
    if (!KNOWN_STAGES.has(name))
      fail(ErrorCodes.Location40324, `Unrecognized pipeline stage name: '${name}'`);
    const spec = (stage as Doc)[name];
    if (name === '$unwind') {
      const p = isPlainObject(spec) ? spec.path : spec;
      if (typeof p !== 'string' || !p.startsWith('$'))
        fail(28818, "path option to $unwind stage should be prefixed with a '$'");
    }
    if ((name === '$out' || name === '$merge') && i !== pipeline.length - 1)
      fail(40601, `${name} can only be the final stage in the pipeline`);
    if (name === '$facet' || name === '$lookup' || name === '$unionWith') {
      const sub = (stage as Doc)[name] as Doc;
      if (name === '$facet') for (const p of Object.values(sub)) validatePipeline(p);
      else if (isPlainObject(sub) && Array.isArray(sub.pipeline)) validatePipeline(sub.pipeline);
    }
  });
  return pipeline as Doc[];
}

export interface AggregateEnv {
  /** Resolves another collection of the same database (for $lookup / $unionWith / $graphLookup). */
  resolve(name: string): Doc[];
  collation?: Doc;
  variables?: Doc;
}

export function runPipeline(
  state: CollectionState | null,
  docs: Doc[] | null,
  pipeline: Doc[],
  env: AggregateEnv,
): Doc[] {
  let rest = pipeline;
  let input: Doc[];
  if (docs) input = docs;
  else if (state && rest.length && rest[0].$match && !hasExpr(rest[0].$match)) {
    input = matchDocs(state, rest[0].$match as Doc, { collation: env.collation });
    rest = rest.slice(1);
  } else input = state ? Array.from(state.docs.values()) : [];
  if (!rest.length) return input;
  const counted = countOnly(input, rest);
  if (counted) return counted;
  // mingo's arithmetic only works on JS numbers; numeric wrappers are converted only when a stage
  // computes values, so pass-through pipelines return Long/Decimal128/Double values unchanged.
  const computing = rest.some(isComputingStage);
  if (computing && input.some(hasWrappedNumbers)) input = input.map((d) => prepareForMingo(d, true) as Doc);
  const clone = mutatingStages(rest);
  try {
    const agg = withMingo(
      () =>
        new Aggregator((computing ? prepareForMingo(rest, true) : rest) as Doc[], {
          context: mingoContext,
          processingMode: clone ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
          collation: env.collation as never,
          variables: env.variables,
          collectionResolver: (name: string) =>
            env
              .resolve(name)
              .map((d) => (computing ? (prepareForMingo(deepClone(d), true) as Doc) : deepClone(d))),
        }),
    );
    const out = withMingo(() => agg.run(input) as Doc[]);
    // mingo's $project emits _id last; mongod keeps it first.
    if (rest.some((st) => '$project' in st)) return out.map(idFirst);
    return out;
  } catch (e) {
    if (e instanceof MongoCommandError) throw e;
    throw toCommandError(e);
  }
}

const PASS_THROUGH = new Set([
  '$match',
  '$sort',
  '$skip',
  '$limit',
  '$unwind',
  '$count',
  '$sample',
  '$out',
  '$merge',
]);

/** Whether a stage evaluates expressions/accumulators over field values. */
function isComputingStage(stage: Doc): boolean {
  const name = Object.keys(stage)[0];
  if (PASS_THROUGH.has(name)) return false;
  const spec = stage[name];
  if (name === '$project' && isPlainObject(spec))
    return Object.values(spec).some((v) => !(v === 0 || v === 1 || v === true || v === false));
  if (name === '$unset') return false;
  if (name === '$lookup' && isPlainObject(spec))
    return Array.isArray(spec.pipeline) && (spec.pipeline as Doc[]).some(isComputingStage);
  if (name === '$facet' && isPlainObject(spec))
    return Object.values(spec).some((p) => (p as Doc[]).some(isComputingStage));
  return true;
}

function idFirst(d: Doc): Doc {
  if (!isPlainObject(d) || !('_id' in d) || Object.keys(d)[0] === '_id') return d;
  const { _id, ...rest } = d;
  return { _id, ...rest };
}

function hasExpr(filter: unknown): boolean {
  return isPlainObject(filter) && ('$expr' in filter || '$where' in filter);
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * The pipeline the drivers send for `countDocuments` — `[$match, $skip?, $limit?, {$group: {_id: <const>,
 * n: {$sum: 1}}}]` — answered by counting (after the planner's `$match`), without building mingo's
 * pipeline. The result is what mingo computes: one group `{_id, n}`, or none for no input.
 */
function countOnly(input: Doc[], stages: Doc[]): Doc[] | null {
  let i = 0;
  let skip = 0;
  let limit = Infinity;
  if (stages[i] && '$skip' in stages[i]) {
    if (!isCount(stages[i].$skip)) return null;
    skip = stages[i++].$skip as number;
  }
  if (stages[i] && '$limit' in stages[i]) {
    if (!isCount(stages[i].$limit) || stages[i].$limit === 0) return null;
    limit = stages[i++].$limit as number;
  }
  if (i !== stages.length - 1) return null;
  const group = stages[i].$group;
  if (!isPlainObject(group)) return null;
  const keys = Object.keys(group);
  if (keys.length !== 2 || keys[0] !== '_id' || keys[1].startsWith('$') || keys[1].includes('.')) return null;
  const id = group._id;
  if (id !== null && typeof id !== 'number') return null;
  const acc = group[keys[1]];
  if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || acc.$sum !== 1) return null;
  const n = Math.min(Math.max(input.length - skip, 0), limit);
  return n ? [{ _id: id, [keys[1]]: n }] : [];
}
