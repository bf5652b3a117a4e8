import type { BankTopic } from './types';

export const dsa: BankTopic = {
  id: 'dsa',
  label: 'Data Structures & Algorithms',
  entries: [
    [
      'easy',
      'What is Big O notation, and why does it matter?',
      "Big O describes how an algorithm's running time or memory grows with the input size n in the worst case, ignoring constant factors and lower-order terms. Common classes are O(1) constant, O(log n) such as binary search, O(n) a single pass, O(n log n) efficient sorting, and O(n^2) nested loops over the input. It lets you compare approaches and predict whether a solution will scale: an O(n^2) algorithm on a million items is about a trillion steps. Constants still matter in practice for small inputs, so measure when performance is critical.",
    ],
    [
      'easy',
      'What is the difference between an array and a linked list?',
      'An array stores elements contiguously, giving O(1) access by index and good cache locality, but inserting or deleting in the middle is O(n) because elements must shift, and growing a dynamic array occasionally requires copying. A linked list stores nodes that point to the next node, so insertion and deletion are O(1) once you have the node, but access by index is O(n) and each node carries pointer overhead with poor cache locality. In practice, dynamic arrays are the default choice, and linked lists suit cases like LRU caches where nodes move often.',
    ],
    [
      'easy',
      'What is the difference between a stack and a queue? Give uses of each.',
      'A stack is last-in, first-out: push adds to the top and pop removes from the top, both O(1). Stacks are used for function call frames, undo history, expression parsing, balanced-bracket checks and depth-first search. A queue is first-in, first-out: enqueue at the back, dequeue from the front. Queues are used for breadth-first search, task scheduling, buffering and message processing; a deque allows both ends, and a priority queue serves the highest-priority item first.',
    ],
    [
      'easy',
      'How does binary search work, and what is its complexity?',
      'Binary search finds a target in a sorted array by comparing it with the middle element and discarding the half that cannot contain it, repeating until found or the range is empty. Each step halves the search space, so it takes O(log n) time and O(1) extra space iteratively: a million elements need about 20 comparisons. It requires sorted data with random access. Common bugs are off-by-one errors in the bounds and overflow when computing the midpoint as (low + high) / 2 in fixed-width integer languages; low + (high - low) / 2 avoids it.',
    ],
    [
      'medium',
      'How does a hash table work, and how are collisions handled?',
      'A hash table maps keys to values by hashing the key to an index in an array of buckets, giving average O(1) insert, lookup and delete. Different keys can hash to the same bucket, a collision, which is handled by chaining (each bucket holds a list or tree of entries) or open addressing (probing for another free slot, for example linearly). When the load factor, entries divided by buckets, passes a threshold, the table is resized and entries rehashed, which is O(n) but amortised O(1) per insert. A poor hash function or adversarial keys degrade it to O(n), which is why some languages randomise hash seeds.',
    ],
    [
      'medium',
      'Compare quicksort and merge sort.',
      'Both are O(n log n) divide-and-conquer sorts on average. Merge sort splits the array in half, sorts each recursively and merges them; it is O(n log n) in the worst case and stable, but needs O(n) extra memory for arrays, and it works well for linked lists and external sorting. Quicksort partitions around a pivot and sorts each side in place, so it is usually faster in practice thanks to cache locality, but it degrades to O(n^2) with bad pivots, which random or median-of-three pivots make unlikely, and it is not stable. Many standard libraries use hybrids such as Timsort or introsort.',
    ],
    [
      'medium',
      'Explain breadth-first search and depth-first search and when to use each.',
      'BFS explores a graph level by level using a queue, so in an unweighted graph it finds the shortest path in number of edges from the start node; it uses memory proportional to the widest level. DFS goes as deep as possible along one path before backtracking, using recursion or an explicit stack; it suits detecting cycles, topological sorting, finding connected components and exhaustive search such as backtracking. Both run in O(V + E) time with an adjacency list and need a visited set to avoid revisiting nodes in graphs with cycles.',
    ],
    [
      'medium',
      'How do you detect a cycle in a linked list?',
      "Floyd's tortoise and hare algorithm moves one pointer one step at a time and another two steps at a time; if there is a cycle, the fast pointer eventually meets the slow one inside it, and if the fast pointer reaches null there is none. It runs in O(n) time and O(1) space. To find where the cycle starts, reset one pointer to the head after they meet and advance both one step at a time: they meet at the cycle's entry. A simpler alternative stores visited nodes in a hash set, which is O(n) space.",
    ],
    [
      'medium',
      'What is a binary search tree, and what keeps it efficient?',
      "A binary search tree stores keys so that every node's left subtree contains smaller keys and its right subtree larger keys, allowing search, insert and delete in O(h) time, where h is the height, and an in-order traversal returns keys sorted. If keys arrive in sorted order, a plain BST degenerates into a linked list with O(n) operations. Self-balancing variants such as AVL trees and red-black trees rebalance with rotations to keep the height O(log n). Databases use B-trees, a wide, shallow generalisation suited to disk pages.",
    ],
    [
      'hard',
      'What is dynamic programming? Explain with an example.',
      'Dynamic programming solves problems that have overlapping subproblems and optimal substructure by solving each subproblem once and storing its result. Top-down memoisation caches the results of a recursive function; bottom-up tabulation fills a table in dependency order. For example, the number of ways to climb n stairs taking 1 or 2 steps satisfies ways(n) = ways(n-1) + ways(n-2), which is exponential with naive recursion but O(n) with DP, and O(1) space keeping only the last two values. The key steps are defining the state, the recurrence, the base cases and the evaluation order.',
    ],
    [
      'hard',
      "How does Dijkstra's algorithm work, and what are its limitations?",
      "Dijkstra finds shortest paths from a source in a graph with non-negative edge weights. It keeps tentative distances, repeatedly takes the unvisited node with the smallest distance from a priority queue, finalises it, and relaxes its edges, updating a neighbour's distance when the path through the current node is shorter. With a binary heap it runs in O((V + E) log V). It fails with negative edge weights, because a finalised node might later be reachable more cheaply; Bellman-Ford handles negative weights (and detects negative cycles) in O(VE), and A* adds a heuristic to guide the search towards a target.",
    ],
    [
      'hard',
      'How would you design an LRU cache with O(1) get and put?',
      "Combine a hash map from key to node with a doubly linked list ordered by recency. get looks up the node in the map, moves it to the front of the list and returns its value; put updates or inserts the node at the front and, if capacity is exceeded, removes the node at the tail and deletes its key from the map. The doubly linked list makes removing and moving a node O(1) given a reference to it, and the map gives O(1) lookup. In some languages an insertion-ordered map, such as a JavaScript Map or Python's OrderedDict, provides the same behaviour with less code.",
    ],
    [
      'hard',
      'What is a heap, and how would you find the k largest elements in a large stream?',
      'A binary heap is a complete binary tree stored in an array where each parent is ordered relative to its children (min-heap: parent smaller), giving O(1) access to the minimum and O(log n) insert and removal. To find the k largest elements of a stream, keep a min-heap of size k: push each element, and when the size exceeds k pop the smallest. The heap then holds the k largest, in O(n log k) time and O(k) memory, which works even when the data does not fit in memory. For a fixed array, quickselect finds the kth largest in average O(n).',
    ],
  ],
};

