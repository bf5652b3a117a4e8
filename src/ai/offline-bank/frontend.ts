import type { BankTopic } from './types';

export const react: BankTopic = {
  id: 'react',
  label: 'React',
  entries: [
    [
      'easy',
      'What is the virtual DOM in React, and why is it used?',
      'The virtual DOM is a lightweight JavaScript description of the UI that React produces each time components render. React compares the new tree with the previous one (reconciliation) and applies only the minimal set of changes to the real DOM, which is comparatively slow to update. This lets developers write UI declaratively, describing what it should look like for a given state, without manually managing DOM mutations. It is not automatically faster than hand-written DOM code, but it gives predictable, good-enough performance with a much simpler programming model.',
    ],
    [
      'easy',
      'What is the difference between props and state in React?',
      'Props are inputs passed from a parent component; the receiving component treats them as read-only. State is data owned and managed by the component itself, for example with useState, and changing it triggers a re-render. When several components need the same data, the state is lifted up to their closest common parent and passed down as props. Keeping state minimal and deriving everything else during render avoids synchronisation bugs.',
    ],
    [
      'easy',
      'Why does React need a key prop when rendering lists?',
      'Keys tell React which list item is which between renders, so it can match elements, preserve their state and DOM nodes, and move rather than recreate them when the list changes. A key should be stable and unique among siblings, typically an id from the data. Using the array index as the key breaks when items are inserted, removed or reordered: state such as input values ends up attached to the wrong item. Keys are not passed to the component as a prop.',
    ],
    [
      'easy',
      'What are controlled and uncontrolled components?',
      'In a controlled component, the form value lives in React state: the input receives value and onChange, and every keystroke updates state, so React is the single source of truth and validation or formatting is easy. In an uncontrolled component, the DOM keeps the value and you read it when needed through a ref, or with FormData on submit, using defaultValue for the initial value. Controlled inputs suit dynamic forms and instant validation; uncontrolled ones are simpler and re-render less for large forms.',
    ],
    [
      'medium',
      'How does useEffect work, and what is its dependency array for?',
      'useEffect runs a side effect after React has committed the render to the screen, for things like subscriptions, timers or synchronising with external systems. The dependency array controls when it re-runs: with no array, after every render; with [], only after mount; with values, whenever one of them changes by Object.is comparison. The function can return a cleanup that runs before the effect re-runs and on unmount, which is where you unsubscribe or cancel requests. Missing dependencies cause stale values, so follow the exhaustive-deps lint rule, and avoid effects for deriving data that can be computed during render.',
    ],
    [
      'medium',
      'When should you use useMemo, useCallback and React.memo?',
      'React.memo wraps a component so it skips re-rendering when its props are shallowly equal to the previous ones. useCallback returns the same function instance between renders while its dependencies are unchanged, and useMemo caches a computed value the same way. They matter when a memoised child receives functions or objects as props, or when a computation is genuinely expensive; otherwise a new function or object on every render defeats React.memo. They add overhead and complexity, so apply them after profiling shows a problem rather than everywhere.',
    ],
    [
      'medium',
      'What is the Context API, and when is it the wrong tool?',
      'Context passes a value through the component tree without threading props through every level: a Provider supplies the value and any descendant reads it with useContext. It suits global, rarely-changing data such as the theme, current user or locale. Every consumer re-renders when the provider value changes, so putting frequently-changing state in one big context causes wide re-renders; splitting contexts, memoising the value, or using a state library with selectors helps. For server data, a data-fetching library such as React Query is usually a better fit than context.',
    ],
    [
      'medium',
      'What are custom hooks, and what rules do all hooks follow?',
      'A custom hook is a function whose name starts with use and that calls other hooks, letting you extract and reuse stateful logic such as useFetch or useDebounce across components; each component that uses it gets its own independent state. All hooks must be called at the top level of a component or custom hook, never inside conditions, loops or nested functions, and only from React functions. React relies on the call order being identical on every render to associate each hook call with its stored state. The eslint-plugin-react-hooks rules enforce this.',
    ],
    [
      'medium',
      'How would you fetch data in a React component correctly?',
      'The basic pattern is an effect that starts the request, stores data, loading and error state, and cancels or ignores the result in its cleanup (with AbortController or an ignore flag) to avoid race conditions when the input changes quickly. In practice, libraries such as TanStack Query or SWR handle caching, deduplication, retries, background refetching and stale data for you. Frameworks like Next.js can fetch on the server or in loaders so the page arrives with data. Avoid request waterfalls by fetching in parallel and as high in the tree as makes sense.',
    ],
    [
      'hard',
      'Explain React reconciliation and how the diffing algorithm makes assumptions to stay fast.',
      "On each render React compares the new element tree with the previous one. A full tree diff would be O(n^3), so React uses heuristics that make it O(n): elements of different types produce entirely different trees, so a changed type unmounts the old subtree and mounts a new one; elements of the same type are updated in place by changing only the attributes that differ. Children in lists are matched by key. That is why changing a component type, or defining a component inside another component's render, destroys state, and why stable keys matter.",
    ],
    [
      'hard',
      'What changed with concurrent rendering in React 18 (transitions, automatic batching)?',
      'React 18 can prepare renders interruptibly: rendering work may be paused, resumed or abandoned, so urgent updates such as typing stay responsive. startTransition and useTransition mark updates as non-urgent, so React can keep showing the current UI and interrupt the transition render when something urgent arrives; useDeferredValue defers re-rendering for a value. Automatic batching now groups multiple state updates into one render even inside promises, timeouts and native event handlers, not only React event handlers. Because renders can run more than once, components must be pure, which StrictMode helps detect by double-invoking renders in development.',
    ],
    [
      'hard',
      'How do you diagnose and fix performance problems in a large React application?',
      'Start by measuring: the React DevTools Profiler shows which components re-render, why, and how long they take, and the browser Performance panel shows long tasks. Common fixes are keeping state close to where it is used so updates re-render less, splitting contexts, memoising expensive children with React.memo and stable props, and virtualising long lists with a library like react-window. For load time, code-split routes with React.lazy and Suspense, and trim bundle size. Also avoid expensive work during render and unnecessary effects that trigger extra renders.',
    ],
    [
      'hard',
      'What are React Server Components and how do they differ from server-side rendering?',
      'Server-side rendering runs client components on the server to produce initial HTML, then ships all of their JavaScript for hydration in the browser. React Server Components run only on the server: they can access databases or files directly, their code is never sent to the client, and they produce a serialised tree that is merged with client components, which are marked with "use client" and hydrated as usual. This reduces bundle size and moves data fetching next to the data. Server components cannot use state, effects or browser APIs, so interactive parts must remain client components.',
    ],
  ],
};

