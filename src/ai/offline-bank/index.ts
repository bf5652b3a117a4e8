/**
 * The offline question bank: real interview questions with model answers, by topic and difficulty,
 * plus the vocabulary used to match free-text topics and roles to bank topics.
 */
import type { Difficulty } from '../provider';
import { apiDesign, systemDesign } from './architecture';
import { behavioral, dataScience, machineLearning } from './data';
import { mongodb, sql } from './databases';
import { dsa, git } from './dsa-git';
import { htmlCss, react } from './frontend';
import { cicd, docker, kubernetes } from './infrastructure';
import { javascript } from './javascript';
import { cloud, linux, networking } from './platform';
import { java, python } from './python-java';
import { devops, security, testing } from './quality';
import type { BankTopic } from './types';
import { nodejs, typescript } from './typescript-node';

export type { BankTopic } from './types';

export const BANK_TOPICS: readonly BankTopic[] = [
  javascript,
  typescript,
  nodejs,
  react,
  htmlCss,
  python,
  java,
  sql,
  mongodb,
  apiDesign,
  systemDesign,
  dsa,
  git,
  docker,
  kubernetes,
  cicd,
  cloud,
  linux,
  networking,
  security,
  testing,
  devops,
  machineLearning,
  dataScience,
  behavioral,
];

export interface BankEntry {
  /** Stable id: `<topic>-<n>`. */
  id: string;
  topicId: string;
  topicLabel: string;
  difficulty: Difficulty;
  question: string;
  answer: string;
}

export const BANK: readonly BankEntry[] = BANK_TOPICS.flatMap((t) =>
  t.entries.map(([difficulty, question, answer], i) => ({
    id: `${t.id}-${i + 1}`,
    topicId: t.id,
    topicLabel: t.label,
    difficulty,
    question,
    answer,
  })),
);

export const TOPIC_BY_ID: ReadonlyMap<string, BankTopic> = new Map(BANK_TOPICS.map((t) => [t.id, t]));

/**
 * Alias → topic id. Keys are "squashed": lower-case with everything but letters, digits, + and #
 * removed ("Node.js" → "nodejs", "CI/CD" → "cicd", "REST APIs" → "restapis").
 */
