import { topicCoverage, type UncoveredTopic } from '../../ai/offline-bank/similarity';
import { config } from '../../config';

export type { UncoveredTopic };

/**
 * Requested topics the offline question bank does not cover, each with the bank topic used instead
 * (its closest by meaning, or null when the role decides). Empty with a real model, which covers any topic.
 */
export function uncoveredTopics(topics: readonly string[]): UncoveredTopic[] {
  if (config.ai.provider !== 'offline') return [];
  return topicCoverage(topics).uncovered;
}
