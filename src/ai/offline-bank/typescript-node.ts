import type { BankTopic } from './types';

export const typescript: BankTopic = {
  id: 'typescript',
  label: 'TypeScript',
  entries: [
    [
      'easy',
      'What is TypeScript and what problems does it solve?',
      'TypeScript is a superset of JavaScript that adds a static type system and compiles to plain JavaScript. Types catch a whole class of errors at compile time, such as calling a method that does not exist or passing the wrong argument, before the code runs. They also power editor tooling: autocompletion, safe refactoring and inline documentation. Types are erased at compile time, so they add no runtime cost but also no runtime validation of external data.',
    ],
    [
      'easy',
      'What is the difference between an interface and a type alias in TypeScript?',
      'Both can describe object shapes, and in most cases they are interchangeable. Interfaces can be reopened and merged by declaring them again (declaration merging) and are extended with extends, which gives clear error messages for object-oriented hierarchies. Type aliases can name any type, including unions, intersections, tuples, primitives and mapped or conditional types, which interfaces cannot express. A common convention is interfaces for public object contracts and type aliases for unions and computed types.',
    ],
    [
      'easy',
      'What is the difference between any, unknown and never?',
      'any switches type checking off: anything can be assigned to it and any operation on it is allowed, so errors slip through. unknown also accepts any value, but you must narrow it (with typeof, instanceof or a type guard) before using it, which makes it the safe type for data of unknown shape such as JSON.parse results. never is the type with no values: the return type of functions that always throw or never return, and the type left after all cases of a union have been handled. Assigning to never is used for exhaustiveness checks in switch statements.',
    ],
    [
      'easy',
      'What are union and intersection types?',
      'A union type A | B means a value can be either A or B; you can only use members common to both until you narrow it, for example with typeof or a discriminant property. An intersection type A & B means the value is both A and B at once, having all members of each, which is useful for combining object types. Unions model alternatives like string | number or success and error results, while intersections model composition such as mixing in extra properties.',
    ],
    [
      'medium',
      'What are generics in TypeScript? Give an example.',
      'Generics let a function, class or type work with many types while keeping the relationship between them, instead of losing information with any. For example, function first<T>(items: T[]): T | undefined { return items[0]; } returns a number for a number[] and a string for a string[]. Constraints such as <T extends { id: string }> restrict what T can be so that you can use its properties. Generics are how collections, Promise<T>, React hooks and typed API clients stay type-safe.',
    ],
    [
      'medium',
      'What is type narrowing, and what are discriminated unions?',
      'Narrowing is how TypeScript refines a broad type to a more specific one inside a branch, based on checks like typeof, instanceof, in, equality checks and user-defined type guards (functions returning x is T). A discriminated union is a union of object types that share a literal property, such as { kind: "circle"; radius: number } | { kind: "square"; size: number }. Switching on kind narrows to the matching member, so each branch can safely access its specific fields. Adding a default branch that assigns to never makes the compiler report any case you forgot to handle.',
    ],
    [
      'medium',
      'Explain the utility types Partial, Pick, Omit and Record.',
      'Partial<T> makes every property of T optional, which suits update payloads. Pick<T, K> builds a type with only the keys K of T, and Omit<T, K> builds one with all keys except K, for example Omit<User, "password"> for a public view. Record<K, V> describes an object whose keys are K and values are V, such as Record<string, number> for a lookup table. They are all built from mapped types, so you can write your own variants the same way.',
    ],
    [
      'medium',
      'What do the strict compiler options do, for example strictNullChecks and noImplicitAny?',
      'strict turns on a family of checks. strictNullChecks makes null and undefined separate types, so you must handle them before use, which eliminates a huge class of "cannot read property of undefined" bugs. noImplicitAny reports parameters and variables whose type would silently become any. Other members include strictFunctionTypes, strictPropertyInitialization and useUnknownInCatchVariables. New projects should enable strict from the start, because retrofitting it later is far more work.',
    ],
    [
      'medium',
      'What is the difference between type assertions (as) and type guards?',
      'A type assertion such as value as User tells the compiler to trust you; it performs no runtime check, so a wrong assertion just hides a bug until it crashes later. A type guard is a runtime check that the compiler understands, such as typeof x === "string" or a function isUser(x): x is User that inspects the value, so the narrowing is backed by real evidence. Assertions should be rare and justified, for example after validation that TypeScript cannot follow. For external input, validating with a schema library like zod gives both a runtime check and an inferred type.',
    ],
    [
      'hard',
      'What are conditional types and the infer keyword?',
      'A conditional type has the form T extends U ? X : Y and chooses a type based on whether T is assignable to U. When T is a naked type parameter, the condition distributes over unions, so applying it to A | B gives the union of the results. Inside the extends clause, infer declares a type variable that TypeScript fills in by matching, for example type ElementOf<T> = T extends (infer E)[] ? E : never. Built-ins such as ReturnType, Parameters and Awaited are implemented this way.',
    ],
    [
      'hard',
      'What are mapped types and template literal types?',
      'A mapped type iterates over keys to build a new type, for example { [K in keyof T]: T[K] | null }, and can add or remove modifiers with +readonly, -readonly and -?. Key remapping with as lets you rename keys, for example turning name into getName. Template literal types build string literal types from others, such as `on${Capitalize<string & K>}`, and combine with unions to generate every combination. Together they let you derive precise types for things like event handler maps or typed route parameters instead of writing them by hand.',
    ],
    [
      'hard',
      'Explain structural typing in TypeScript and its consequences.',
      'TypeScript checks compatibility by shape, not by name: a value is assignable to a type if it has at least the required members with compatible types, regardless of how it was declared. This fits JavaScript idioms well, but it means two unrelated types with the same shape are interchangeable, so a UserId string and an OrderId string cannot be told apart. Branded types, such as string & { readonly __brand: "UserId" }, simulate nominal typing when that distinction matters. Object literals get an extra excess-property check, which is why passing a literal with an unknown key errors while passing a variable may not.',
    ],
    [
      'hard',
      'What are declaration files (.d.ts), and how do you type a JavaScript library that has none?',
      'A .d.ts file contains only type declarations describing the shape of JavaScript code, with no implementation, and the compiler uses it for checking and tooling. Many libraries ship their own, and others have community types in the DefinitelyTyped project, installed as @types/name. If none exist, you can write a module declaration (declare module "lib" { export function f(x: string): number; }) in a .d.ts file included by tsconfig, starting with just the parts you use. Module augmentation lets you add members to existing declarations, for example adding a user property to Express\'s Request.',
    ],
  ],
};