const ALIASES: Record<string, string[]> = {
  javascript: [
    'javascript',
    'js',
    'es6',
    'es2015',
    'ecmascript',
    'vanillajs',
    'jquery',
    'dom',
    'closures',
    'eventloop',
    'promises',
    'asyncawait',
    'frontend',
  ],
  typescript: ['typescript', 'ts', 'tsc', 'generics', 'typesystem'],
  nodejs: [
    'nodejs',
    'node',
    'nodej',
    'express',
    'expressjs',
    'nestjs',
    'npm',
    'backend',
    'serverside',
    'deno',
    'bun',
    'fastify',
    'koa',
  ],
  react: [
    'react',
    'reactjs',
    'reactnative',
    'hooks',
    'reacthooks',
    'redux',
    'nextjs',
    'next',
    'jsx',
    'vue',
    'vuejs',
    'angular',
    'svelte',
    'spa',
  ],
  'html-css': [
    'htmlcss',
    'html',
    'html5',
    'css',
    'css3',
    'sass',
    'scss',
    'tailwind',
    'tailwindcss',
    'flexbox',
    'grid',
    'cssgrid',
    'accessibility',
    'a11y',
    'webperformance',
    'responsivedesign',
    'ui',
    'webdesign',
  ],
  python: ['python', 'python3', 'py', 'django', 'flask', 'fastapi', 'asyncio', 'pep8'],
  java: [
    'java',
    'jvm',
    'spring',
    'springboot',
    'kotlin',
    'j2ee',
    'jakartaee',
    'hibernate',
    'oop',
    'objectoriented',
    'objectorientedprogramming',
  ],
  sql: [
    'sql',
    'database',
    'databases',
    'db',
    'rdbms',
    'relationaldatabases',
    'postgres',
    'postgresql',
    'mysql',
    'mariadb',
    'sqlite',
    'oracle',
    'sqlserver',
    'mssql',
    'tsql',
    'plsql',
    'indexes',
    'indexing',
    'queries',
    'joins',
    'dbms',
    'datamodeling',
    'datamodelling',
  ],
  mongodb: ['mongodb', 'mongo', 'mongoose', 'nosql', 'documentdb', 'dynamodb', 'cassandra', 'redis'],
  'api-design': [
    'apidesign',
    'api',
    'apis',
    'rest',
    'restapi',
    'restapis',
    'restful',
    'restfulapi',
    'restfulapis',
    'graphql',
    'grpc',
    'http',
    'httpapi',
    'webservices',
    'openapi',
    'swagger',
    'webhooks',
  ],
  'system-design': [
    'systemdesign',
    'systemsdesign',
    'architecture',
    'softwarearchitecture',
    'distributedsystems',
    'scalability',
    'microservices',
    'highleveldesign',
    'hld',
    'lowleveldesign',
    'lld',
    'designpatterns',
    'caching',
    'messagequeues',
    'kafka',
  ],
  dsa: [
    'dsa',
    'algorithms',
    'algorithm',
    'datastructures',
    'datastructure',
    'datastructuresandalgorithms',
    'algo',
    'algos',
    'leetcode',
    'problemsolving',
    'codingchallenges',
    'coding',
    'bigo',
    'complexity',
    'sorting',
    'graphs',
    'trees',
    'dynamicprogramming',
    'dp',
    'recursion',
    'arrays',
    'linkedlists',
    'competitiveprogramming',
  ],
  git: ['git', 'github', 'gitlab', 'versioncontrol', 'vcs', 'sourcecontrol', 'bitbucket'],
  docker: [
    'docker',
    'containers',
    'container',
    'containerization',
    'containerisation',
    'dockerfile',
    'dockercompose',
    'podman',
  ],
  kubernetes: [
    'kubernetes',
    'k8s',
    'k8',
    'kube',
    'kubectl',
    'helm',
    'eks',
    'gke',
    'aks',
    'openshift',
    'orchestration',
    'containerorchestration',
  ],
  'ci-cd': [
    'cicd',
    'ci',
    'cd',
    'continuousintegration',
    'continuousdelivery',
    'continuousdeployment',
    'githubactions',
    'jenkins',
    'gitlabci',
    'circleci',
    'pipelines',
    'pipeline',
    'buildpipelines',
    'releaseengineering',
    'deployment',
    'deployments',
  ],
  cloud: [
    'cloud',
    'aws',
    'amazonwebservices',
    'gcp',
    'googlecloud',
    'azure',
    'cloudcomputing',
    'serverless',
    'lambda',
    'ec2',
    's3',
    'iam',
    'terraform',
    'iac',
    'infrastructureascode',
    'cloudarchitecture',
  ],
  linux: [
    'linux',
    'unix',
    'bash',
    'shell',
    'shellscripting',
    'bashscripting',
    'ubuntu',
    'operatingsystems',
    'os',
    'sysadmin',
    'systemadministration',
    'commandline',
    'cli',
  ],
  networking: [
    'networking',
    'network',
    'networks',
    'computernetworks',
    'computernetworking',
    'tcp',
    'tcpip',
    'udp',
    'dns',
    'https',
    'tls',
    'ssl',
    'websockets',
    'osi',
    'osimodel',
    'protocols',
    'cors',
  ],
  security: [
    'security',
    'websecurity',
    'appsec',
    'applicationsecurity',
    'cybersecurity',
    'infosec',
    'owasp',
    'authentication',
    'authorization',
    'authorisation',
    'auth',
    'jwt',
    'oauth',
    'encryption',
    'cryptography',
    'xss',
    'csrf',
    'sqlinjection',
    'devsecops',
  ],
  testing: [
    'testing',
    'tests',
    'test',
    'unittesting',
    'unittests',
    'integrationtesting',
    'e2e',
    'e2etesting',
    'tdd',
    'bdd',
    'jest',
    'mocha',
    'pytest',
    'junit',
    'cypress',
    'playwright',
    'selenium',
    'qa',
    'qualityassurance',
    'testautomation',
    'softwaretesting',
  ],
  devops: [
    'devops',
    'sre',
    'sitereliabilityengineering',
    'reliability',
    'monitoring',
    'observability',
    'logging',
    'prometheus',
    'grafana',
    'incidentmanagement',
    'oncall',
    'ansible',
    'platformengineering',
    'infrastructure',
  ],
  'machine-learning': [
    'machinelearning',
    'ml',
    'ai',
    'artificialintelligence',
    'deeplearning',
    'dl',
    'neuralnetworks',
    'nlp',
    'llm',
    'llms',
    'genai',
    'generativeai',
    'computervision',
    'tensorflow',
    'pytorch',
    'scikitlearn',
    'sklearn',
    'mlops',
    'transformers',
  ],
  'data-science': [
    'datascience',
    'statistics',
    'stats',
    'probability',
    'dataanalysis',
    'dataanalytics',
    'analytics',
    'pandas',
    'numpy',
    'abtesting',
    'experimentation',
    'hypothesistesting',
    'datavisualization',
    'datavisualisation',
    'eda',
    'dataengineering',
  ],
  behavioral: [
    'behavioral',
    'behavioural',
    'behaviour',
    'behavior',
    'softskills',
    'hr',
    'culturefit',
    'leadership',
    'teamwork',
    'communication',
    'star',
    'starmethod',
    'situational',
    'management',
    'career',
    'conflictresolution',
  ],
};

/** "Node.js" → "nodejs", "CI/CD" → "cicd", "C#" → "c#". */
export function squash(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, '');
}

export const ALIAS_TO_TOPIC: ReadonlyMap<string, string> = new Map(
  Object.entries(ALIASES).flatMap(([id, aliases]) => aliases.map((a) => [a, id] as const)),
);

/**
 * Topic ids to fall back on when a requested topic's bank runs dry: nearby subjects an interviewer for
 * that topic would plausibly ask about too.
 */
