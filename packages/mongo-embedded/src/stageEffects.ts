// Which pipeline stages modify their input documents in place: aggregate.ts deep-clones a pipeline's
// input only when one does, and $facet (facetStage.ts) clones only for the sub-pipelines that do.
import { isPlainObject, type Doc } from './values';

// Stages that never modify their input objects in place (cloning can be skipped). $project and $facet
// depend on their spec (see nonMutatingStage).
const NON_MUTATING = new Set([
  '$match',
  '$group',
  '$sort',
  '$skip',
  '$limit',
  '$count',
  '$sortByCount',
  '$bucket', // bucketStage.ts builds new documents from accumulators
]);

export function mutatingStages(pipeline: Doc[]): boolean {
  return pipeline.some((s) => !nonMutatingStage(s));
}

/**
 * A `$project` of top-level fields builds new documents (exclusions delete from a shallow copy); a
 * dotted exclusion deletes from the shared nested document. A `$facet` mutates only through its
 * sub-pipelines. Skipping the deep clone matters: scoring pipelines project from large documents.
 */
function nonMutatingStage(stage: Doc): boolean {
  const name = Object.keys(stage)[0];
  if (NON_MUTATING.has(name)) return true;
  const spec = stage[name];
  if (name === '$project') return isPlainObject(spec) && Object.keys(spec).every((k) => !k.includes('.'));
  if (name === '$facet')
    return (
      isPlainObject(spec) && Object.values(spec).every((p) => Array.isArray(p) && !mutatingStages(p as Doc[]))
    );
  return false;
}