export const nodejs: BankTopic = {
  id: 'nodejs',
  label: 'Node.js',
  entries: [
    [
      'easy',
      'What is Node.js and why is it suited to I/O-heavy applications?',
      'Node.js is a JavaScript runtime built on the V8 engine that runs JavaScript outside the browser, with libraries for files, networking and processes. It uses a single-threaded event loop with non-blocking I/O, implemented by libuv, so one process can handle many concurrent connections without a thread per request. While a request waits for the database or network, the thread serves others. This makes it efficient for APIs, real-time apps and proxies, but CPU-heavy work blocks the loop and needs worker threads or separate services.',
    ],
    [
      'easy',
      'What is npm, and what are package.json and package-lock.json for?',
      'npm is the Node.js package manager and registry client. package.json describes the project: name, scripts, dependencies and devDependencies with semver ranges, and metadata such as engines. package-lock.json records the exact resolved version and integrity hash of every package in the dependency tree, so every install produces the same tree. It should be committed, and CI should use npm ci, which installs exactly what the lock file says and fails if it is out of sync with package.json.',
    ],
    [
      'easy',
      'What is the difference between CommonJS and ES modules in Node.js?',
      'CommonJS uses require and module.exports, loads modules synchronously, and was the original Node.js module system. ES modules use import and export, are statically analysable (enabling tree shaking), load asynchronously, and support top-level await. Node treats .mjs files, or .js files when package.json has "type": "module", as ES modules. ES modules can import CommonJS modules, while CommonJS has historically needed dynamic import() to load ES modules.',
    ],
    [
      'easy',
      'What is middleware in Express?',
      'Middleware is a function with the signature (req, res, next) that runs in the order it was registered, as part of the request pipeline. Each one can read or modify the request and response, end the response, or call next() to pass control on; calling next(err) skips to error-handling middleware, which has four parameters (err, req, res, next). Typical uses are parsing bodies, logging, authentication, rate limiting and CORS. Order matters: for example, the body parser must run before handlers that read req.body.',
    ],
    [
      'medium',
      'How does the Node.js event loop work, and what are its phases?',
      "The event loop, implemented by libuv, cycles through phases: timers (setTimeout and setInterval callbacks), pending callbacks, poll (retrieve new I/O events and run their callbacks, waiting there if idle), check (setImmediate callbacks) and close callbacks. Between each callback, Node drains the process.nextTick queue and then the promise microtask queue. File system operations, DNS lookups and some crypto run on libuv's thread pool (4 threads by default), while network I/O uses the operating system's non-blocking mechanisms such as epoll. Any long synchronous computation stalls every phase, which is why CPU-heavy work should be offloaded.",
    ],
    [
      'medium',
      'What are streams in Node.js, and why use them?',
      'Streams process data piece by piece instead of loading it all into memory. There are readable, writable, duplex and transform streams, for example file reads, HTTP requests and responses, and gzip compression. They let you handle files larger than memory and start sending output before all input has arrived. Backpressure (write returning false until the drain event) stops a fast producer from overwhelming a slow consumer; stream.pipeline connects streams while handling errors and cleanup correctly.',
    ],
    [
      'medium',
      'How do you handle errors in asynchronous Node.js code?',
      'With async/await, wrap awaited calls in try/catch, or let errors propagate to a central handler; with promises use catch. Callback APIs follow the error-first convention (err, result) and errors must be checked and passed on explicitly. In Express, a central error-handling middleware converts errors to responses (Express 5 forwards rejected promises automatically, Express 4 needs next(err)). Distinguish operational errors, like a failed network call, which you handle, from programmer errors, which are bugs. Log unhandledRejection and uncaughtException, then exit and let the process manager restart, because the process state may be corrupt.',
    ],
    [
      'medium',
      'What is the difference between process.nextTick, setImmediate and setTimeout(fn, 0)?',
      'process.nextTick queues a callback to run right after the current operation, before promise microtasks and before the event loop continues, so recursive nextTick calls can starve I/O. setImmediate runs the callback in the check phase, after the poll phase of the current loop iteration. setTimeout(fn, 0) runs in the timers phase after at least about 1 ms, so its order relative to setImmediate is not guaranteed in the main module but setImmediate always runs first inside an I/O callback. Use setImmediate to yield to I/O, and nextTick sparingly.',
    ],
    [
      'medium',
      'How would you scale a Node.js application across CPU cores and machines?',
      'A single Node.js process runs JavaScript on one core, so you run several processes: the cluster module or a process manager like PM2 on one machine, or multiple containers behind a load balancer across machines. The processes must be stateless, keeping sessions, caches and rate-limit counters in shared stores such as Redis, and using a Redis adapter for WebSocket broadcasts. CPU-heavy tasks go to worker threads or a job queue with separate worker processes. Then you measure: event loop lag, latency percentiles and memory tell you whether to scale out or optimise.',
    ],
    [
      'hard',
      'What are worker threads, and when should you use them instead of child processes or clustering?',
      'worker_threads run JavaScript in separate V8 isolates within the same process, each with its own event loop, communicating through message passing and optionally sharing memory with SharedArrayBuffer and Atomics. They suit CPU-bound work such as image processing, parsing or hashing that would otherwise block the main event loop. Clustering, by contrast, runs separate processes to scale request handling across cores, and child processes run separate programs with full isolation. Workers are not useful for I/O-bound work, which the event loop already handles well, and a pool such as piscina avoids the cost of starting a worker per task.',
    ],
    [
      'hard',
      'How do you find and fix a memory leak in a Node.js service?',
      'First confirm it: heap used keeps growing across garbage collections under steady load, visible in metrics or process.memoryUsage(). Take heap snapshots at intervals (with --inspect and Chrome DevTools, or v8.writeHeapSnapshot) and compare them to see which object types keep growing and what retains them. Typical causes are unbounded in-memory caches, listeners added per request and never removed, global arrays, closures holding large objects, and timers never cleared. Fix the retention path, add bounds such as an LRU cache with a maximum size, and add a load test that checks memory stays flat.',
    ],
    [
      'hard',
      'How do you implement graceful shutdown in a Node.js HTTP service?',
      'Listen for SIGTERM and SIGINT; when one arrives, stop accepting new connections with server.close(), and mark the instance not ready so the load balancer stops routing to it. Let in-flight requests finish, closing idle keep-alive connections, with a deadline after which remaining connections are destroyed. Then stop background consumers such as queue workers (finishing or releasing active jobs), and close database, Redis and other connections before exiting with code 0. Without this, deploys cut requests mid-flight and can leave jobs half done.',
    ],
    [
      'hard',
      'How does the libuv thread pool affect Node.js performance?',
      "Some operations that have no non-blocking OS API run on libuv's thread pool: file system calls, dns.lookup, zlib compression and CPU-heavy crypto like pbkdf2 and scrypt. The pool has 4 threads by default (UV_THREADPOOL_SIZE, up to 1024), so a burst of bcrypt hashes or file reads can queue behind each other and add latency to unrelated operations that also use the pool. Network sockets do not use the pool. Diagnose it by measuring latency under load, then increase the pool size, reduce such work on hot paths, or move it to dedicated workers.",
    ],
  ],
};