export const RELATED_TOPICS: Readonly<Record<string, string[]>> = {
  javascript: ['typescript', 'react', 'nodejs', 'html-css'],
  typescript: ['javascript', 'nodejs', 'react'],
  nodejs: ['javascript', 'api-design', 'typescript', 'sql'],
  react: ['javascript', 'html-css', 'typescript'],
  'html-css': ['react', 'javascript'],
  python: ['dsa', 'data-science', 'api-design'],
  java: ['dsa', 'sql', 'system-design'],
  sql: ['mongodb', 'system-design'],
  mongodb: ['sql', 'system-design', 'nodejs'],
  'api-design': ['system-design', 'nodejs', 'security', 'networking'],
  'system-design': ['api-design', 'sql', 'cloud', 'networking'],
  dsa: ['system-design', 'python', 'java'],
  git: ['ci-cd', 'devops'],
  docker: ['kubernetes', 'ci-cd', 'linux', 'devops'],
  kubernetes: ['docker', 'devops', 'cloud'],
  'ci-cd': ['devops', 'docker', 'git', 'testing'],
  cloud: ['devops', 'system-design', 'kubernetes'],
  linux: ['devops', 'networking', 'docker'],
  networking: ['linux', 'security', 'api-design'],
  security: ['api-design', 'networking', 'cloud'],
  testing: ['ci-cd', 'javascript', 'api-design'],
  devops: ['ci-cd', 'kubernetes', 'cloud', 'linux'],
  'machine-learning': ['data-science', 'python'],
  'data-science': ['machine-learning', 'python', 'sql'],
  behavioral: [],
};

/** Roles (free text) → the topics an interview for that role covers, matched by words in the role. */
const ROLE_RULES: Array<{ pattern: RegExp; topics: string[] }> = [
  { pattern: /full[\s-]?stack/i, topics: ['javascript', 'react', 'nodejs', 'api-design', 'sql'] },
  {
    pattern: /front[\s-]?end|\bui\b|web develop/i,
    topics: ['javascript', 'react', 'html-css', 'typescript'],
  },
  { pattern: /back[\s-]?end|\bserver|\bapis?\b/i, topics: ['nodejs', 'sql', 'api-design', 'system-design'] },
  {
    pattern: /devops|\bsre\b|site reliability|platform|infrastructure|cloud/i,
    topics: ['docker', 'kubernetes', 'ci-cd', 'linux', 'cloud', 'devops'],
  },
  {
    pattern: /data scien|data analy|analyst|statistic/i,
    topics: ['data-science', 'python', 'machine-learning', 'sql'],
  },
  {
    pattern: /machine learning|\bml\b|\bai\b|deep learning/i,
    topics: ['machine-learning', 'python', 'data-science'],
  },
  { pattern: /data engineer/i, topics: ['sql', 'python', 'system-design', 'cloud'] },
  { pattern: /security|appsec|penetration|cyber/i, topics: ['security', 'networking', 'linux'] },
  { pattern: /\bqa\b|\btest|\bquality/i, topics: ['testing', 'ci-cd', 'javascript'] },
  { pattern: /mobile|android|\bios\b/i, topics: ['java', 'api-design', 'testing', 'behavioral'] },
  { pattern: /architect|principal|staff/i, topics: ['system-design', 'api-design', 'cloud'] },
  { pattern: /\bmanager|\blead\b|\bhead of/i, topics: ['behavioral', 'system-design'] },
];

/** When nothing else matches (roles such as "interviewer", "practice", "mock-interview"). */
export const GENERAL_TOPICS = ['javascript', 'dsa', 'system-design', 'api-design', 'sql', 'behavioral'];

/** Topic ids mentioned by a free-text topic: the whole text, then its words and word pairs. */
export function matchTopic(text: string): string[] {
  const whole = ALIAS_TO_TOPIC.get(squash(text));
  if (whole) return [whole];
  const words = text
    .toLowerCase()
    .split(/[\s,/&|;:()-]+|\band\b/)
    .map(squash)
    .filter(Boolean);
  const found: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !found.includes(id)) found.push(id);
  };
  for (let i = 0; i < words.length; i++) {
    add(ALIAS_TO_TOPIC.get(`${words[i]}${words[i + 1] ?? ''}`));
    add(ALIAS_TO_TOPIC.get(words[i] ?? ''));
    // plural / singular ("databases", "containers", "APIs")
    const w = words[i] ?? '';
    if (w.endsWith('s')) add(ALIAS_TO_TOPIC.get(w.slice(0, -1)));
  }
  return found;
}

/** Topic ids for a role: explicit technology words first ("Java Developer"), then role families. */
export function topicsForRole(role: string): string[] {
  const out: string[] = [];
  const add = (id: string) => {
    if (!out.includes(id)) out.push(id);
  };
  // Technology words in the role ("Java Developer", "Python Backend Engineer"). The words back-end,
  // front-end and full-stack are left to the role rules below, which cover them more broadly.
  const techWords = role.replace(/\b(back|front|full)[\s-]?(end|stack)\b/gi, ' ');
  for (const id of matchTopic(techWords)) add(id);
  for (const rule of ROLE_RULES) if (rule.pattern.test(role)) rule.topics.forEach(add);
  return out;
}