export const git: BankTopic = {
  id: 'git',
  label: 'Git',
  entries: [
    [
      'easy',
      'What is the difference between git merge and git rebase?',
      'git merge integrates another branch by creating a merge commit with two parents, preserving the exact history of both branches. git rebase replays your commits on top of another branch, producing a linear history as if you had started from its latest commit, but it rewrites those commits with new hashes. Rebasing keeps history clean for local or feature-branch work, but you should not rebase commits others have already pulled, since it forces them to reconcile rewritten history. Teams often rebase feature branches on main, then merge or squash-merge them.',
    ],
    [
      'easy',
      'What is the difference between git fetch and git pull?',
      'git fetch downloads new commits, branches and tags from the remote and updates remote-tracking branches such as origin/main, without changing your working files or local branches, so it is always safe. git pull is git fetch followed by integrating the remote branch into your current branch, by merge by default, or by rebase with pull --rebase or the pull.rebase setting. Fetching first lets you inspect incoming changes with git log or git diff before integrating them.',
    ],
    [
      'easy',
      'What are the staging area and the working directory in Git?',
      "The working directory holds the files you edit. The staging area, or index, is where you assemble exactly what the next commit will contain: git add copies a file's current content into it, and git add -p lets you stage only some hunks. git commit records the staged snapshot, not the working directory, so unstaged changes are left out. git status shows the differences between the three: HEAD, the index and the working directory.",
    ],
    [
      'easy',
      'How do you undo changes in Git: restore, reset and revert?',
      'git restore <file> discards uncommitted changes in the working directory, and git restore --staged <file> unstages a file. git reset moves the current branch to another commit: --soft keeps the changes staged, --mixed (the default) keeps them unstaged, and --hard discards them, so it should only be used on commits not yet shared. git revert creates a new commit that undoes a previous commit, which is the safe way to undo something that has already been pushed, because it does not rewrite history. git reflog can recover commits lost after a mistaken reset.',
    ],
    [
      'medium',
      'How do you resolve a merge conflict?',
      'A conflict happens when both branches changed the same lines, or one changed a file the other deleted. Git marks the conflicted regions in the file with <<<<<<<, ======= and >>>>>>> markers; you edit the file to the correct combined result, which may need both changes, remove the markers, git add the file, and continue with git commit, or git rebase --continue during a rebase. Run the tests before completing, because a textually clean merge can still be semantically wrong. Small, frequent merges and rebases keep conflicts small.',
    ],
    [
      'medium',
      'What branching strategies do teams use with Git?',
      'Trunk-based development has everyone integrate small changes into main at least daily, using short-lived branches and feature flags to hide unfinished work; it fits continuous delivery well. GitHub Flow uses short feature branches, pull requests with review and CI, and deploys from main. Git Flow uses long-lived develop and main branches plus feature, release and hotfix branches, which suits versioned releases but adds overhead and merge pain. The trend is towards short-lived branches, because long-lived ones accumulate conflicts and delay feedback.',
    ],
    [
      'medium',
      'What is git cherry-pick, and when would you use it?',
      'git cherry-pick <commit> applies the changes introduced by a specific commit onto the current branch as a new commit with a new hash. A typical use is backporting a bug fix from main to a release branch without merging everything else. It can cause conflicts like any merge, and because the new commit is a copy, later merges between the branches may show the same change twice. Use it for isolated commits; for bringing in whole lines of work, merge or rebase instead.',
    ],
    [
      'medium',
      'What does git stash do?',
      'git stash saves your uncommitted changes, staged and unstaged, on a stack and resets the working directory to match HEAD, so you can switch branches or pull without committing half-done work. git stash pop reapplies the most recent stash and drops it, while git stash apply keeps it on the stack. git stash list shows saved stashes, and -u includes untracked files. For longer interruptions, a work-in-progress commit on a branch, or git worktree, is often clearer.',
    ],
    [
      'hard',
      'How does Git store data internally?',
      "Git is a content-addressed object store. A blob stores a file's content, a tree stores a directory listing of names pointing to blobs and other trees, and a commit points to a root tree, its parent commits, the author, the committer and a message; each object is identified by the hash of its content (SHA-1, or SHA-256 in newer repositories). Branches and tags are just references, files containing a commit hash, and HEAD points to the current branch. Because identical content has the same hash, unchanged files are shared between commits, and objects are periodically packed with delta compression.",
    ],
    [
      'hard',
      'How would you find which commit introduced a bug?',
      'Use git bisect: mark a known bad commit (git bisect bad) and a known good one (git bisect good <commit>), and Git checks out the midpoint for you to test, halving the range each time, so even 1,000 commits take about 10 steps. git bisect run <script> automates it with a test script that exits non-zero when the bug is present. For a specific line, git log -S or -G finds commits that added or removed a string, and git blame shows the last commit touching each line. Small, focused commits make all of these far more effective.',
    ],
    [
      'hard',
      'What is interactive rebase, and what can you do with it?',
      'git rebase -i <base> opens a list of the commits after base, and you can reorder them or mark each one pick, reword (edit the message), edit (stop to amend it), squash or fixup (combine with the previous commit), or drop it. It is used to clean up a feature branch before review or merging, turning "wip" and "fix typo" commits into a coherent series. Combined with git commit --fixup and rebase --autosquash, fixes land in the right commit automatically. Like any rebase, it rewrites history, so do it before sharing, or force-push with --force-with-lease to a branch only you use.',
    ],
    [
      'hard',
      'What are Git hooks, and how are they used in a team?',
      "Hooks are scripts Git runs at certain points: client-side ones like pre-commit, commit-msg and pre-push run on the developer's machine, and server-side ones like pre-receive run on the server when pushes arrive. Teams use pre-commit hooks to run linters, formatters and fast tests on staged files, and commit-msg hooks to enforce message conventions such as Conventional Commits. Hooks in .git/hooks are not versioned, so tools like Husky or pre-commit install shared ones from the repository. Client-side hooks can be skipped with --no-verify, so the same checks must also run in CI.",
    ],
    [
      'easy',
      'What is a .gitignore file, and what should go in it?',
      'A .gitignore file lists patterns of files Git should not track, such as dependency folders (node_modules), build output (dist), logs, local environment files containing secrets (.env), editor settings and operating-system files like .DS_Store. Patterns support wildcards, directory matches with a trailing slash, and negation with !. It only affects untracked files: a file that is already committed stays tracked until you remove it from the index with git rm --cached. A global gitignore is a good place for personal editor and OS files.',
    ],
    [
      'medium',
      'How do you remove a secret that was accidentally committed to a Git repository?',
      'First treat the secret as compromised and revoke or rotate it immediately, because anyone who cloned or fetched the repository may already have it, and hosting platforms may have cached it. Then remove it from history with a tool such as git filter-repo or BFG Repo-Cleaner, force-push the rewritten branches and tags, and ask collaborators to re-clone, since their copies still contain it. If the commit was only local and not pushed, amending or an interactive rebase is enough. Prevent recurrences with .gitignore for env files, pre-commit secret scanners and push protection.',
    ],
  ],
};
