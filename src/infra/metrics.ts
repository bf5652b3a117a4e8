import client from 'prom-client';

// One registry per process (api or worker). Every metric the service exposes is declared here so names
// and labels stay consistent between the api, the worker and the dashboards.
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const metrics = {
  httpRequestDuration: new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  jobsTotal: new client.Counter({
    name: 'jobs_total',
    help: 'Jobs processed by queue and outcome (completed, failed, retried)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  }),
  jobDuration: new client.Histogram({
    name: 'job_duration_seconds',
    help: 'Job processing time by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
    registers: [registry],
  }),
  cacheEvents: new client.Counter({
    name: 'cache_events_total',
    help: 'Cache lookups by area and result (hit, miss)',
    labelNames: ['area', 'result'] as const,
    registers: [registry],
  }),
  aiTokens: new client.Counter({
    name: 'ai_tokens_total',
    help: 'AI tokens used by provider, operation and kind (prompt, completion)',
    labelNames: ['provider', 'operation', 'kind'] as const,
    registers: [registry],
  }),
  aiLatency: new client.Histogram({
    name: 'ai_request_duration_seconds',
    help: 'AI provider call latency by provider, operation and outcome',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    registers: [registry],
  }),
  emailsSent: new client.Counter({
    name: 'emails_sent_total',
    help: 'Emails handed to the transport by template and outcome',
    labelNames: ['template', 'outcome'] as const,
    registers: [registry],
  }),
  reconcilerRepairs: new client.Counter({
    name: 'job_reconciler_repairs_total',
    help: 'Job records repaired by the reconciler, by record kind and action (requeued, failed)',
    labelNames: ['kind', 'action'] as const,
    registers: [registry],
  }),
  openSockets: new client.Gauge({
    name: 'realtime_open_sockets',
    help: 'Open socket.io connections on this instance',
    registers: [registry],
  }),
};
