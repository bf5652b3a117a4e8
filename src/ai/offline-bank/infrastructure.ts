import type { BankTopic } from './types';

export const docker: BankTopic = {
  id: 'docker',
  label: 'Docker',
  entries: [
    [
      'easy',
      'What is the difference between a Docker image and a container?',
      'An image is a read-only template made of stacked filesystem layers plus metadata such as the default command, environment and exposed ports; it is built from a Dockerfile and stored in a registry. A container is a running (or stopped) instance of an image: Docker adds a thin writable layer on top and runs the process in isolated namespaces with resource limits set by cgroups. Many containers can run from the same image, and changes made inside a container are lost when it is removed unless they are written to a volume.',
    ],
    [
      'easy',
      'How do containers differ from virtual machines?',
      "A virtual machine runs a full guest operating system on virtualised hardware provided by a hypervisor, so it is heavy in memory and slow to boot, but strongly isolated. Containers share the host's kernel and isolate processes with namespaces and cgroups, so they start in milliseconds and use far less overhead, allowing many more per host. The trade-off is weaker isolation, since a kernel vulnerability can affect all containers, and Linux containers need a Linux kernel. Containers are often run inside VMs in the cloud to combine both.",
    ],
    [
      'easy',
      'How do Docker volumes work, and why are they needed?',
      "A container's writable layer is deleted with the container, so data that must persist, such as a database's files, goes in a volume. Named volumes are managed by Docker and survive container removal, bind mounts map a host directory into the container, which is handy for development, and tmpfs mounts keep data in memory only. Volumes are also faster than writing to the container's layered filesystem. Back up volumes like any other data.",
    ],
    [
      'medium',
      'How do you write an efficient, small Dockerfile?',
      'Start from a minimal, pinned base image such as an alpine or slim variant, or distroless for the final stage. Order instructions from least to most frequently changing, for example copying package.json and installing dependencies before copying the source code, so the dependency layer stays cached. Use multi-stage builds so compilers and build tools stay in the build stage and only the artifacts reach the final image. Also use a .dockerignore file, combine related RUN commands and clean package caches, run as a non-root user, and define a HEALTHCHECK.',
    ],
    [
      'medium',
      'What is Docker Compose used for?',
      'Docker Compose defines a multi-container application in a YAML file: services with their images or build contexts, environment variables, ports, volumes, networks and dependencies. docker compose up starts the whole stack, for example an API, a database and Redis, on a shared network where services reach each other by service name. It is ideal for local development, integration testing and simple single-host deployments. depends_on controls start order, but services should still retry connections or use health-check conditions, since "started" is not "ready".',
    ],
    [
      'medium',
      'How does networking work between Docker containers?',
      'By default, containers attach to a bridge network and can reach the outside world through NAT; publishing a port with -p host:container makes a container reachable from the host. On a user-defined bridge network, containers resolve each other by name through Docker\'s embedded DNS, which is why Compose services can connect to "db" or "redis". The host network mode shares the host\'s network stack, and overlay networks connect containers across hosts in Swarm. Keep internal services such as databases off published ports.',
    ],
    [
      'hard',
      'How do you secure Docker containers and images?',
      'Use minimal, trusted base images, pin them by digest, rebuild regularly, and scan images for vulnerabilities with tools like Trivy or Docker Scout. Run processes as a non-root user, drop Linux capabilities, use a read-only root filesystem where possible, and never run containers with --privileged or mount the Docker socket unless absolutely required. Do not bake secrets into images or build arguments, because they persist in layers; inject them at runtime from a secret manager. Set memory and CPU limits and sign images to verify their provenance.',
    ],
    [
      'hard',
      'How do layers and the build cache work in Docker?',
      'Each Dockerfile instruction that changes the filesystem produces a layer, and layers are stacked by a union filesystem and shared between images that have them in common. When building, Docker reuses a cached layer if the instruction and its inputs are unchanged, for COPY and ADD that means the checksums of the copied files, but once one layer changes every following layer is rebuilt. That is why dependency manifests are copied and installed before the rest of the source. BuildKit adds cache mounts for package manager caches, parallel stages, and remote cache export for CI.',
    ],
    [
      'easy',
      'What is the difference between CMD and ENTRYPOINT in a Dockerfile?',
      'ENTRYPOINT defines the executable that always runs when the container starts, while CMD provides default arguments, or a default command if there is no ENTRYPOINT. Arguments given to docker run replace CMD but are appended to ENTRYPOINT, so ENTRYPOINT ["node"] with CMD ["server.js"] runs node server.js by default and node other.js with docker run image other.js. Use the exec (JSON array) form so the process runs as PID 1 and receives signals such as SIGTERM directly; the shell form wraps it in /bin/sh -c, which does not forward signals. ENTRYPOINT can be overridden with --entrypoint.',
    ],
    [
      'easy',
      'What is a Docker registry, and how do image tags work?',
      'A registry stores and distributes images: Docker Hub, GitHub Container Registry, Amazon ECR and self-hosted registries are common. Images are pushed and pulled by repository name and tag, such as myapp:1.4.2, and a tag is just a movable pointer to an image digest. The latest tag is only a convention and does not mean the newest build, so deployments should use explicit version tags or immutable digests (myapp@sha256:...) for reproducibility. Private registries require authentication, and image scanning is often built into them.',
    ],
    [
      'medium',
      'Why should a containerised process handle PID 1 responsibilities, and how do you do it?',
      'The first process in a container runs as PID 1, which the kernel treats specially: signals without an installed handler are ignored, so a process that does not handle SIGTERM will not stop until Docker sends SIGKILL after the grace period. PID 1 must also reap zombie child processes, which most applications do not do. Solutions are to handle SIGTERM in the application and start it with the exec form so it is really PID 1, or to run a minimal init such as tini (docker run --init) that forwards signals and reaps zombies. This is essential for graceful shutdown during deployments.',
    ],
    [
      'hard',
      'How would you debug a container that keeps restarting?',
      'Start with docker ps -a and docker inspect to see the exit code and state: 137 means it was killed, often by the OOM killer (OOMKilled: true), 1 usually means an application error, and 126 or 127 mean the command could not run. docker logs on the stopped container shows the output of the last run. Check the health check configuration, the environment variables and mounted configuration, and whether a dependency such as the database is reachable. To investigate interactively, run the image with an overridden entrypoint such as a shell, or use docker debug or an ephemeral debug container for minimal images.',
    ],
  ],
};

