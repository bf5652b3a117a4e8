/**
 * The offline bank's data files, one JSON file per topic (data/<id>.json). Adding a topic = adding its
 * file here; tests/unit/ai/offline-bank.test.ts checks that every file in data/ is listed.
 * Static JSON imports (resolveJsonModule) make tsc emit the files next to the compiled code, so
 * `node dist/server.js` finds them without a copy step.
 */
import angular from './data/angular.json';
import apiDesign from './data/api-design.json';
import behavioral from './data/behavioral.json';
import ciCd from './data/ci-cd.json';
import cloud from './data/cloud.json';
import csharpDotnet from './data/csharp-dotnet.json';
import dataEngineering from './data/data-engineering.json';
import dataScience from './data/data-science.json';
import devops from './data/devops.json';
import docker from './data/docker.json';
import dsa from './data/dsa.json';
import git from './data/git.json';
import go from './data/go.json';
import graphql from './data/graphql.json';
import htmlCss from './data/html-css.json';
import java from './data/java.json';
import javascript from './data/javascript.json';
import kafka from './data/kafka.json';
import kubernetes from './data/kubernetes.json';
import linux from './data/linux.json';
import machineLearning from './data/machine-learning.json';
import microservices from './data/microservices.json';
import mlops from './data/mlops.json';
import mobile from './data/mobile.json';
import mongodb from './data/mongodb.json';
import networking from './data/networking.json';
import nodejs from './data/nodejs.json';
import observability from './data/observability.json';
import php from './data/php.json';
import postgresql from './data/postgresql.json';
import productSense from './data/product-sense.json';
import python from './data/python.json';
import react from './data/react.json';
import redis from './data/redis.json';
import rubyRails from './data/ruby-rails.json';
import rust from './data/rust.json';
import security from './data/security.json';
import spring from './data/spring.json';
import sql from './data/sql.json';
import systemDesign from './data/system-design.json';
import testing from './data/testing.json';
import typescript from './data/typescript.json';
import vue from './data/vue.json';

export const TOPIC_FILES: readonly unknown[] = [
  angular,
  apiDesign,
  behavioral,
  ciCd,
  cloud,
  csharpDotnet,
  dataEngineering,
  dataScience,
  devops,
  docker,
  dsa,
  git,
  go,
  graphql,
  htmlCss,
  java,
  javascript,
  kafka,
  kubernetes,
  linux,
  machineLearning,
  microservices,
  mlops,
  mobile,
  mongodb,
  networking,
  nodejs,
  observability,
  php,
  postgresql,
  productSense,
  python,
  react,
  redis,
  rubyRails,
  rust,
  security,
  spring,
  sql,
  systemDesign,
  testing,
  typescript,
  vue,
];
