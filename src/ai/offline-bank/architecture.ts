import type { BankTopic } from './types';

export const apiDesign: BankTopic = {
  id: 'api-design',
  label: 'REST & API Design',
  entries: [
    [
      'easy',
      'What are the main principles of a RESTful API?',
      'REST models the API as resources identified by URLs, such as /users/42, manipulated through the standard HTTP methods: GET to read, POST to create, PUT or PATCH to update, DELETE to remove. It is stateless: each request carries everything needed to process it, including authentication, so any server instance can handle it. Responses use meaningful status codes and representations such as JSON, and they declare whether they are cacheable. A uniform, predictable interface makes the API easy to learn and lets HTTP infrastructure such as caches and proxies work well.',
    ],
    [
      'easy',
      'What is the difference between PUT, PATCH and POST?',
      'POST creates a new resource, or triggers an action, usually at a collection URL, and the server assigns the id; it is not idempotent, so repeating it can create duplicates. PUT replaces the resource at a known URL with the full representation sent, and it is idempotent: sending it twice has the same effect as once. PATCH applies a partial update, changing only the fields provided, and is not guaranteed to be idempotent, although most simple field updates are. Choosing correctly matters for retries and caching.',
    ],
    [
      'easy',
      'Which HTTP status codes should a REST API use for common situations?',
      '200 OK for successful reads and updates, 201 Created with a Location header for creation, 202 Accepted for work queued asynchronously, and 204 No Content when there is no body. 400 for invalid input, 401 when authentication is missing or invalid, 403 when the authenticated user is not allowed, 404 when the resource does not exist, 409 for conflicts such as duplicates, 422 for semantically invalid data, and 429 when rate limited. 500 means an unexpected server error and 503 a dependency or the service being unavailable. Using them consistently lets clients handle errors generically.',
    ],
    [
      'easy',
      'What does idempotency mean for HTTP methods, and why does it matter?',
      'An operation is idempotent if performing it several times has the same effect on the server as performing it once. GET, PUT and DELETE are idempotent by definition, while POST is not. This matters because networks fail: a client that did not receive a response cannot know whether the request succeeded, and it can safely retry only idempotent operations. For non-idempotent operations such as payments, APIs accept an Idempotency-Key header and store the result per key, so a retried request returns the original result instead of charging twice.',
    ],
    [
      'medium',
      'How would you design pagination for a REST API?',
      "Offset pagination (?page=3&limit=20) is simple and supports jumping to a page, but it gets slow on large offsets and items shift when data changes during browsing. Cursor, or keyset, pagination returns an opaque cursor encoding the last item's sort key, and the next request asks for items after it, which is fast at any depth and stable under inserts. Either way, enforce a maximum page size, return pagination metadata or a next link, and use a deterministic sort order with a unique tiebreaker such as the id. Total counts can be expensive on big tables, so make them optional.",
    ],
    [
      'medium',
      'How should an API be versioned?',
      'Common approaches are a version in the URL path (/api/v1/...), which is explicit and easy to route and cache, a custom header or media type, or a query parameter. Whatever the mechanism, the main goal is to avoid breaking changes: adding optional fields or new endpoints is backward compatible, while removing or renaming fields, changing types or tightening validation is not. When a breaking change is unavoidable, release a new version, run both in parallel, announce a deprecation timeline (for example with Deprecation and Sunset headers), and monitor usage of the old version before removing it.',
    ],
    [
      'medium',
      'How do you design consistent error responses for an API?',
      'Use the right HTTP status code and a consistent JSON error body with a stable machine-readable code, a human-readable message, field-level details for validation errors, and a request or correlation id that also appears in the logs. RFC 9457 Problem Details (application/problem+json) is a standard format for this. Never leak stack traces, SQL or internal details in production responses. Document the error codes so clients can react programmatically, for example retrying on 429 or 503 with the Retry-After header.',
    ],
    [
      'medium',
      'How would you implement rate limiting for an API?',
      'Identify the client by API key, user id or IP, and count requests in a shared store such as Redis so every server instance enforces the same limit. Common algorithms are fixed window (simple but bursty at window edges), sliding window (smoother), and token bucket (allows controlled bursts while enforcing an average rate). When the limit is exceeded, respond with 429 Too Many Requests and a Retry-After header, and expose the remaining quota with RateLimit headers. Apply stricter limits to expensive or sensitive endpoints such as login and AI generation.',
    ],
    [
      'medium',
      'What is the difference between authentication and authorisation in an API, and how are JWTs used?',
      'Authentication establishes who the caller is; authorisation decides what that caller may do. A JWT is a signed token containing claims such as the user id, expiry and roles; the server verifies the signature and expiry on each request without a session lookup, which suits stateless APIs. Keep JWTs short-lived, pin the signing algorithm, store them in httpOnly cookies or send them as Bearer tokens, and use refresh tokens or a server-side denylist for logout and revocation. Authorisation must still be checked for every resource, for example confirming that the requested order belongs to the caller.',
    ],
    [
      'hard',
      'How would you design an API endpoint for a long-running operation such as a report export?',
      'Do not hold the HTTP request open: accept the request, validate it, enqueue a job, and return 202 Accepted with a job id and a status URL. The client polls the status endpoint, or receives a webhook or WebSocket notification, and the status reports queued, running with progress, completed with a result link, or failed with an error. Jobs should be idempotent and retried with backoff, and the status must be checked for ownership, with results expiring after a retention period. Deterministic job ids or an idempotency key prevent duplicate jobs when the client retries the initial request.',
    ],
    [
      'hard',
      'What are the trade-offs between REST, GraphQL and gRPC?',
      'REST is simple, cache-friendly and universally supported, but clients may over-fetch or need several round trips to assemble a view. GraphQL lets clients request exactly the fields they need in one query over a typed schema, which suits varied front ends, but it complicates HTTP caching, rate limiting by cost, and protection against N+1 queries and expensive queries. gRPC uses Protocol Buffers over HTTP/2 with generated clients and streaming, giving efficient, strongly typed service-to-service calls, but browsers need a proxy and payloads are not human-readable. Many systems use gRPC internally and REST or GraphQL at the edge.',
    ],
    [
      'hard',
      'How do you design webhooks reliably?',
      "Send an HTTP POST with a JSON event to the subscriber's URL, signing the payload with an HMAC over the body and a timestamp so receivers can verify authenticity and reject replays. Deliver from a queue with retries and exponential backoff, and after repeated failures mark the endpoint failing and alert its owner. Delivery is at-least-once, so include a unique event id that receivers use to de-duplicate, and do not rely on ordering, or include a sequence number. Receivers should respond 2xx quickly and process asynchronously, and a delivery log with a replay option helps debugging.",
    ],
    [
      'medium',
      'How should an API handle filtering, sorting and field selection?',
      'Use query parameters with a consistent convention, for example ?status=active&createdAfter=2024-01-01 for filters, ?sort=-createdAt,name for sorting with a minus sign for descending, and ?fields=id,name to return only selected fields. Validate every parameter against an allow-list of fields and operators, both to return clear 400 errors and to prevent injection or expensive queries on unindexed fields. Make sure the supported filters and sorts are backed by database indexes, and always add a unique tiebreaker to sorts so pagination is stable. Document the conventions once and apply them to every list endpoint.',
    ],
    [
      'hard',
      'How do you handle concurrent updates to the same resource in a REST API?',
      'Without protection, two clients that read the same version and both write it back cause a lost update. Optimistic concurrency control solves this: each resource carries a version number or ETag, the client sends it back with If-Match (or in the body), and the server applies the update only if the version still matches, atomically in the database, otherwise it answers 412 Precondition Failed or 409 Conflict so the client can reload and retry. Pessimistic locking is rarely suitable for HTTP APIs, because clients can hold locks indefinitely. For counters and similar fields, atomic operations such as increments avoid read-modify-write cycles altogether.',
    ],
  ],
};

