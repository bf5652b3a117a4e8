import type { BankTopic } from './types';

export const cloud: BankTopic = {
  id: 'cloud',
  label: 'Cloud & AWS',
  entries: [
    [
      'easy',
      'What are IaaS, PaaS and SaaS?',
      'Infrastructure as a Service provides virtual machines, storage and networks, and you manage the operating system and everything above it, for example EC2. Platform as a Service runs your application code or containers while the provider manages servers, scaling and patching, for example Elastic Beanstalk, App Runner or Heroku. Software as a Service is a complete application used over the internet, such as Gmail or Salesforce. Moving up the stack, you give up control in exchange for less operational work.',
    ],
    [
      'easy',
      'What are regions and availability zones in AWS?',
      'A region is a separate geographic area, such as eu-west-1, containing several availability zones; each availability zone is one or more data centres with independent power, cooling and networking, connected to the others with low-latency links. Deploying across multiple availability zones protects against the failure of one data centre, and it is the baseline for high availability. Multi-region deployments protect against regional outages and reduce latency for distant users, at much higher complexity and cost. Data residency requirements also influence region choice.',
    ],
    [
      'easy',
      'What is Amazon S3, and what are its storage classes?',
      'S3 is object storage: you store objects (files plus metadata) in buckets and access them by key over HTTP, with virtually unlimited capacity and eleven nines of durability. Storage classes trade cost against access: Standard for frequently accessed data, Intelligent-Tiering for unknown patterns, Standard-IA and One Zone-IA for infrequent access, and the Glacier classes for archives with retrieval delays. Lifecycle rules move or expire objects automatically. Buckets should block public access by default, and presigned URLs grant temporary access to individual objects.',
    ],
    [
      'medium',
      'How does IAM work in AWS, and what is the principle of least privilege?',
      'IAM controls who can do what on which resources: users, groups and roles get permissions through JSON policies that allow or deny actions on resources, optionally under conditions. Workloads such as EC2 instances, Lambda functions and CI pipelines should assume roles that provide temporary credentials instead of using long-lived access keys. Least privilege means granting only the permissions a principal actually needs, scoped to specific resources, and reviewing them regularly with tools like IAM Access Analyzer. An explicit deny always overrides an allow, and organisation-level service control policies set guardrails for whole accounts.',
    ],
    [
      'medium',
      'When would you choose serverless functions such as AWS Lambda over containers?',
      'Lambda suits event-driven, spiky or low-traffic workloads: you pay per invocation and duration, it scales automatically from zero, and there are no servers to manage. Typical uses are reacting to S3 uploads or queue messages, scheduled tasks and lightweight APIs. The limits are cold-start latency, a 15-minute maximum execution time, limited control of the runtime, and costs that can exceed containers at high sustained load. Containers on ECS, EKS or Fargate suit long-running services, steady traffic, or workloads needing more control.',
    ],
    [
      'medium',
      'What is a VPC, and what are public and private subnets?',
      'A Virtual Private Cloud is your isolated network in AWS, with its own IP range divided into subnets, each in one availability zone. A public subnet has a route to an internet gateway, so resources with public IPs there, such as load balancers, are reachable from the internet. A private subnet has no direct route in; its resources, such as application servers and databases, reach the internet outbound through a NAT gateway. Security groups act as stateful firewalls per resource, and network ACLs as stateless filters per subnet.',
    ],
    [
      'medium',
      'How would you design a highly available web application on AWS?',
      'Put an Application Load Balancer in front of application instances or containers running in an auto-scaling group across at least two availability zones, with health checks replacing unhealthy ones. Use a managed database such as RDS Multi-AZ or Aurora, with automatic failover and read replicas, and ElastiCache for caching and sessions, keeping the application servers stateless. Serve static assets from S3 through CloudFront, and use Route 53 health checks for DNS failover. Infrastructure as code, backups, monitoring with CloudWatch alarms and regular failover tests complete the design.',
    ],
    [
      'medium',
      'What is infrastructure as code, and what are its benefits?',
      'Infrastructure as code describes servers, networks, databases and permissions in version-controlled files, using tools such as Terraform, CloudFormation, the AWS CDK or Pulumi, instead of clicking in a console. Environments become reproducible and consistent, changes are reviewed in pull requests and applied by pipelines, and history shows who changed what. Terraform keeps a state file mapping the code to real resources, which must be stored remotely with locking for team use. Drift detection reveals manual changes made outside the code.',
    ],
    [
      'hard',
      'How do you control and reduce cloud costs?',
      'Start with visibility: tag resources by team and project, and use cost explorer reports and budget alerts. Right-size over-provisioned instances and databases based on utilisation, shut down idle and non-production resources outside working hours, and delete unattached volumes, old snapshots and unused load balancers. Use Savings Plans or reserved instances for steady baseline load and spot instances for fault-tolerant batch work. Architectural choices matter most: data transfer and NAT gateway charges, storage lifecycle policies, caching and serverless for spiky workloads.',
    ],
    [
      'hard',
      'What is the difference between SQS, SNS and EventBridge, and when would you use each?',
      'SQS is a message queue: producers send messages that consumers poll and delete after processing, giving buffering, retries and dead-letter queues, with standard queues (at-least-once, best-effort order) or FIFO queues (ordered, deduplicated). SNS is publish/subscribe: one message is pushed to many subscribers, such as SQS queues, Lambda functions, HTTP endpoints or email, and the SNS-to-many-SQS fan-out is a common pattern. EventBridge is an event bus with content-based routing rules, schema discovery and integrations with AWS services and SaaS sources. Use SQS to decouple a producer from a worker, SNS to broadcast, and EventBridge for event-driven architectures with many routed event types.',
    ],
    [
      'hard',
      'How would you plan disaster recovery in the cloud?',
      'Start from business requirements: the recovery time objective (how long you can be down) and the recovery point objective (how much data you can lose). Strategies range from backup and restore (cheapest, slowest), through pilot light (core data replicated, minimal infrastructure ready) and warm standby (a scaled-down copy running), to multi-site active-active (fastest, most expensive). Back up to another region and account, replicate databases across regions where needed, and keep everything defined as code so the environment can be recreated. Most importantly, test recovery regularly, because untested backups often fail.',
    ],
    [
      'easy',
      'What is a CDN, and why use one?',
      'A content delivery network caches content on edge servers located close to users around the world, for example CloudFront, Cloudflare or Fastly. Users get static assets such as images, scripts and videos from a nearby edge, reducing latency and load on the origin servers. CDNs also terminate TLS, absorb traffic spikes and DDoS attacks, and can cache API responses or run code at the edge. Cache-Control headers and versioned file names control what is cached and for how long.',
    ],
    [
      'medium',
      'What is the shared responsibility model in cloud computing?',
      'The cloud provider is responsible for security of the cloud: the physical data centres, hardware, network and the virtualisation layer, plus the underlying infrastructure of managed services. The customer is responsible for security in the cloud: their data, identity and access management, operating system patching on virtual machines, network configuration such as security groups, encryption settings and application code. The split shifts with the service type: with managed services such as databases or serverless functions, the provider takes on more, such as OS patching. Most cloud breaches come from customer-side misconfiguration, like public storage buckets or leaked keys.',
    ],
  ],
};