export const kubernetes: BankTopic = {
  id: 'kubernetes',
  label: 'Kubernetes',
  entries: [
    [
      'easy',
      'What is Kubernetes, and what problems does it solve?',
      'Kubernetes is a container orchestration platform: you declare the desired state, such as which images to run, how many replicas and which resources, and its controllers continuously work to make the cluster match it. It schedules containers onto nodes, restarts failed containers, replaces unhealthy ones, scales workloads, and rolls out updates with rollback. It also provides service discovery, load balancing, configuration and secret management, and storage orchestration. This turns a fleet of machines into one platform, at the cost of significant complexity.',
    ],
    [
      'easy',
      'What is a Pod, and how does it relate to a Deployment?',
      'A Pod is the smallest deployable unit in Kubernetes: one or more containers that share a network namespace (one IP address) and can share volumes, scheduled together on one node. Pods are ephemeral and are not recreated by themselves if they die. A Deployment manages a ReplicaSet that keeps a specified number of identical Pods running, and it handles rolling updates and rollbacks when the Pod template changes. You normally create Deployments, not bare Pods.',
    ],
    [
      'easy',
      'What is a Kubernetes Service, and what types exist?',
      'Pods come and go with changing IPs, so a Service gives a stable virtual IP and DNS name that load-balances across the Pods matching its label selector. ClusterIP, the default, is reachable only inside the cluster. NodePort additionally exposes the Service on a port of every node, and LoadBalancer provisions an external load balancer from the cloud provider. For HTTP routing by host or path, an Ingress or the Gateway API sits in front of Services.',
    ],
    [
      'medium',
      'What is the difference between liveness, readiness and startup probes?',
      'A liveness probe checks whether a container is still healthy; if it fails repeatedly, the kubelet restarts the container, which helps with deadlocks. A readiness probe checks whether the container can serve traffic; while it fails, the Pod is removed from Service endpoints but not restarted, which covers warming up or a temporarily unavailable dependency. A startup probe protects slow-starting applications by disabling the other probes until it succeeds. A common mistake is making liveness depend on external services such as the database, which causes restart storms during an outage.',
    ],
    [
      'medium',
      'How do ConfigMaps and Secrets work in Kubernetes?',
      'ConfigMaps hold non-sensitive configuration and Secrets hold sensitive values such as passwords and tokens; both can be exposed to Pods as environment variables or mounted files, and mounted files update when the object changes. Secrets are only base64-encoded by default, not encrypted, so enable encryption at rest for etcd, restrict access with RBAC, and consider external secret managers such as Vault or cloud secret stores through operators. Keep configuration out of images so the same image runs in every environment.',
    ],
    [
      'medium',
      'What are resource requests and limits in Kubernetes?',
      "Requests are the CPU and memory a container is guaranteed; the scheduler only places a Pod on a node with enough unreserved capacity for its requests. Limits are the maximum it may use: exceeding the CPU limit causes throttling, while exceeding the memory limit gets the container OOM-killed. Requests and limits together determine the Pod's quality-of-service class, which decides eviction order under node pressure. Setting requests from observed usage is key to stable scheduling and to autoscaling, which is based on utilisation relative to requests.",
    ],
    [
      'hard',
      'How does the Horizontal Pod Autoscaler work?',
      'The HPA periodically reads metrics, by default CPU or memory utilisation from the metrics server, and computes the desired replica count as current replicas times current value divided by target value, within configured minimum and maximum bounds. It can also scale on custom or external metrics such as queue length or requests per second, through an adapter or KEDA. Stabilisation windows and scaling policies prevent flapping. It relies on resource requests being set, and it only adds Pods: the cluster autoscaler must add nodes when Pods cannot be scheduled.',
    ],
    [
      'hard',
      'How does a rolling update work in Kubernetes, and how do you achieve zero downtime?',
      'When the Pod template of a Deployment changes, it creates a new ReplicaSet and gradually scales it up while scaling the old one down, bounded by maxSurge (extra Pods allowed) and maxUnavailable. For zero downtime, readiness probes must only pass when a new Pod can really serve, so traffic is not sent too early, and old Pods must shut down gracefully: handle SIGTERM, stop accepting work, finish in-flight requests within terminationGracePeriodSeconds, often with a short preStop delay for endpoint propagation. PodDisruptionBudgets protect capacity during node maintenance, and kubectl rollout undo reverts a bad release.',
    ],
    [
      'easy',
      'What is a Namespace in Kubernetes, and what is it used for?',
      'A Namespace is a virtual partition of a cluster that scopes resource names, so two teams or environments can each have a Deployment called api. Namespaces are the unit for access control with RBAC, resource quotas and limit ranges, and network policies often use them as boundaries. Some resources, such as nodes and persistent volumes, are cluster-scoped and not namespaced. Namespaces provide organisation and soft multi-tenancy, not strong security isolation.',
    ],
    [
      'medium',
      'What is the difference between a Deployment, a StatefulSet and a DaemonSet?',
      'A Deployment runs interchangeable, stateless Pods with random names that can be replaced and scaled freely, which suits web servers and APIs. A StatefulSet gives each Pod a stable identity (app-0, app-1), a stable network name through a headless Service, and its own persistent volume that follows it when rescheduled, and it starts and stops Pods in order; it suits databases and clustered systems like Kafka. A DaemonSet runs one Pod on every node, or on selected nodes, which suits node-level agents such as log shippers, monitoring exporters and network plugins. Jobs and CronJobs cover run-to-completion and scheduled work.',
    ],
    [
      'medium',
      'How does persistent storage work in Kubernetes?',
      'Pods request storage through a PersistentVolumeClaim that specifies size, access mode and a StorageClass. The StorageClass dynamically provisions a matching PersistentVolume from the underlying storage, such as a cloud disk, and binds it to the claim; the Pod then mounts the claim as a volume. Access modes such as ReadWriteOnce (one node) or ReadWriteMany (many nodes) depend on the storage backend. The reclaim policy decides whether the volume is deleted or retained when the claim is removed, and StatefulSets create one claim per replica through volume claim templates.',
    ],
    [
      'hard',
      'How would you troubleshoot a Pod stuck in CrashLoopBackOff or Pending?',
      'Start with kubectl describe pod, whose events show scheduling failures, image pull errors, failing probes and OOM kills, and kubectl logs --previous for the output of the crashed container. Pending usually means the scheduler cannot place the Pod: insufficient CPU or memory for its requests, node selectors, taints or affinity rules that nothing satisfies, or an unbound PersistentVolumeClaim. CrashLoopBackOff means the container starts and exits repeatedly: check the exit code and reason (OOMKilled, application errors, a missing configuration or secret), and whether a liveness probe is killing a slow-starting app. kubectl get events and kubectl debug with an ephemeral container help further.',
    ],
  ],
};

