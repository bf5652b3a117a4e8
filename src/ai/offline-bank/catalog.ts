/**
 * The offline bank's data files, one JSON file per topic (data/<id>.json). Adding a topic = adding its
 * file here; tests/unit/ai/offline-bank.test.ts checks that every file in data/ is listed.
 * Static JSON imports (resolveJsonModule) make tsc emit the files next to the compiled code, so
 * `node dist/server.js` finds them without a copy step.
 */
import apiDesign from './data/api-design.json';
import behavioral from './data/behavioral.json';
import ciCd from './data/ci-cd.json';
import cloud from './data/cloud.json';
import dataScience from './data/data-science.json';
import devops from './data/devops.json';
import docker from './data/docker.json';
import dsa from './data/dsa.json';
import git from './data/git.json';
import htmlCss from './data/html-css.json';
import java from './data/java.json';
import javascript from './data/javascript.json';
import kubernetes from './data/kubernetes.json';
import linux from './data/linux.json';
import machineLearning from './data/machine-learning.json';
import mongodb from './data/mongodb.json';
import networking from './data/networking.json';
import nodejs from './data/nodejs.json';
import python from './data/python.json';
import react from './data/react.json';
import security from './data/security.json';
import sql from './data/sql.json';
import systemDesign from './data/system-design.json';
import testing from './data/testing.json';
import typescript from './data/typescript.json';

export const TOPIC_FILES: readonly unknown[] = [
  apiDesign,
  behavioral,
  ciCd,
  cloud,
  dataScience,
  devops,
  docker,
  dsa,
  git,
  htmlCss,
  java,
  javascript,
  kubernetes,
  linux,
  machineLearning,
  mongodb,
  networking,
  nodejs,
  python,
  react,
  security,
  sql,
  systemDesign,
  testing,
  typescript,
];