export const linux: BankTopic = {
  id: 'linux',
  label: 'Linux',
  entries: [
    [
      'easy',
      'How do Linux file permissions work?',
      'Every file has an owner, a group, and read, write and execute permissions for the owner, the group and others, shown by ls -l as, for example, rwxr-x---. In octal each triple sums r=4, w=2, x=1, so chmod 750 gives the owner full access, the group read and execute, and others nothing. On directories, read lists the entries, write creates or deletes them, and execute allows entering the directory. chown changes the owner and group; the setuid, setgid and sticky bits add special behaviours, such as the sticky bit on /tmp.',
    ],
    [
      'easy',
      'What is the difference between a process and a thread in Linux?',
      'A process is a running program with its own virtual address space, file descriptors and resources, isolated from other processes. Threads run within a process and share its memory and open files, but each has its own stack and registers, so communication between threads is cheap but requires synchronisation. On Linux both are created through the clone system call with different sharing flags, and the scheduler treats them similarly as tasks. Processes give isolation and fault containment; threads give lightweight concurrency.',
    ],
    [
      'easy',
      'How do you find which process is using a port or consuming the most CPU?',
      'ss -ltnp (or the older netstat -tulpn) lists listening TCP sockets with the owning process, and lsof -i :8080 shows what holds port 8080. top or htop show processes sorted by CPU or memory usage in real time, and ps aux --sort=-%cpu | head gives a snapshot. For deeper analysis, pidstat shows per-process statistics over time, and strace or perf show what a process is actually doing. kill sends a signal to a PID, SIGTERM by default, with SIGKILL as the last resort.',
    ],
    [
      'medium',
      'What are Linux signals, and what is the difference between SIGTERM and SIGKILL?',
      'Signals are asynchronous notifications sent to processes, such as SIGINT from Ctrl+C, SIGHUP when a terminal closes (often used to reload configuration), and SIGCHLD when a child exits. SIGTERM asks a process to terminate, and the process can catch it to shut down gracefully: finish requests, flush data and close connections. SIGKILL cannot be caught or ignored; the kernel stops the process immediately, so there is no cleanup. Container platforms send SIGTERM first and SIGKILL after a grace period, so applications should handle SIGTERM.',
    ],
    [
      'medium',
      'What are inodes, and what is the difference between hard and soft links?',
      "An inode stores a file's metadata, such as its owner, permissions, size and the location of its data blocks, but not its name; directory entries map names to inode numbers. A hard link is another directory entry pointing to the same inode, so both names are equally the file, and the data is freed only when the last link is removed; hard links cannot cross filesystems or normally point to directories. A symbolic (soft) link is a separate small file containing a path, so it can cross filesystems and point to directories, but it breaks if the target is moved or deleted. A disk can also run out of inodes while still having free space.",
    ],
    [
      'medium',
      'How would you troubleshoot a Linux server that has become slow?',
      'Start with uptime and top to check load average, CPU usage, and whether time is going to user, system or I/O wait. free -m and vmstat reveal memory pressure and swapping, iostat -x shows disk saturation, and df -h and df -i check for full disks or exhausted inodes. dmesg and journalctl reveal kernel messages such as OOM kills or hardware errors, and ss or netstat show connection counts. Once you identify the resource under pressure, drill into the responsible process with pidstat, strace or perf.',
    ],
    [
      'medium',
      'What is systemd, and how do you manage a service with it?',
      'systemd is the init system and service manager on most Linux distributions: it starts as PID 1, brings up services in dependency order, and supervises them. A service is described by a unit file with ExecStart, Restart policy, User, environment and dependencies such as After=network-online.target. systemctl start, stop, restart, enable (start at boot) and status manage services, and journalctl -u name shows their logs. Restart=on-failure gives automatic recovery, and settings like resource limits and sandboxing options harden the service.',
    ],
    [
      'medium',
      'What do pipes and redirection do in the shell? Give examples.',
      'A pipe (|) connects the standard output of one command to the standard input of the next, so small tools combine into pipelines, for example grep ERROR app.log | sort | uniq -c | sort -rn | head counts the most frequent error lines. Redirection sends output to files: > overwrites, >> appends, 2> redirects standard error, and 2>&1 merges standard error into standard output. < feeds a file to standard input, and here-documents supply inline input. Checking exit codes, with set -o pipefail in scripts, makes failures inside pipelines visible.',
    ],
    [
      'hard',
      'What happens when you run a command in a Linux shell?',
      'The shell parses the line, expanding variables, globs and aliases, and looks the command up as a builtin, a function or an executable on the PATH. For an external program it calls fork to create a child process and then execve in the child, which replaces the process image with the program, loaded by the kernel along with the dynamic linker for shared libraries. Redirections and pipes are set up in the child before exec by rearranging file descriptors. The parent waits for the child to exit (unless it was started in the background with &) and stores its exit status in $?.',
    ],
    [
      'hard',
      'How does Linux memory management work, including virtual memory, the page cache and the OOM killer?',
      'Each process sees its own virtual address space, mapped to physical memory in pages through page tables, with pages loaded lazily on first access and shared where possible, for example libraries and copy-on-write after fork. Free memory is used for the page cache to speed up file access, so low "free" memory is normal; "available" is the figure that matters. Under pressure, the kernel reclaims cache and swaps out anonymous pages, and if it still cannot satisfy allocations, the OOM killer terminates the process with the highest badness score. Containers hit the same mechanism at their cgroup memory limit.',
    ],
    [
      'hard',
      'How do namespaces and cgroups make containers possible?',
      'Namespaces give a process its own isolated view of a system resource: PID (its own process tree), network (its own interfaces and ports), mount (its own filesystem tree), UTS (hostname), IPC and user namespaces, which map container root to an unprivileged host user. Control groups (cgroups) limit and account for resource usage such as CPU, memory, I/O and the number of processes for a group of processes. A container is essentially a process started in new namespaces, confined by cgroups, with a separate root filesystem, and further restricted by capabilities and seccomp filters. No separate kernel is involved, which is why containers are lightweight.',
    ],
    [
      'hard',
      'What are file descriptors, and what causes "too many open files" errors?',
      'A file descriptor is a small integer a process uses to refer to an open file, socket, pipe or other kernel object; 0, 1 and 2 are standard input, output and error. Each process has a limit (ulimit -n, or LimitNOFILE for systemd services), and there is also a system-wide limit. "Too many open files" means the process hit its limit, either because it legitimately needs many connections, in which case you raise the limit, or more often because of a leak, such as files or sockets not being closed. ls /proc/<pid>/fd or lsof -p <pid> shows what is open, to find the leak.',
    ],
    [
      'easy',
      'What are environment variables in Linux, and how are they set and inherited?',
      "Environment variables are key-value pairs passed to every process, such as PATH, HOME and application settings like DATABASE_URL. In a shell, VAR=value sets a shell variable, export makes it part of the environment inherited by child processes, and VAR=value command sets it for one command only. A child inherits a copy of its parent's environment and cannot change the parent's. Persistent settings go in shell profiles such as ~/.bashrc, in /etc/environment, or in a systemd unit's Environment directives; env or printenv lists them.",
    ],
  ],
};

