import type { BankTopic } from './types';

export const security: BankTopic = {
  id: 'security',
  label: 'Security',
  entries: [
    [
      'easy',
      'What is SQL injection, and how do you prevent it?',
      "SQL injection happens when user input is concatenated into a SQL query, letting an attacker change the query's structure, for example entering ' OR 1=1 -- to bypass a login, or reading and deleting data. The fix is parameterised queries, also called prepared statements, where the query and the data are sent separately so input is never interpreted as SQL; ORMs and query builders do this by default. Also apply least privilege to the database account and validate input. The same idea applies to NoSQL injection, for example stripping MongoDB operators like $gt from user input.",
    ],
    [
      'easy',
      'How should passwords be stored?',
      'Never store passwords in plain text or with a fast general-purpose hash such as MD5 or SHA-256, because attackers can test billions of guesses per second against a leaked database. Use a slow, salted password-hashing algorithm designed for the purpose: Argon2id, bcrypt or scrypt. The salt, a unique random value per password stored with the hash, defeats precomputed rainbow tables and makes identical passwords hash differently, and the work factor is tuned so hashing takes tens to hundreds of milliseconds. Add rate limiting on login, breached-password checks and multi-factor authentication.',
    ],
    [
      'easy',
      'What is the difference between authentication and authorisation?',
      "Authentication verifies who someone is, for example with a password, a one-time code, a passkey or single sign-on. Authorisation decides what an authenticated identity is allowed to do, such as whether this user may view this order or call this admin endpoint. Authentication usually happens once per session, while authorisation must be checked on every request and for every resource. Many serious vulnerabilities are authorisation failures, such as changing an id in a URL to access someone else's data.",
    ],
    [
      'easy',
      'What is the difference between hashing and encryption?',
      'Encryption is reversible: data encrypted with a key can be decrypted with the right key, so it protects confidentiality of data that must be read again, such as stored documents or network traffic. Hashing is one-way: it maps data to a fixed-size digest that cannot be turned back into the input, and the same input always gives the same output. Hashes verify integrity (checksums, signatures) and store passwords, using slow salted algorithms for the latter. Encoding, such as base64, is neither; it provides no security at all.',
    ],
    [
      'medium',
      'What is cross-site scripting (XSS), and how do you prevent it?',
      "XSS occurs when an attacker gets malicious JavaScript to run in other users' browsers, through stored content such as a comment, a reflected URL parameter, or DOM manipulation with untrusted data. The script can steal data, act as the user, or deface the page. Prevention is context-aware output encoding, which frameworks like React do by default, avoiding raw HTML injection such as innerHTML or dangerouslySetInnerHTML with untrusted input, and sanitising HTML with a library like DOMPurify when rich text is required. A Content Security Policy and httpOnly cookies limit the damage if something slips through.",
    ],
    [
      'medium',
      'What is cross-site request forgery (CSRF), and how do you prevent it?',
      "CSRF tricks a logged-in user's browser into sending a state-changing request to a site where the user is authenticated, for example a hidden form on a malicious page posting to a bank, and the browser attaches the session cookie automatically. Defences are SameSite cookies (Lax or Strict), which stop cookies being sent on most cross-site requests, anti-CSRF tokens that an attacker's page cannot read, and checking the Origin header on state-changing requests. GET requests must never change state. APIs that authenticate only with an Authorization header rather than cookies are not vulnerable in the same way.",
    ],
    [
      'medium',
      'What is the OWASP Top 10? Name several of its categories.',
      'The OWASP Top 10 is a widely used awareness document listing the most critical web application security risks, updated every few years from real-world data. The 2021 list includes broken access control (number one), cryptographic failures, injection (including SQL injection and XSS), insecure design, security misconfiguration, vulnerable and outdated components, identification and authentication failures, software and data integrity failures, security logging and monitoring failures, and server-side request forgery. Teams use it as a baseline for code review, testing and training, although it is a starting point rather than a complete standard.',
    ],
    [
      'medium',
      'What are the security considerations when using JWTs?',
      'Sign tokens with a strong secret or key and pin the accepted algorithm on verification, rejecting "none" and algorithm confusion attacks. Keep access tokens short-lived, because a stateless JWT cannot be revoked before it expires without a server-side denylist or a version check against the user record. Do not put sensitive data in the payload, which is only base64-encoded, not encrypted. In browsers, store tokens in httpOnly, Secure, SameSite cookies rather than localStorage, which any XSS can read, and rotate refresh tokens with reuse detection.',
    ],
    [
      'medium',
      'What is the principle of least privilege and defence in depth?',
      'Least privilege means every user, service and process gets only the permissions it needs for its job and nothing more, such as a database account that can read but not drop tables, or a container that does not run as root. This limits the damage when any single component is compromised. Defence in depth means layering independent controls, such as network segmentation, authentication, authorisation, input validation, encryption, monitoring and backups, so that one failing control does not expose the whole system. Together they assume breaches will happen and aim to contain them.',
    ],
    [
      'hard',
      'What is server-side request forgery (SSRF), and how do you defend against it?',
      'SSRF happens when an application fetches a URL supplied by the user, for a webhook, an image import or a link preview, and an attacker makes it request internal resources instead, such as the cloud metadata endpoint at 169.254.169.254, internal admin services or localhost. Defences are allow-listing destinations where possible, resolving the hostname and rejecting private, loopback and link-local addresses, checking again after redirects and guarding against DNS rebinding by connecting to the validated IP. Network egress controls, and requiring session tokens for cloud metadata (IMDSv2 on AWS), limit the impact.',
    ],
    [
      'hard',
      'How would you design secure session management for a web application?',
      'Generate session identifiers or tokens with a cryptographically secure random generator, send them only over HTTPS in cookies marked HttpOnly, Secure and SameSite, and rotate the identifier on login to prevent session fixation. Sessions need an idle timeout and an absolute lifetime, and logout must invalidate them server-side, for JWTs through a denylist or a token version. Changing or resetting a password should revoke all other sessions, and users should be able to see and revoke active sessions. Detect anomalies such as reuse of a rotated refresh token, which indicates theft, and then revoke the whole token family.',
    ],
    [
      'hard',
      'How would you handle secrets such as API keys and database passwords in an application?',
      'Keep secrets out of source code, images and logs; load them at runtime from environment variables or, better, a secrets manager such as Vault, AWS Secrets Manager or Kubernetes secrets with encryption at rest. Give each service its own credentials with least privilege, prefer short-lived dynamic credentials and workload identity over static keys, and rotate secrets regularly and immediately after any exposure. Redact secret values in logs and error messages, and run secret scanning in CI and on the repository history. Audit who accessed which secret and when.',
    ],
    [
      'hard',
      'What is the difference between symmetric and asymmetric encryption, and how are they combined in practice?',
      'Symmetric encryption, such as AES-GCM, uses one shared key to encrypt and decrypt; it is fast and suits bulk data, but both sides must somehow share the key securely. Asymmetric cryptography, such as RSA or elliptic-curve schemes, uses a key pair: data encrypted with the public key can only be decrypted with the private key, and a signature made with the private key can be verified with the public key. In practice they are combined: TLS uses an asymmetric key exchange (ephemeral Diffie-Hellman) authenticated by certificate signatures to agree on symmetric session keys, and envelope encryption encrypts data with a symmetric key which is itself encrypted by a key management service.',
    ],
  ],
};

