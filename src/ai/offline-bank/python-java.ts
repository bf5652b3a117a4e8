import type { BankTopic } from './types';

export const python: BankTopic = {
  id: 'python',
  label: 'Python',
  entries: [
    [
      'easy',
      'What is the difference between a list and a tuple in Python?',
      'Lists are mutable: you can append, remove and change elements. Tuples are immutable once created, which makes them hashable when their elements are hashable, so they can be dictionary keys or set members. Tuples are commonly used for fixed records, such as returning several values from a function, and lists for collections that change. Tuples are also slightly smaller and faster to create.',
    ],
    [
      'easy',
      'What are list comprehensions and generator expressions?',
      'A list comprehension builds a list in one expression, for example [x * x for x in nums if x > 0], and is usually clearer and faster than an equivalent loop with append. A generator expression uses parentheses, (x * x for x in nums), and produces values lazily one at a time instead of building the whole list in memory. Generators suit large or infinite sequences and pipelines like sum(x * x for x in nums). Dictionary and set comprehensions follow the same syntax with braces.',
    ],
    [
      'easy',
      'What do *args and **kwargs mean in a Python function definition?',
      '*args collects any extra positional arguments into a tuple, and **kwargs collects any extra keyword arguments into a dictionary. They let a function accept a variable number of arguments, which is common in wrappers and decorators that forward arguments to another function. The same symbols unpack at call time: f(*items, **options) spreads a sequence into positional arguments and a dict into keyword arguments. The names args and kwargs are only a convention; the asterisks are what matter.',
    ],
    [
      'easy',
      'What is the difference between is and == in Python?',
      '== compares values by calling __eq__, so two different lists with the same contents are equal. is compares identity: whether both names refer to the very same object in memory. Use is for singletons such as None (x is None), and == for value comparison. Small integers and some strings are cached by CPython, so is may appear to work for them, but relying on that is a bug.',
    ],
    [
      'medium',
      'What are decorators in Python and how do they work?',
      "A decorator is a callable that takes a function and returns a replacement, usually a wrapper that adds behaviour before or after calling the original. The syntax @decorator above def f is shorthand for f = decorator(f). Typical uses are logging, timing, caching (functools.lru_cache), access checks and registering routes in web frameworks. A well-written decorator uses functools.wraps to preserve the original function's name and docstring, and decorators that take arguments add one more level of nesting.",
    ],
    [
      'medium',
      'Explain mutable default arguments in Python and why they are a common bug.',
      'Default argument values are evaluated once, when the function is defined, not each time it is called. So with def add(item, items=[]): the same list object is shared by every call that omits items, and values accumulate between calls. The fix is to default to None and create a new object inside the function: if items is None: items = []. The same applies to dicts, sets and any other mutable default.',
    ],
    [
      'medium',
      'What is the Global Interpreter Lock (GIL), and how does it affect concurrency?',
      'In CPython, the GIL is a lock that allows only one thread to execute Python bytecode at a time. Threads therefore do not speed up CPU-bound Python code, but they still work well for I/O-bound tasks, because the GIL is released while waiting on I/O and in many C extensions such as NumPy. For CPU-bound parallelism, use multiprocessing or concurrent.futures.ProcessPoolExecutor, or push the work into native code. asyncio handles many concurrent I/O operations on a single thread. Recent Python versions offer an experimental free-threaded build without the GIL.',
    ],
    [
      'medium',
      'What are context managers and the with statement?',
      'A context manager defines setup and teardown around a block of code through __enter__ and __exit__. The with statement guarantees __exit__ runs even if the block raises, which is how files are closed, locks released and transactions committed or rolled back, for example with open(path) as f:. You can write one as a class or with the contextlib.contextmanager decorator around a generator that yields once. This replaces error-prone try/finally boilerplate.',
    ],
    [
      'medium',
      'How does Python manage memory?',
      'CPython manages memory mainly by reference counting: each object tracks how many references point to it and is freed immediately when the count reaches zero. Reference cycles, such as two objects pointing at each other, are collected by a generational cyclic garbage collector that runs periodically. Small objects are allocated from a private memory allocator (pymalloc) for speed. Memory problems usually come from long-lived references such as global caches, and tools like tracemalloc help find them.',
    ],
    [
      'hard',
      'How does asyncio work, and when should you use it?',
      'asyncio runs coroutines (async def functions) on a single-threaded event loop; await suspends a coroutine while it waits for I/O, letting the loop run others. It excels at handling thousands of concurrent network operations, such as HTTP calls, websockets or database queries with async drivers, with little overhead. Any blocking call, such as time.sleep, a synchronous HTTP library or CPU-heavy work, blocks the whole loop, so use asyncio.to_thread or a process pool for those. asyncio.gather and TaskGroup run coroutines concurrently and handle their errors.',
    ],
    [
      'hard',
      "Explain Python's method resolution order (MRO) and super() with multiple inheritance.",
      "With multiple inheritance, Python orders the classes to search for attributes using the C3 linearisation, visible as Class.__mro__. It keeps every class before its parents and preserves the order of bases as written, and it fails with an error if no consistent order exists. super() does not simply call the parent: it calls the next class in the MRO of the instance's type. That is what makes cooperative multiple inheritance work, where every class calls super().__init__(**kwargs) so each __init__ in the hierarchy runs exactly once.",
    ],
    [
      'hard',
      'What are descriptors in Python, and how are properties built on them?',
      'A descriptor is an object that defines __get__, __set__ or __delete__ and is stored as a class attribute; attribute access on instances is then routed through those methods. property is a built-in descriptor that calls getter, setter and deleter functions, which is how computed or validated attributes work. Functions are descriptors too: their __get__ binds self, producing bound methods. Data descriptors (with __set__) take precedence over instance dictionaries, while non-data descriptors do not, and ORMs like Django and SQLAlchemy use descriptors to map fields to columns.',
    ],
    [
      'hard',
      'How would you profile and speed up slow Python code?',
      'First measure: cProfile with pstats or snakeviz shows where time goes by function, line_profiler gives line-level detail, and py-spy samples a running process without changing it. Then fix the biggest costs: choose better algorithms and data structures (a set instead of a list for membership tests), avoid repeated work with caching, and move heavy numeric loops into vectorised NumPy or pandas operations. For CPU-bound work, use multiprocessing, or compile hot paths with Cython or Numba. Re-measure after each change to confirm the improvement.',
    ],
  ],
};