export const cicd: BankTopic = {
  id: 'ci-cd',
  label: 'CI/CD',
  entries: [
    [
      'easy',
      'What is the difference between continuous integration, continuous delivery and continuous deployment?',
      'Continuous integration means developers merge small changes into the main branch frequently, and every change is automatically built and tested so integration problems surface within minutes. Continuous delivery extends this so every change that passes the pipeline is releasable, and production deployment is a one-click, low-risk decision. Continuous deployment goes one step further: every change that passes is deployed to production automatically, with no manual gate. All three rely on a strong automated test suite and small batches.',
    ],
    [
      'easy',
      'What stages does a typical CI/CD pipeline have?',
      'A typical pipeline checks out the code, installs dependencies from a lock file, then runs linting, type checks and unit tests for fast feedback. Next it builds an artifact, such as a container image tagged with the commit SHA, runs integration tests, and scans dependencies and images for vulnerabilities. The same artifact is deployed to staging for end-to-end or smoke tests, and then promoted to production, with monitoring and an easy rollback. Failing fast early and building once, deploying many times, are the key principles.',
    ],
    [
      'easy',
      'Why should a build artifact be built once and promoted across environments?',
      'Building once, for example one Docker image tagged by commit, and deploying that same artifact to test, staging and production guarantees that what you tested is exactly what you release. Rebuilding per environment can pull different dependency versions or base images and introduce untested differences. Environment-specific settings should come from configuration and secrets injected at deploy time, not from different builds. This also makes rollbacks trivial: redeploy the previous artifact.',
    ],
    [
      'medium',
      'How do you keep a CI pipeline fast?',
      'Cache dependencies and build layers between runs, keyed by lock-file hashes. Run independent jobs in parallel and split large test suites across runners, and order stages so cheap checks such as lint and unit tests fail first. Only run what changed in monorepos, using affected-project detection, and keep slow end-to-end suites for merges or nightly runs, while ensuring the critical paths are still covered on every change. Track pipeline duration and flaky tests as metrics, and quarantine and fix flaky tests quickly because they destroy trust in CI.',
    ],
    [
      'medium',
      'What are blue-green deployments and canary releases?',
      'In a blue-green deployment, two identical environments exist: the new version is deployed to the idle one, tested, and then traffic is switched over all at once, with instant rollback by switching back; the cost is double capacity during the switch. A canary release sends a small percentage of traffic to the new version first, watches error rates and latency, and gradually increases the share if the metrics stay healthy, which limits the impact of a bad release. Both need backward-compatible database changes, because old and new versions run against the same data during the transition.',
    ],
    [
      'medium',
      'How should secrets be handled in CI/CD pipelines?',
      "Never commit secrets to the repository; store them in the CI system's encrypted secrets store or an external manager such as Vault or a cloud secrets manager, and inject them as masked environment variables only into the jobs that need them. Prefer short-lived credentials, for example OIDC federation from GitHub Actions to AWS instead of long-lived access keys. Limit secrets on untrusted pull requests from forks, scope them per environment with protected branches and approvals, and rotate them regularly. Secret scanning tools catch accidental commits.",
    ],
    [
      'medium',
      'What are feature flags, and how do they help with continuous delivery?',
      'Feature flags are runtime switches that turn code paths on or off without redeploying. They decouple deployment from release: unfinished work can be merged into main and deployed while hidden, which enables trunk-based development. They also allow gradual rollouts to a percentage of users, A/B tests, per-customer enablement and an instant kill switch if something goes wrong. The cost is complexity, so flags need owners and expiry dates and should be removed once a feature is fully launched.',
    ],
    [
      'hard',
      'How do you run database migrations safely in a continuous deployment pipeline?',
      'Migrations must be backward compatible with the version of the code still running, because during a rolling deployment old and new versions use the same database. Use the expand and contract pattern: first add new columns or tables (expand), deploy code that writes to both and reads the new structure, backfill data in batches, and only in a later release remove the old structure (contract). Avoid long locking operations on large tables, for example by creating indexes concurrently. Run migrations as a separate, idempotent pipeline step before the new code rolls out, and test them against production-like data.',
    ],
    [
      'hard',
      'How would you design a pipeline for a monorepo with many services?',
      'Use a build tool that understands the dependency graph, such as Nx, Turborepo or Bazel, so each change builds and tests only the affected projects and their dependents. Remote caching shares build and test results between CI runs and developers. Each deployable service produces its own versioned artifact and deploys independently, while shared libraries are tested against all their consumers. Enforce ownership with CODEOWNERS and keep pipeline configuration generated or templated, so adding a service does not mean copying YAML.',
    ],
    [
      'hard',
      'How do you secure the software supply chain in CI/CD?',
      'Pin dependencies with lock files and verify their integrity, scan them for known vulnerabilities, and review updates through automated pull requests from tools like Dependabot or Renovate. Pin third-party CI actions to commit SHAs, give pipeline tokens least privilege, and isolate builds of untrusted code. Produce a software bill of materials, sign artifacts and images (for example with Sigstore cosign) and verify signatures at deploy time, following the SLSA framework for provenance. Protect the main branch with required reviews and status checks so no single person can push unreviewed code to production.',
    ],
    [
      'easy',
      'What is a build matrix in CI?',
      'A build matrix runs the same job across combinations of parameters, such as several language versions, operating systems or database versions, in parallel. For example, a library might be tested on Node 18, 20 and 22, on both Linux and Windows, from a single job definition. It catches compatibility issues early without duplicating configuration. Matrices can grow quickly, so include only combinations you actually support, and use exclude or include rules to trim them.',
    ],
    [
      'medium',
      'What makes tests flaky in CI, and how do you deal with them?',
      'Flaky tests pass and fail without code changes, typically because of timing assumptions and fixed sleeps, shared state between tests, test order dependence, reliance on real network services, time zones or current dates, and resource contention when tests run in parallel. Fix them by waiting for conditions rather than sleeping, isolating data per test, faking time and external services, and making tests deterministic. Track flaky tests, quarantine them quickly with a ticket and an owner so they do not block everyone, and fix the root cause, because retries only hide the problem.',
    ],
  ],
};
