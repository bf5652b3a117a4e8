import type { BankTopic } from './types';

export const javascript: BankTopic = {
  id: 'javascript',
  label: 'JavaScript',
  entries: [
    [
      'easy',
      'What is the difference between var, let and const in JavaScript?',
      'var is function-scoped, is hoisted and initialised to undefined, and can be redeclared in the same scope. let and const are block-scoped and are hoisted into a "temporal dead zone", so reading them before their declaration throws a ReferenceError. const prevents reassignment of the binding, but it does not make the value immutable: properties of a const object can still change. In modern code, use const by default and let when the variable must be reassigned; avoid var.',
    ],
    [
      'easy',
      'What is the difference between == and === in JavaScript?',
      '=== is strict equality: it compares type and value without any conversion, so 1 === "1" is false. == is loose equality: when the types differ it applies type coercion first, which gives surprising results such as 0 == "" and null == undefined both being true. Because coercion rules are hard to remember, === is preferred; the common exception is x == null, which checks for both null and undefined at once. Note that NaN is not equal to itself with either operator; use Number.isNaN.',
    ],
    [
      'easy',
      'What are the primitive types in JavaScript, and how do they differ from objects?',
      'JavaScript has seven primitive types: string, number, bigint, boolean, undefined, null and symbol. Primitives are immutable and compared by value, while objects (including arrays and functions) are mutable and compared by reference, so two objects with the same content are not ===. When you call a method on a primitive, such as "abc".toUpperCase(), JavaScript temporarily wraps it in an object. typeof null returns "object", which is a long-standing historical quirk.',
    ],
    [
      'easy',
      'What is the difference between null and undefined?',
      'undefined means a value was never assigned: an uninitialised variable, a missing object property, a missing function argument, or a function with no return value. null is an intentional "no value" that a programmer assigns explicitly. typeof undefined is "undefined", whereas typeof null is "object" for historical reasons. null == undefined is true but null === undefined is false, and the nullish coalescing operator (??) treats both as missing.',
    ],
    [
      'easy',
      'What are arrow functions and how do they differ from regular functions?',
      'Arrow functions are a shorter function syntax, for example const add = (a, b) => a + b. They do not have their own this, arguments, super or new.target: this is taken lexically from the surrounding scope, which makes them convenient for callbacks inside methods. They cannot be used as constructors with new and have no prototype property. Because of the lexical this, they are a poor choice for object methods that need to refer to the object itself.',
    ],
    [
      'medium',
      'What is a closure in JavaScript? Give a practical use.',
      'A closure is a function bundled with references to the variables of the scope in which it was created, so it can still read and update those variables after the outer function has returned. For example, function counter() { let n = 0; return () => ++n; } returns a function that keeps its own private n. Closures are used for data privacy, function factories, memoisation, and callbacks that need context. A classic pitfall is creating closures in a loop with var, where every callback shares one variable; let creates a fresh binding per iteration.',
    ],
    [
      'medium',
      'Explain the JavaScript event loop, including microtasks and macrotasks.',
      'JavaScript runs on a single thread with a call stack; asynchronous work such as timers, I/O and network requests is handled by the host environment, which queues callbacks when they are ready. The event loop takes one macrotask (for example a setTimeout callback or an I/O event) when the stack is empty, runs it to completion, then drains the entire microtask queue (promise reactions, queueMicrotask, MutationObserver) before the next macrotask or render. That is why Promise.resolve().then(f) runs before setTimeout(f, 0). Long synchronous work blocks everything, including rendering and other callbacks.',
    ],
    [
      'medium',
      'How does the value of this get determined in JavaScript?',
      'this is determined by how a function is called, not where it is defined. Called as a method (obj.fn()), this is obj; called plainly (fn()), it is undefined in strict mode or the global object otherwise; called with new, it is the newly created object; with call, apply or bind it is whatever you pass explicitly. Arrow functions are the exception: they do not have their own this and use the this of the enclosing scope. A common bug is passing obj.method as a callback, which loses the binding; fix it with bind or an arrow function.',
    ],
    [
      'medium',
      'What is prototypal inheritance in JavaScript?',
      'Every object has an internal link, [[Prototype]], to another object; when a property is not found on the object, the lookup continues along this prototype chain until it reaches null. Constructor functions share methods through their prototype property, and Object.create(proto) creates an object with a chosen prototype. ES6 class syntax is syntactic sugar over this mechanism: methods live on Class.prototype and extends links the prototypes. Sharing methods through the prototype saves memory compared with creating them per instance.',
    ],
    [
      'medium',
      'What are Promises, and how does async/await relate to them?',
      'A Promise represents the eventual result of an asynchronous operation and is pending, fulfilled or rejected; then and catch register reactions and return new promises, which allows chaining. async functions always return a promise, and await pauses the function until the awaited promise settles, giving asynchronous code a synchronous-looking structure while errors are handled with try/catch. Sequential awaits run one after another, so independent operations should be started together and combined with Promise.all (or Promise.allSettled when partial failure is acceptable). An unhandled rejection is a bug and, in Node.js, terminates the process by default.',
    ],
    [
      'medium',
      'What is the difference between debouncing and throttling?',
      'Both limit how often a function runs in response to frequent events. Debouncing waits until the events stop for a given delay and then runs once, which suits a search box that should query only after the user stops typing. Throttling runs the function at most once per interval while events keep arriving, which suits scroll or resize handlers that need regular updates. Both are usually implemented with closures over a timer (setTimeout) and a timestamp.',
    ],
    [
      'hard',
      'How does garbage collection work in JavaScript, and what commonly causes memory leaks?',
      'JavaScript engines use reachability: objects reachable from roots such as the global object and the current call stacks are kept, and everything else can be reclaimed. V8 uses a generational collector, with a fast scavenger for the young generation and mark-sweep-compact for the old generation, largely done incrementally and concurrently to reduce pauses. Leaks happen when unneeded objects stay reachable: forgotten timers or event listeners, growing caches or maps without eviction, closures capturing large objects, and detached DOM nodes still referenced from JavaScript. WeakMap and WeakRef help for caches keyed by objects, and heap snapshots in DevTools are how you find leaks.',
    ],
    [
      'hard',
      'Explain the output order: console.log(1); setTimeout(() => console.log(2)); Promise.resolve().then(() => console.log(3)); console.log(4);',
      'The output is 1, 4, 3, 2. The two console.log calls run synchronously first, printing 1 and 4. The promise reaction is a microtask, and the microtask queue is drained as soon as the current script finishes, so 3 is printed next. The setTimeout callback is a macrotask that runs only on a later event loop turn, so 2 comes last, even with a delay of 0.',
    ],
    [
      'hard',
      'What are generators and iterators in JavaScript, and where are they useful?',
      'An iterator is an object with a next() method returning { value, done }; an iterable exposes one through Symbol.iterator, which is what for...of, spread and destructuring use. A generator function (function*) returns an iterator whose body runs lazily and pauses at each yield, keeping its local state between calls. This makes it easy to produce lazy or infinite sequences, walk trees, and implement custom iteration without building arrays in memory. Async generators (async function* with for await...of) are useful for consuming paginated APIs or streams item by item.',
    ],
  ],
};