export const networking: BankTopic = {
  id: 'networking',
  label: 'Networking & HTTP',
  entries: [
    [
      'easy',
      'What is the difference between TCP and UDP?',
      'TCP is connection-oriented: it sets up a connection with a three-way handshake and provides reliable, ordered delivery with retransmission, flow control and congestion control. UDP is connectionless: it sends independent datagrams with no guarantee of delivery or order, which gives lower overhead and latency. TCP suits web traffic, databases and file transfer, where every byte must arrive correctly. UDP suits real-time traffic such as video calls, gaming and DNS queries, and it is the basis of QUIC, which implements reliability in user space.',
    ],
    [
      'easy',
      'What happens when you type a URL into a browser and press Enter?',
      'The browser parses the URL and resolves the domain to an IP address through DNS, checking caches first. It opens a TCP connection to the server (or QUIC for HTTP/3) and performs a TLS handshake for HTTPS, verifying the certificate. It sends an HTTP request, and the server, possibly behind a CDN and load balancer, returns a response with status, headers and HTML. The browser parses the HTML, fetches CSS, JavaScript and images, builds the DOM and CSSOM, runs scripts, and then lays out and paints the page.',
    ],
    [
      'easy',
      'How does DNS work?',
      "DNS translates domain names into IP addresses. A client asks a recursive resolver, usually its ISP's or a public one such as 1.1.1.1, which checks its cache; on a miss it asks a root server, which refers it to the top-level domain servers (for example .com), which refer it to the domain's authoritative nameservers, which return the record. Records include A and AAAA (IPv4 and IPv6 addresses), CNAME (alias), MX (mail servers), TXT and NS. Each answer carries a TTL that controls how long it may be cached, which is why DNS changes take time to propagate.",
    ],
    [
      'easy',
      'What is the difference between HTTP and HTTPS?',
      'HTTPS is HTTP carried over TLS, which encrypts the traffic so eavesdroppers cannot read it, protects its integrity so it cannot be modified in transit, and authenticates the server through a certificate signed by a trusted certificate authority. Plain HTTP sends everything, including passwords and cookies, in clear text. Modern browsers mark HTTP pages as not secure, and many features such as service workers and HTTP/2 in browsers require HTTPS. HSTS tells browsers to always use HTTPS for a domain.',
    ],
    [
      'medium',
      'What happens during a TLS handshake?',
      'In TLS 1.3, the client sends a ClientHello with supported cipher suites and a key share for an ephemeral Diffie-Hellman exchange. The server replies with its own key share and its certificate chain, proving possession of the private key with a signature, and both sides derive the same session keys. The client verifies that the certificate chains to a trusted root, is valid for the hostname, and has not expired, and from then on traffic is encrypted with symmetric keys. TLS 1.3 completes in one round trip, and session resumption can even allow zero round trips.',
    ],
    [
      'medium',
      'What are the differences between HTTP/1.1, HTTP/2 and HTTP/3?',
      'HTTP/1.1 is a text protocol that processes one request at a time per connection, so browsers open several connections, and a slow response blocks those behind it. HTTP/2 is binary and multiplexes many concurrent streams over one TCP connection, with header compression (HPACK) and prioritisation, but a lost TCP packet still stalls all streams. HTTP/3 runs over QUIC on UDP, where streams are independent so packet loss only delays the affected stream, and it combines the transport and TLS handshakes for faster connection setup. It also supports connection migration when a device changes networks.',
    ],
    [
      'medium',
      'What is CORS, and how does it work?',
      "Cross-Origin Resource Sharing is how a server tells browsers that a web page from another origin (scheme, host and port) may read its responses, relaxing the same-origin policy. For simple requests, the browser sends an Origin header and checks that the response's Access-Control-Allow-Origin matches. For other requests, such as those with JSON content types, custom headers or methods like PUT, the browser first sends an OPTIONS preflight, and the server answers with allowed methods, headers and a max age. Cookies require Access-Control-Allow-Credentials and an explicit origin, never the wildcard; CORS is a browser protection and does not stop non-browser clients.",
    ],
    [
      'medium',
      'How do HTTP caching headers work?',
      'Cache-Control governs caching: max-age sets freshness in seconds, no-cache requires revalidation before each use, no-store forbids storing, private restricts to the browser cache, and public or s-maxage allow shared caches such as CDNs. When a cached response is stale, the client revalidates with a conditional request, using If-None-Match with the ETag or If-Modified-Since with Last-Modified, and the server answers 304 Not Modified if nothing changed, saving the body transfer. Static assets with content hashes in their file names can be cached for a year with immutable. Vary tells caches which request headers change the response.',
    ],
    [
      'hard',
      'How does TCP congestion control work?',
      'TCP limits how much unacknowledged data it sends using a congestion window. In slow start, the window grows exponentially from a small initial value until it reaches a threshold or loss occurs; then congestion avoidance grows it roughly linearly. Packet loss, detected by a timeout or duplicate acknowledgements, is treated as a congestion signal: the window is cut back, by half with fast recovery in Reno-style algorithms. Modern algorithms such as CUBIC, the Linux default, and BBR, which models bottleneck bandwidth and round-trip time instead of reacting to loss, improve throughput on fast, long-distance links.',
    ],
    [
      'hard',
      'What are WebSockets, and how do they compare with server-sent events and long polling?',
      "A WebSocket starts as an HTTP request with an Upgrade header and becomes a persistent, full-duplex connection over which both sides send messages at any time, with low overhead, making it ideal for chat, collaborative editing and games. Server-sent events keep an HTTP response open and stream events from the server to the client only, with automatic reconnection built into the browser, which is simpler and enough for notifications and live feeds. Long polling holds each request until there is data, then the client immediately reconnects, which works everywhere but is less efficient. With many servers, persistent connections need a pub/sub layer, such as Redis, to deliver messages to whichever server holds the user's connection.",
    ],
    [
      'hard',
      'What is the difference between a forward proxy and a reverse proxy?',
      "A forward proxy acts on behalf of clients: clients send their requests through it to reach arbitrary servers, and it is used for corporate egress filtering, caching and anonymity, with servers seeing the proxy's address. A reverse proxy acts on behalf of servers: clients connect to it thinking it is the server, and it forwards requests to backend servers. Reverse proxies such as Nginx, HAProxy or Envoy provide load balancing, TLS termination, caching, compression, rate limiting and routing by path or host. They pass the original client address in headers such as X-Forwarded-For, which applications must only trust from known proxies.",
    ],
    [
      'medium',
      'What is the difference between the OSI model and the TCP/IP model?',
      "The OSI model has seven layers: physical, data link, network, transport, session, presentation and application. The TCP/IP model, which the internet actually uses, has four: link, internet (IP), transport (TCP and UDP) and application, with OSI's session and presentation roles folded into the application. The layers help reason about where a problem lies: a cable fault is layer 1, a MAC address issue layer 2, routing layer 3, ports and connections layer 4, and HTTP layer 7. Load balancers are described as layer 4 or layer 7 for the same reason.",
    ],
    [
      'easy',
      'What are IP addresses, subnets and CIDR notation?',
      'An IPv4 address is a 32-bit number written as four octets, such as 192.168.1.10, and IPv6 uses 128 bits to provide vastly more addresses. CIDR notation describes a network by its prefix length: 10.0.0.0/16 means the first 16 bits identify the network, giving 65,536 addresses, while a /24 gives 256. Hosts on the same subnet talk directly, and traffic to other networks goes through a router, the default gateway. Private ranges such as 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 are not routed on the internet and reach it through NAT.',
    ],
  ],
};
