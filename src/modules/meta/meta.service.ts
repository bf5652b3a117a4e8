import { BANK_TOPICS } from '../../ai/offline-bank';
import { DIFFICULTIES } from '../../ai/provider';
import { EXPERIENCE, ROLES, SESSION_STATUS } from '../sessions/sessions.schemas';
import { EXPORT_FORMATS } from '../exports/exports.schemas';

/**
 * Choices a frontend needs to build its forms. `role` is free text (2..100 characters): `roles` are
 * suggestions, the old closed list first (old clients offer exactly those), then common roles the old
 * list missed. `topics` are the offline question bank's topics (any other topic is accepted too).
 */
const MORE_ROLES = [
  'Data Engineer',
  'Machine Learning Engineer',
  'Site Reliability Engineer',
  'Security Engineer',
  'QA Engineer',
  'Mobile Developer',
  'iOS Developer',
  'Android Developer',
  'Software Architect',
  'Engineering Manager',
  'Product Manager',
] as const;

/** Export formats accepted by POST /export/export/:sessionId?format= (see the API contract). */

export interface MetaOptions {
  roles: string[];
  experienceLevels: string[];
  statuses: string[];
  difficulties: string[];
  exportFormats: string[];
  topics: string[];
}

let options: MetaOptions | undefined;

/** Built once: everything here is fixed for the life of the process. */
export function metaOptions(): MetaOptions {
  options ??= {
    roles: [...ROLES, ...MORE_ROLES],
    experienceLevels: [...EXPERIENCE],
    statuses: [...SESSION_STATUS],
    difficulties: [...DIFFICULTIES],
    exportFormats: [...EXPORT_FORMATS],
    topics: BANK_TOPICS.map((t) => t.label).sort((a, b) => a.localeCompare(b, 'en')),
  };
  return options;
}