export const java: BankTopic = {
  id: 'java',
  label: 'Java',
  entries: [
    [
      'easy',
      'What is the difference between the JDK, the JRE and the JVM?',
      'The JVM (Java Virtual Machine) executes Java bytecode, providing memory management, garbage collection and just-in-time compilation; it is what makes Java portable across platforms. The JRE (Java Runtime Environment) is the JVM plus the standard class libraries needed to run programs. The JDK (Java Development Kit) adds development tools such as the javac compiler, the debugger and jar. Since Java 11, vendors mostly ship the JDK, and jlink can build a trimmed runtime for an application.',
    ],
    [
      'easy',
      'What is the difference between == and equals() in Java?',
      '== compares primitive values, and for objects it compares references, meaning whether both variables point to the same object. equals() compares logical equality as defined by the class; String, for example, compares characters. By default Object.equals is the same as ==, so classes with value semantics should override it. When overriding equals you must also override hashCode, so that equal objects have equal hash codes, or HashMap and HashSet will misbehave.',
    ],
    [
      'easy',
      'What is the difference between an abstract class and an interface in Java?',
      'A class can extend only one abstract class but implement many interfaces. Abstract classes can have constructors, instance fields and state, and methods of any visibility, so they suit sharing common implementation among closely related classes. Interfaces define a contract; since Java 8 they can have default and static methods, and since Java 9 private methods, but no instance state. Prefer interfaces for capabilities shared by unrelated types, and abstract classes for a base with shared state.',
    ],
    [
      'easy',
      'What are checked and unchecked exceptions?',
      'Checked exceptions extend Exception but not RuntimeException, and the compiler forces callers to catch them or declare them with throws, for example IOException. Unchecked exceptions extend RuntimeException, such as NullPointerException or IllegalArgumentException, and usually signal programming errors; they need not be declared. Errors such as OutOfMemoryError indicate serious problems that applications should not normally catch. Checked exceptions suit recoverable conditions the caller must consider, though many modern APIs prefer unchecked ones for simplicity.',
    ],
    [
      'medium',
      'How does HashMap work internally in Java?',
      "HashMap stores entries in an array of buckets. The key's hashCode is spread and masked to choose a bucket, and collisions are stored in a linked list that becomes a balanced red-black tree once a bucket holds more than 8 entries (and the table is large enough), so the worst case is O(log n). Lookups use hashCode to find the bucket and equals to find the key, which is why both must be consistent. When the size exceeds capacity times the load factor (0.75 by default), the table doubles and entries are redistributed. HashMap is not thread-safe; use ConcurrentHashMap for concurrent access.",
    ],
    [
      'medium',
      'Why are Strings immutable in Java, and what are StringBuilder and the string pool?',
      'Immutable strings are safe to share between threads without synchronisation, can cache their hash code (useful as HashMap keys), and cannot be changed after being validated, for example as file paths or class names. String literals are interned in the string pool, so identical literals share one object. Because every modification creates a new String, building strings in a loop with + is wasteful; StringBuilder provides a mutable buffer for that (StringBuffer is the older synchronised version). The compiler already optimises simple concatenations outside loops.',
    ],
    [
      'medium',
      'How does garbage collection work in the JVM?',
      'The JVM reclaims objects that are no longer reachable from GC roots such as thread stacks, static fields and JNI references. Most collectors are generational: new objects are allocated in the young generation, collected frequently and cheaply because most objects die young, and survivors are promoted to the old generation, which is collected less often. G1, the default collector, divides the heap into regions and targets pause-time goals, while ZGC and Shenandoah do most work concurrently for very short pauses. Tuning starts with heap size and choosing a collector, guided by GC logs.',
    ],
    [
      'medium',
      'What are Java streams, and when should you avoid them?',
      'The Stream API, added in Java 8, processes collections declaratively through pipelines of operations such as filter, map and reduce, ending with a terminal operation like collect. Intermediate operations are lazy and only run when a terminal operation is invoked, and parallelStream can split work across the common fork-join pool. Streams make transformations concise and readable, but they add overhead for tiny loops, are harder to debug, and parallel streams can hurt performance for small data or blocking work. Avoid side effects inside stream operations.',
    ],
    [
      'medium',
      'What is dependency injection, and how does Spring implement it?',
      "Dependency injection means an object receives its collaborators from outside instead of constructing them itself, which decouples classes from concrete implementations and makes them easy to test with fakes. Spring's IoC container creates beans (classes marked @Component, @Service, @Repository or declared in @Configuration classes), resolves their dependencies by type, and injects them. Constructor injection is preferred, because dependencies are explicit, fields can be final, and the object is always fully initialised. Scopes such as singleton (the default) and prototype control bean lifetime.",
    ],
    [
      'hard',
      'Explain the Java Memory Model, volatile and happens-before.',
      'The Java Memory Model defines when writes by one thread are guaranteed to be visible to another; without synchronisation, compilers and CPUs may reorder or cache operations, so other threads can see stale values. The guarantees are expressed as happens-before relationships: unlocking a monitor happens-before a later lock of it, a write to a volatile field happens-before later reads of it, and Thread.start and join create edges too. volatile gives visibility and ordering but not atomicity, so count++ on a volatile is still a race. For compound actions use synchronized, locks or the atomic classes.',
    ],
    [
      'hard',
      'How do synchronized, ReentrantLock and the java.util.concurrent utilities compare?',
      'synchronized is built-in mutual exclusion with automatic release on exit or exception, and it is simple and well optimised. ReentrantLock adds features: tryLock with a timeout, interruptible lock acquisition, optional fairness and multiple Condition objects, but it must be released in a finally block. Higher-level utilities are usually better than manual locking: ConcurrentHashMap, atomic classes, ExecutorService thread pools, CompletableFuture, CountDownLatch and Semaphore. Java 21 adds virtual threads, which make blocking code cheap to run at high concurrency.',
    ],
    [
      'hard',
      'What are virtual threads in Java 21, and what problems do they solve?',
      'Virtual threads are lightweight threads managed by the JVM rather than the operating system; millions can exist, because they are mounted on a small pool of carrier threads only while running. When a virtual thread blocks on I/O, it is unmounted and its carrier is freed for other work. This lets you write simple blocking thread-per-request code that scales like asynchronous code, without reactive frameworks. They do not speed up CPU-bound work, thread pools should not be used to limit them (use semaphores), and long blocking inside synchronized blocks can pin the carrier in older releases.',
    ],
    [
      'hard',
      'How would you diagnose high CPU usage or a memory leak in a production Java service?',
      'For CPU, take several thread dumps with jstack or jcmd Thread.print a few seconds apart, or use a profiler such as async-profiler or Java Flight Recorder, to see which stacks are consistently running; check GC logs too, because constant garbage collection looks like high CPU. For memory, watch whether old-generation usage after each full GC keeps rising, then take a heap dump (jcmd GC.heap_dump) and analyse it with Eclipse MAT to find the dominators and the reference chains keeping objects alive. Typical culprits are unbounded caches, static collections, ThreadLocals in thread pools and unclosed resources.',
    ],
  ],
};