export const htmlCss: BankTopic = {
  id: 'html-css',
  label: 'HTML & CSS',
  entries: [
    [
      'easy',
      'What is semantic HTML, and why does it matter?',
      'Semantic HTML uses elements that describe their meaning, such as header, nav, main, article, section, button and label, rather than generic div and span everywhere. Screen readers and other assistive technologies rely on this meaning to navigate and announce content, and a real button is keyboard-focusable and operable without extra work. Search engines use semantics to understand the page, and the markup is easier for developers to read. Using the right element first is cheaper than patching accessibility later with ARIA.',
    ],
    [
      'easy',
      'Explain the CSS box model.',
      'Every element is a rectangular box made of content, padding, border and margin, from the inside out. With the default box-sizing: content-box, width and height apply only to the content, so padding and border are added on top of them. With box-sizing: border-box, width and height include padding and border, which makes layouts much easier to reason about, so many projects set it globally. Vertical margins between adjacent block elements can collapse into the larger of the two.',
    ],
    [
      'easy',
      'How does CSS specificity work?',
      'When several rules target the same element, the one with the highest specificity wins; specificity is compared as a triple of (ID selectors, classes/attributes/pseudo-classes, element types/pseudo-elements). For example #nav .link beats .nav .link, and inline styles beat all selectors. If specificity is equal, the rule that appears later wins. !important overrides normal declarations and should be a last resort, and keeping selectors flat, for instance with single class names, avoids specificity wars.',
    ],
    [
      'easy',
      'What is the difference between display: none, visibility: hidden and opacity: 0?',
      'display: none removes the element from the layout entirely, so it takes no space and is hidden from screen readers. visibility: hidden hides the element but keeps its space in the layout, and it is also hidden from assistive technology. opacity: 0 makes the element fully transparent but it still takes space, still receives clicks and focus, and remains readable by screen readers. To hide something visually while keeping it accessible, a "visually hidden" utility class is used instead.',
    ],
    [
      'medium',
      'When would you use Flexbox versus CSS Grid?',
      'Flexbox is one-dimensional: it lays items out along a row or a column and is ideal for distributing space and aligning items within a component, such as a navbar, toolbar or centred content. Grid is two-dimensional: it controls rows and columns together and suits page layouts and card grids where items must line up in both directions. Grid defines the layout from the container, while flexbox lets content size drive layout. They combine well: a grid for the page, flexbox inside its cells.',
    ],
    [
      'medium',
      'Explain CSS positioning: static, relative, absolute, fixed and sticky.',
      'static is the default, following normal flow. relative keeps the element in the flow but lets top or left offset it visually, and it makes the element a containing block for absolutely positioned descendants. absolute removes the element from the flow and positions it relative to the nearest positioned ancestor. fixed positions it relative to the viewport, so it stays put when scrolling. sticky behaves as relative until a scroll threshold is reached, then sticks like fixed within its parent container.',
    ],
    [
      'medium',
      'How do you make a website responsive?',
      'Start with the viewport meta tag, then use fluid layouts with flexbox or grid, relative units (rem, %, vw) and max-width instead of fixed pixel widths. Media queries adapt the layout at breakpoints, ideally mobile-first with min-width queries, and container queries let components adapt to the space they have rather than the whole viewport. Images should be responsive, using max-width: 100% and srcset or picture to serve appropriately sized files. Finally, test on real devices and make touch targets large enough.',
    ],
    [
      'medium',
      'What are the key practices for web accessibility (a11y)?',
      'Use semantic elements and native controls, give every image meaningful alt text (or empty alt for decoration), and associate every form input with a label. Everything must be usable by keyboard, with a visible focus indicator and a logical tab order. Ensure sufficient colour contrast (WCAG AA: 4.5:1 for normal text) and never convey information by colour alone. Use ARIA only when no native element fits, manage focus in modals and single-page navigation, and test with a screen reader and automated tools like axe.',
    ],
    [
      'medium',
      'What is the critical rendering path, and how do CSS and JavaScript affect it?',
      'The browser parses HTML into the DOM and CSS into the CSSOM, combines them into the render tree, calculates layout and paints. CSS is render-blocking, because the page cannot be painted correctly until stylesheets are loaded. A classic script blocks HTML parsing while it downloads and runs, whereas defer runs scripts in order after parsing and async runs them as soon as they arrive. To speed up first render, inline critical CSS, defer non-critical scripts, and preload key resources like fonts.',
    ],
    [
      'hard',
      'What is a stacking context in CSS, and why does z-index sometimes not work?',
      "z-index only orders elements within the same stacking context. A new stacking context is created by the root element, positioned elements with a z-index other than auto, and properties such as opacity below 1, transform, filter, isolation: isolate and position: fixed or sticky. Children can never escape their parent's context, so an element with z-index 9999 inside a parent with z-index 1 still sits below a sibling of the parent with z-index 2. Fixing it means changing which elements create contexts, or rendering overlays like modals at the top of the document, for example with a portal.",
    ],
    [
      'hard',
      'What causes layout thrashing and how do you avoid it?',
      'Layout thrashing happens when JavaScript alternately writes to the DOM (changing styles or content) and reads layout properties such as offsetHeight or getBoundingClientRect in a loop. Each read after a write forces the browser to recalculate layout synchronously, which can make a loop take hundreds of milliseconds. The fix is to batch all reads first and then all writes, or to schedule writes with requestAnimationFrame. For animations, prefer transform and opacity, which can be handled by the compositor without triggering layout or paint.',
    ],
    [
      'hard',
      'Explain the Core Web Vitals and how to improve them.',
      'Largest Contentful Paint (LCP) measures loading: when the largest visible element renders, ideally under 2.5 seconds. Interaction to Next Paint (INP) measures responsiveness to user input, ideally under 200 ms, and Cumulative Layout Shift (CLS) measures visual stability, ideally under 0.1. Improve LCP with fast server responses, a CDN, optimised and preloaded hero images and fewer render-blocking resources; improve INP by breaking up long JavaScript tasks and shipping less JavaScript. Improve CLS by reserving space for images, ads and embeds with explicit dimensions and avoiding content injected above existing content.',
    ],
    [
      'easy',
      'What is the difference between rem, em, px, % and viewport units in CSS?',
      "px is an absolute unit (a CSS pixel). em is relative to the font size of the element itself (or its parent, for font-size), so nested em values compound, while rem is relative to the root element's font size, which makes it predictable and respects the user's browser font settings. % is relative to the parent, for example to its width for widths and padding. vw and vh are 1% of the viewport width and height, and dvh accounts for mobile browser toolbars. A common approach is rem for font sizes and spacing, and % or fr units for layout.",
    ],
    [
      'medium',
      'What are the differences between cookies, localStorage and sessionStorage?',
      'Cookies are small (about 4 KB), are sent automatically with every request to their domain, and can be marked HttpOnly (invisible to JavaScript), Secure and SameSite, which makes them the right place for session tokens. localStorage holds about 5 to 10 MB per origin, persists until cleared, and is only accessible from JavaScript, never sent to the server; sessionStorage is similar but scoped to one tab and cleared when it closes. Because any XSS can read localStorage, sensitive tokens should not be stored there. IndexedDB is the option for larger, structured client-side data.',
    ],
  ],
};