export const testing: BankTopic = {
  id: 'testing',
  label: 'Testing',
  entries: [
    [
      'easy',
      'What is the difference between unit, integration and end-to-end tests?',
      'Unit tests check a small piece of logic, such as a function or class, in isolation; they are fast and pinpoint failures precisely. Integration tests check that several parts work together with real dependencies, for example an API endpoint with a real database, catching wiring and configuration problems. End-to-end tests exercise the whole system as a user would, often through a browser, giving the most confidence but running slowest and failing more often for incidental reasons. A healthy suite has many fast tests and fewer slow ones, focused on what gives confidence.',
    ],
    [
      'easy',
      'What is the testing pyramid?',
      'The testing pyramid suggests having many fast, cheap unit tests at the base, fewer integration tests in the middle, and a small number of slow end-to-end tests at the top. The reasoning is that lower-level tests are faster, more reliable and easier to debug, while higher-level tests catch integration problems but are expensive. Some teams prefer the "testing trophy", which emphasises integration tests because they give the most confidence per test in typical web applications. The underlying goal is fast feedback and confidence, not a particular ratio.',
    ],
    [
      'easy',
      'What makes a good unit test?',
      'A good unit test is fast, deterministic and independent of other tests and of test order. It tests behaviour through the public interface rather than implementation details, so refactoring does not break it. It follows a clear arrange, act, assert structure, checks one behaviour, and has a name that describes the scenario and expected outcome. It should fail when the behaviour breaks, so every test must make meaningful assertions, and its failure message should make the problem obvious.',
    ],
    [
      'medium',
      'What is the difference between mocks, stubs, fakes and spies?',
      'A stub returns canned answers to calls, providing indirect inputs to the code under test. A spy records how it was called, so the test can assert on calls afterwards, and may pass calls through to the real implementation. A mock is pre-programmed with expectations about the calls it should receive and fails the test if they are not met. A fake is a working but simplified implementation, such as an in-memory database or a local fake HTTP server. Overusing mocks couples tests to implementation details; fakes and real dependencies in integration tests often give more confidence.',
    ],
    [
      'medium',
      'What is test-driven development, and what are its benefits and drawbacks?',
      'TDD is a cycle of red, green, refactor: write a small failing test for the next behaviour, write the simplest code that makes it pass, then refactor while the tests keep you safe. It produces a thorough regression suite, drives simpler and more testable designs, and gives fast feedback while coding. The drawbacks are a learning curve, slower initial progress, and a risk of tests tightly coupled to implementation when it is done mechanically. It works particularly well for business logic and bug fixes, where the failing test reproduces the bug first.',
    ],
    [
      'medium',
      'Is 100% code coverage a good goal?',
      'Coverage measures which lines or branches the tests execute, not whether the tests check the right things, so a suite can reach 100% while asserting almost nothing. Chasing 100% often leads to low-value tests of trivial code and brittle tests coupled to implementation details. Coverage is useful to find untested areas, especially untested branches in critical logic, and a reasonable threshold can prevent regressions in testing discipline. Mutation testing, which checks whether tests fail when the code is deliberately broken, measures test quality more directly.',
    ],
    [
      'medium',
      'How do you test code that depends on time, randomness or external APIs?',
      'Make these dependencies injectable, or control them in tests: fake timers or an injected clock for time, and a seeded random generator or injected randomness for random behaviour, so results are deterministic. For external HTTP APIs, use a local fake server or a request-interception library that returns scripted responses, including errors, timeouts and rate limits, which are hard to trigger against real services. Contract tests verify that your fakes match the real API. Keep a small number of tests against the real service, run separately, to catch drift.',
    ],
    [
      'medium',
      'How do you write integration tests against a database?',
      'Use a real instance of the same database engine, started in a container, an in-memory server or a test service, rather than mocking queries, so the tests catch schema, query and constraint issues. Give each test or test file isolated data, with a separate database or schema, per-test transactions rolled back at the end, or cleanup between tests, so tests can run in parallel and in any order. Create data with factories inside each test instead of large shared fixtures. Run migrations as part of the setup so the schema always matches production.',
    ],
    [
      'hard',
      'What is contract testing, and when is it useful?',
      "Contract testing verifies that a consumer and a provider of an API agree on the shape of requests and responses, without running both systems together in a full end-to-end environment. In consumer-driven contract testing with a tool like Pact, the consumer's tests record the interactions they rely on as a contract, and the provider's pipeline verifies it can satisfy every consumer's contract. It catches breaking API changes before deployment and scales better than end-to-end suites across many microservices. Schema-based approaches, validating against OpenAPI specifications, are a lighter alternative.",
    ],
    [
      'hard',
      'What is property-based testing?',
      'Instead of checking hand-picked examples, property-based testing states properties that must hold for all inputs, such as "decoding an encoded value returns the original" or "sorting is idempotent and preserves the elements", and a library such as fast-check or Hypothesis generates hundreds of random inputs to try to falsify them. When it finds a failure, it shrinks the input to a minimal counterexample, which makes debugging easier. It is very good at finding edge cases that people would not think of, like empty strings, Unicode and boundary numbers. Example-based tests remain useful alongside it for documenting specific behaviour.',
    ],
    [
      'hard',
      'How do you load-test an API, and which metrics matter?',
      'Define realistic scenarios based on production traffic, covering the mix of endpoints, data sizes and think time, and generate load with a tool such as k6, Gatling, JMeter or autocannon against a production-like environment. Measure throughput and latency percentiles such as p50, p95 and p99, not just averages, along with error rates and resource usage on the servers and databases. Ramp load up gradually to find the point where latency degrades or errors appear, and run soak tests for hours to reveal memory leaks. Make sure the load generator itself is not the bottleneck, and compare results against explicit performance goals.',
    ],
    [
      'hard',
      'What is mutation testing?',
      'Mutation testing measures the quality of a test suite by making small deliberate changes, called mutants, to the code, such as replacing > with >=, flipping a boolean or removing a statement, and then running the tests. If a test fails, the mutant is "killed"; if all tests still pass, the mutant "survived", revealing behaviour the tests do not check. The mutation score is the percentage of mutants killed. Tools such as Stryker and PIT automate it; it is computationally expensive, so it is often run on critical modules or only on changed code.',
    ],
    [
      'easy',
      'What is the difference between black-box and white-box testing?',
      'Black-box testing checks behaviour through inputs and outputs without knowledge of the internal implementation, based on requirements or the public interface, which keeps tests stable when the code is refactored. White-box testing uses knowledge of the code structure to design tests that exercise specific paths, branches and edge conditions, and it is typically measured with coverage. Most unit tests mix both: written against the public interface, but informed by the code to make sure tricky branches are covered. Acceptance and end-to-end tests are almost always black-box.',
    ],
    [
      'medium',
      'How do you decide what to test when time is limited?',
      'Prioritise by risk: the probability of a defect times its impact. Focus first on critical business paths such as payments, authentication and data integrity, on complex logic with many branches, on code that changes often or has had bugs before, and on integration points with external systems. Prefer tests that give broad confidence cheaply, such as integration tests through the public API for the main flows, then add focused unit tests for intricate logic. Every bug fix should come with a test that reproduces it.',
    ],
  ],
};