export const systemDesign: BankTopic = {
  id: 'system-design',
  label: 'System Design',
  entries: [
    [
      'easy',
      'What is the difference between horizontal and vertical scaling?',
      'Vertical scaling means giving a single machine more resources: CPU, memory or faster disks. It is simple and needs no code changes, but it has a hardware ceiling, gets expensive, and leaves a single point of failure. Horizontal scaling adds more machines and spreads load across them with a load balancer, which offers near-unlimited capacity and redundancy. It requires the application to be stateless or to share state through external stores, and it introduces distributed-systems problems such as consistency.',
    ],
    [
      'easy',
      'What does a load balancer do, and what algorithms can it use?',
      'A load balancer distributes incoming requests across several servers, improving capacity and availability: health checks take failed instances out of rotation. Common algorithms are round robin, least connections, weighted variants for servers of different sizes, and hashing on client IP or a key for affinity. Layer 4 balancers route TCP connections, while layer 7 balancers understand HTTP and can route by path or header, terminate TLS and add headers. Sticky sessions are possible but make scaling harder than keeping servers stateless.',
    ],
    [
      'easy',
      'What is caching, and what are common caching strategies?',
      'Caching keeps copies of frequently read data in a faster store, such as memory, Redis or a CDN, to reduce latency and load on the source. In cache-aside, the application checks the cache, and on a miss reads the database and fills the cache. Write-through writes the cache and the database together, and write-behind writes the cache first and persists later. Entries need expiry (TTL) and an eviction policy such as LRU, and the hard part is invalidation: deciding when cached data is stale.',
    ],
    [
      'medium',
      'Explain the CAP theorem.',
      'The CAP theorem says that when a network partition occurs, a distributed data store must choose between consistency, meaning every read sees the latest write, and availability, meaning every request gets a non-error response. Partitions cannot be ruled out in real networks, so the practical choice is CP or AP behaviour during a partition. A CP system such as a majority-quorum store rejects some requests to stay consistent; an AP system such as Cassandra with low consistency levels keeps answering but may return stale data that is reconciled later. PACELC extends this: even without partitions, systems trade latency against consistency.',
    ],
    [
      'medium',
      'How would you design a URL shortener?',
      'The core is a mapping from a short code to a long URL: POST creates a code, and GET /code responds with a 301 or 302 redirect. Codes can come from base62-encoding a unique id from a counter or id generator, which avoids collisions, or from a hash with collision checks; seven base62 characters give about 3.5 trillion codes. The store is a key-value lookup that is heavily read-dominated, so put a cache such as Redis in front and replicate for reads. Add rate limiting and abuse checks, optional expiry and custom aliases, and record click analytics asynchronously through a queue so redirects stay fast.',
    ],
    [
      'medium',
      'What is a message queue, and when would you use one?',
      'A message queue, such as RabbitMQ, SQS, Kafka or Redis-based queues like Bull, lets producers hand off work to consumers asynchronously. It decouples services, smooths traffic spikes by buffering, and makes slow work such as sending email, generating reports or calling AI models happen outside the request path. Consumers can be scaled independently, and failed messages are retried or moved to a dead-letter queue. Most queues deliver at least once, so consumers must be idempotent.',
    ],
    [
      'medium',
      'What is database sharding, and what challenges does it bring?',
      'Sharding splits data horizontally across multiple databases by a shard key, for example by user id, so each shard holds a subset and handles part of the load. It scales writes and storage beyond one machine. The challenges are choosing a key that spreads load evenly and avoids hot spots, queries and joins that span shards, transactions across shards, and resharding when data grows, often eased with consistent hashing or many logical shards mapped onto fewer physical ones. It adds significant operational complexity, so it usually comes after replication, caching and vertical scaling are exhausted.',
    ],
    [
      'medium',
      'What is consistent hashing and why is it useful?',
      'Consistent hashing places both nodes and keys on a hash ring, and each key belongs to the first node clockwise from its position. When a node is added or removed, only the keys in the adjacent range move, roughly 1/n of them, whereas simple modulo hashing (hash(key) % n) remaps almost every key when n changes. Virtual nodes, meaning many points per physical node, even out the distribution. It is used in distributed caches, sharded databases like Cassandra and DynamoDB, and load balancers.',
    ],
    [
      'hard',
      "How would you design a news feed system like Twitter's home timeline?",
      "Users post, and each user's feed shows recent posts from accounts they follow. Fan-out on write pushes each new post id into every follower's precomputed feed list, for example in Redis, which makes reads very fast but is expensive for accounts with millions of followers. Fan-out on read builds the feed at request time by merging recent posts of followed accounts, which is cheap to write but slow to read. A hybrid is common: fan out on write for normal users and merge posts from celebrity accounts at read time. Posts live in a sharded store, media on a CDN, and ranking, pagination by cursor and caching complete the design.",
    ],
    [
      'hard',
      'How would you design a distributed rate limiter?',
      'Each request is identified by a key, such as user or API key plus endpoint, and checked against a limit in a shared store like Redis, so all API instances agree. A token bucket or sliding-window counter is implemented atomically with a Lua script or MULTI, and counters expire automatically with TTLs. For very high traffic, each instance can keep local counters synchronised periodically, trading a little accuracy for fewer network calls. Decide how to fail when Redis is down: fail open to preserve availability or fail closed to protect backends. Return 429 with Retry-After and expose limits in headers.',
    ],
    [
      'hard',
      'How do you design for idempotency and exactly-once processing in a distributed system?',
      'True exactly-once delivery is not achievable across unreliable networks, so systems combine at-least-once delivery with idempotent processing to get exactly-once effects. Give every operation a unique id, such as an idempotency key or message id, and record processed ids in the same transaction as the side effect, so a duplicate is detected and skipped. Make operations naturally idempotent where possible: upserts, setting values instead of incrementing, and unique constraints that reject duplicates. For events that must follow a database change, the transactional outbox pattern writes the event in the same transaction and publishes it afterwards.',
    ],
    [
      'hard',
      'How would you design a chat application like WhatsApp or Slack?',
      "Clients keep a persistent WebSocket connection to a gateway tier; a presence service tracks which gateway each user is connected to, and messages are routed to the recipient's gateway through a pub/sub system such as Redis or Kafka. Messages are persisted first, in a store partitioned by conversation id such as Cassandra, with per-conversation sequence numbers for ordering, then delivered, and acknowledged by clients so undelivered messages are sent on reconnect or via push notifications. Group messages fan out to members, and read receipts and typing indicators are lightweight events that need not be stored durably. End-to-end encryption, media on object storage behind a CDN, and search are separate concerns.",
    ],
    [
      'hard',
      'What is the difference between strong and eventual consistency, and how do you choose?',
      'Under strong consistency, once a write is acknowledged every subsequent read sees it, as if there were a single copy of the data, which usually requires coordination such as a leader or quorum and costs latency and availability. Under eventual consistency, replicas may temporarily disagree, but they converge if writes stop, which allows lower latency and availability during partitions. Choose strong consistency where anomalies are unacceptable, such as balances, inventory reservations and unique usernames, and eventual consistency where brief staleness is fine, such as feeds, counters and analytics. Intermediate guarantees such as read-your-writes often give users what they expect at lower cost.',
    ],
  ],
};
