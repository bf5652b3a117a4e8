// `$facet` that deep-clones its input only for sub-pipelines that modify documents in place. mingo's own
// forces a clone of every input document for every sub-pipeline, which dominated the analytics
// pipelines (one $facet of five counting sub-pipelines over thousands of documents). The sub-pipelines
// still cannot see each other's changes: any that mutates works on its own copies.
import { Aggregator, ProcessingMode } from 'mingo';
import { Lazy } from 'mingo/lazy';
import { mutatingStages } from './stageEffects';
import type { Doc } from './values';

interface Collection {
  transform(f: (xs: unknown[]) => unknown): unknown;
}

export function $facet(coll: Collection, expr: Doc, options: Record<string, unknown>): unknown {
  return coll.transform((docs) => {
    const out: Doc = {};
    for (const [name, pipeline] of Object.entries(expr)) {
      const processingMode = mutatingStages(pipeline as Doc[])
        ? ProcessingMode.CLONE_INPUT
        : ProcessingMode.CLONE_OFF;
      out[name] = new Aggregator(pipeline as Doc[], { ...options, processingMode } as never).run(docs);
    }
    return Lazy([out]);
  });
}