export const devops: BankTopic = {
  id: 'devops',
  label: 'DevOps & SRE',
  entries: [
    [
      'easy',
      'What is DevOps?',
      'DevOps is a culture and set of practices that bring development and operations together so teams can deliver software quickly and reliably. Key practices are automation of builds, tests and deployments through CI/CD, infrastructure as code, monitoring and observability, and shared ownership, in which the team that builds a service also runs it. It emphasises small, frequent changes, fast feedback and learning from incidents without blame. Success is often measured with the DORA metrics: deployment frequency, lead time for changes, change failure rate and time to restore service.',
    ],
    [
      'easy',
      'What is the difference between monitoring and observability?',
      "Monitoring watches known signals and alerts when they cross thresholds, such as CPU usage, error rate or disk space: it answers questions you anticipated. Observability is the ability to understand a system's internal state from its outputs, so you can investigate new, unanticipated problems. It relies on three kinds of telemetry: metrics (numeric time series), logs (discrete events) and traces (the path of a request across services), correlated by identifiers such as a request id. OpenTelemetry is the common standard for producing this telemetry.",
    ],
    [
      'easy',
      'What are the DORA metrics?',
      'The DORA metrics, from the DevOps Research and Assessment programme, measure software delivery performance. Deployment frequency is how often you release to production, and lead time for changes is how long a commit takes to reach production; both measure speed. Change failure rate is the percentage of deployments that cause a failure needing remediation, and time to restore service (or failed deployment recovery time) measures how quickly you recover; both measure stability. The research shows high performers excel at speed and stability together rather than trading one for the other.',
    ],
    [
      'medium',
      'What are SLIs, SLOs, SLAs and error budgets?',
      'A service level indicator is a measured property of the service as users experience it, such as the proportion of requests served successfully under 300 ms. A service level objective is the target for an SLI over a window, for example 99.9% over 30 days. A service level agreement is a contract with customers that specifies consequences, such as credits, if a level is missed, and it is usually looser than the internal SLO. The error budget is the allowed unreliability, 100% minus the SLO: while budget remains, teams ship features; when it is exhausted, they prioritise reliability.',
    ],
    [
      'medium',
      'How do you design good alerts?',
      'Alert on symptoms that affect users, such as error rate, latency and availability against SLOs, rather than on every possible cause such as high CPU, which belongs on dashboards. Each alert should be actionable, urgent and linked to a runbook; if nobody needs to act now, it should be a ticket or not an alert at all. Burn-rate alerts on error budgets catch both fast and slow degradations with few false positives. Review alerts regularly, removing noisy ones, because alert fatigue leads to real pages being ignored.',
    ],
    [
      'medium',
      'What is a blameless postmortem?',
      'A blameless postmortem is a written review after an incident that focuses on what happened and why the system allowed it, not on who made a mistake. It includes a timeline, the impact, the root causes and contributing factors, what went well and badly in the response, and concrete follow-up actions with owners. The premise is that people acted reasonably given the information and tools they had, so blaming individuals only discourages honesty and hides systemic problems. Sharing postmortems widely spreads the learning across the organisation.',
    ],
    [
      'medium',
      'What is the difference between configuration management and immutable infrastructure?',
      'Configuration management tools such as Ansible, Chef and Puppet bring existing, long-lived servers to a desired state by applying changes in place, which can lead to configuration drift and "snowflake" servers that are hard to reproduce. Immutable infrastructure never modifies running servers: any change means building a new image (a machine image or container image), deploying new instances from it, and destroying the old ones. Immutable deployments are more predictable, easy to roll back and consistent across environments. Containers and orchestrators have made the immutable approach the norm.',
    ],
    [
      'medium',
      'What is centralised logging, and what makes logs useful?',
      'Centralised logging ships logs from every server and container to one searchable system, such as the ELK stack, Loki or a cloud logging service, because logs on individual machines are lost when they are replaced and are impractical to search. Useful logs are structured (JSON with consistent fields), include a timestamp, level, service name and a request or trace id for correlation, and describe events with context rather than vague messages. They must never contain secrets or unnecessary personal data. Retention policies and sampling of noisy logs keep costs under control.',
    ],
    [
      'hard',
      'How does distributed tracing work?',
      'When a request enters the system, it gets a trace id; each service creates spans for the work it does, recording timing and metadata, and passes the trace context to downstream calls in headers such as W3C traceparent. Spans are exported, usually through OpenTelemetry, to a backend such as Jaeger, Tempo or a commercial APM tool, which assembles them into a tree showing where time was spent across services, queues and databases. This reveals which dependency causes latency or errors, something metrics and logs alone struggle to show. Sampling controls the volume, with tail-based sampling keeping interesting traces such as errors and slow requests.',
    ],
    [
      'hard',
      'How would you approach an incident where a production service is down?',
      'First assess impact and declare an incident with clear roles: an incident commander coordinating, responders investigating, and someone communicating status to stakeholders. Prioritise mitigation over diagnosis: roll back the latest deployment, fail over, scale up, or disable a feature flag, to restore service before fully understanding the cause. Use dashboards, recent changes, logs and traces to form and test hypotheses, and keep a timeline as you go. After recovery, hold a blameless postmortem and track the follow-up actions that prevent recurrence.',
    ],
    [
      'hard',
      'What is chaos engineering?',
      'Chaos engineering is the practice of deliberately injecting failures, such as killing instances, adding network latency, failing a dependency or exhausting resources, to verify that a system withstands them as designed. Experiments start from a hypothesis about steady-state behaviour, such as "checkout success rate stays above 99% if one availability zone fails", and begin with a small blast radius, ideally with automatic abort conditions. It reveals hidden weaknesses such as missing timeouts, retry storms and untested failover before real incidents do. Tools include Chaos Monkey, Gremlin, LitmusChaos and AWS Fault Injection Service.',
    ],
    [
      'hard',
      'How do retries, timeouts and circuit breakers work together to keep a distributed system resilient?',
      'Every remote call needs a timeout, so a slow dependency cannot tie up threads and connections indefinitely. Retries handle transient failures, but only for idempotent operations and with exponential backoff and jitter, and within a limited budget, otherwise synchronised retries multiply load on a struggling service and cause a retry storm. A circuit breaker tracks failures to a dependency and, past a threshold, fails fast for a cool-down period before letting trial requests through, giving the dependency time to recover. Combined with bulkheads and fallbacks such as cached or degraded responses, these contain failures instead of cascading them.',
    ],
    [
      'easy',
      'What are the four golden signals of monitoring?',
      "The four golden signals, from Google's SRE book, are latency (how long requests take, tracked separately for successful and failed requests), traffic (demand on the system, such as requests per second), errors (the rate of failed requests, whether explicit errors or wrong results) and saturation (how full the most constrained resource is, such as CPU, memory, connection pools or queue depth). Monitoring these for every user-facing service catches most problems. The RED method (rate, errors, duration) for services and USE method (utilisation, saturation, errors) for resources are similar checklists.",
    ],
    [
      'medium',
      'What is GitOps?',
      'GitOps uses a Git repository as the single source of truth for the desired state of infrastructure and applications, typically Kubernetes manifests or Helm charts. An agent in the cluster, such as Argo CD or Flux, continuously compares the live state with the repository and reconciles any difference, pulling changes rather than having CI push them. Every change goes through a pull request, giving review, an audit trail and easy rollback by reverting a commit. Drift introduced by manual changes is detected and corrected automatically.',
    ],
  ],
};
