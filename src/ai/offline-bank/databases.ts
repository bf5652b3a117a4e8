import type { BankTopic } from './types';

export const sql: BankTopic = {
  id: 'sql',
  label: 'SQL & Databases',
  entries: [
    [
      'easy',
      'What is the difference between INNER JOIN, LEFT JOIN and FULL OUTER JOIN?',
      'An INNER JOIN returns only rows that have a match in both tables. A LEFT JOIN returns every row from the left table plus matching rows from the right, filling the right-side columns with NULL when there is no match; RIGHT JOIN is the mirror image. A FULL OUTER JOIN returns all rows from both sides, with NULLs where either side has no match. A common mistake is filtering the right table in the WHERE clause of a LEFT JOIN, which silently turns it into an inner join; put such conditions in the ON clause.',
    ],
    [
      'easy',
      'What is the difference between WHERE and HAVING?',
      'WHERE filters individual rows before grouping and aggregation, so it cannot reference aggregate functions. HAVING filters groups after GROUP BY has been applied, so it can use aggregates, for example HAVING COUNT(*) > 5. Filtering as early as possible with WHERE is more efficient, because fewer rows reach the grouping step. A query can use both: WHERE to pick rows, HAVING to pick groups.',
    ],
    [
      'easy',
      'What are primary keys and foreign keys?',
      'A primary key uniquely identifies each row in a table; it must be unique and not null, and the database automatically indexes it. A foreign key is a column that references the primary key (or a unique key) of another table, enforcing referential integrity: you cannot insert a reference to a row that does not exist. Foreign keys can define ON DELETE and ON UPDATE actions such as CASCADE, SET NULL or RESTRICT. Surrogate keys, such as auto-increment integers or UUIDs, are common because natural keys can change.',
    ],
    [
      'easy',
      'What is database normalisation?',
      'Normalisation organises tables to reduce redundancy and the update anomalies it causes. First normal form requires atomic values with no repeating groups; second normal form removes partial dependencies on part of a composite key; third normal form removes transitive dependencies, so non-key columns depend only on the key. In practice this means storing each fact once, for example customer details in a customers table referenced by orders rather than copied into every order. Read-heavy systems sometimes denormalise deliberately for performance, accepting the cost of keeping copies in sync.',
    ],
    [
      'medium',
      'How do database indexes work, and what are their trade-offs?',
      'Most indexes are B-trees: sorted structures that let the database find rows by key in logarithmic time and scan ranges in order, instead of reading the whole table. They speed up WHERE filters, joins and ORDER BY on the indexed columns. The costs are extra storage and slower writes, because every insert, update and delete must also maintain each index. Composite indexes follow the leftmost-prefix rule, so an index on (a, b) helps queries filtering on a, or on a and b, but not on b alone. Use EXPLAIN to confirm an index is actually used.',
    ],
    [
      'medium',
      'What are ACID properties in databases?',
      'Atomicity means a transaction happens completely or not at all: if any step fails, everything is rolled back. Consistency means a transaction takes the database from one valid state to another, respecting constraints. Isolation means concurrent transactions do not interfere with each other beyond what the chosen isolation level allows. Durability means that once a transaction commits, its changes survive crashes, typically thanks to a write-ahead log flushed to disk.',
    ],
    [
      'medium',
      'Explain the SQL transaction isolation levels and the anomalies they prevent.',
      "Read Uncommitted allows dirty reads of other transactions' uncommitted changes. Read Committed, the default in PostgreSQL, prevents dirty reads but allows non-repeatable reads, where the same row read twice gives different results. Repeatable Read keeps rows stable for the whole transaction; in the SQL standard phantom rows may still appear, although PostgreSQL's snapshot implementation prevents them. Serializable guarantees the result matches some serial order, at the cost of more blocking or transactions that must be retried. Higher levels trade concurrency for correctness.",
    ],
    [
      'medium',
      'What is the N+1 query problem and how do you fix it?',
      "It happens when code runs one query to fetch a list of N records and then one more query per record to fetch related data, for example loading 100 posts and then each post's author separately, giving 101 round trips. It is common with ORMs that lazy-load relations. Fix it by loading the related data in bulk: a JOIN, a single query with WHERE id IN (...), or the ORM's eager loading feature such as include, select_related or populate. Query logging or an APM tool showing many near-identical queries per request reveals the problem.",
    ],
    [
      'medium',
      'How would you find the second highest salary in an employees table?',
      'One portable approach is SELECT MAX(salary) FROM employees WHERE salary < (SELECT MAX(salary) FROM employees). With window functions, use DENSE_RANK: SELECT salary FROM (SELECT salary, DENSE_RANK() OVER (ORDER BY salary DESC) AS r FROM employees) t WHERE r = 2, which generalises to the Nth highest and handles ties correctly. Another option is SELECT DISTINCT salary FROM employees ORDER BY salary DESC LIMIT 1 OFFSET 1. You should clarify whether ties count and what to return when there is no second value.',
    ],
    [
      'hard',
      'How do you read a query execution plan and optimise a slow query?',
      'Run EXPLAIN ANALYZE (PostgreSQL) or EXPLAIN (MySQL) to see the chosen plan: the access methods (sequential scan, index scan, index-only scan), join algorithms (nested loop, hash, merge), estimated versus actual row counts, and the time spent in each node. Large gaps between estimated and actual rows point to stale statistics, fixed with ANALYZE. Typical fixes are adding or reshaping an index to match the filter and sort, rewriting the query so it can use an index (no functions on indexed columns), selecting only needed columns, and avoiding huge OFFSET pagination in favour of keyset pagination. Measure again after each change.',
    ],
    [
      'hard',
      'What are window functions in SQL? Give an example.',
      'Window functions compute a value for each row over a set of related rows without collapsing them into one row as GROUP BY does. The OVER clause defines the window with PARTITION BY to group and ORDER BY to order, plus an optional frame. For example SUM(amount) OVER (PARTITION BY customer_id ORDER BY created_at) gives a running total per customer, and ROW_NUMBER() OVER (PARTITION BY dept ORDER BY salary DESC) ranks employees within each department. Other common ones are RANK, DENSE_RANK, LAG, LEAD and moving averages.',
    ],
    [
      'hard',
      'How do MVCC and locking work in a database like PostgreSQL?',
      'With multi-version concurrency control, an update writes a new version of the row instead of overwriting it, and each transaction reads from a snapshot of committed versions, so readers never block writers and writers never block readers. Writers still take row-level locks, so two transactions updating the same row serialise, and SELECT ... FOR UPDATE locks rows explicitly. Old row versions become dead tuples that VACUUM (usually autovacuum) cleans up; long-running transactions prevent that cleanup and cause bloat. Deadlocks are detected automatically, and one of the transactions is aborted.',
    ],
    [
      'hard',
      'How would you scale a relational database that is becoming a bottleneck?',
      'First optimise what you have: fix slow queries and indexes, add connection pooling such as PgBouncer, and cache hot reads in Redis. Then scale reads with read replicas, accepting replication lag for reads that can be slightly stale. Vertical scaling to a bigger machine is often the cheapest next step. For write scaling or very large data, partition tables (for example by time) and eventually shard by a key such as tenant id, which complicates cross-shard queries and transactions; archiving old data and moving analytics to a separate warehouse also relieve the primary.',
    ],
  ],
};

export const mongodb: BankTopic = {
  id: 'mongodb',
  label: 'MongoDB',
  entries: [
    [
      'easy',
      'What is MongoDB and how does it differ from a relational database?',
      "MongoDB is a document database: it stores records as BSON documents (binary JSON) in collections, and documents in one collection can have different fields. Instead of splitting data across normalised tables joined at query time, related data is often embedded in one document, which lets a single read return everything a page needs. It scales horizontally with built-in sharding and provides high availability with replica sets. It supports rich queries, secondary indexes and, since version 4.0, multi-document ACID transactions, but schema design is driven by the application's access patterns.",
    ],
    [
      'easy',
      'When should you embed documents and when should you reference them in MongoDB?',
      "Embed when the data is read together, belongs to the parent, and is bounded in size, such as an order's line items or a user's addresses: one read returns everything, and updates to one document are atomic. Reference with ids when the related data is large or unbounded (for example comments that can grow without limit), shared by many parents, or frequently accessed on its own. The 16 MB document size limit also rules out unbounded arrays. Many designs mix both, for example embedding a small summary of a referenced document.",
    ],
    [
      'easy',
      'What is the _id field and what is an ObjectId?',
      'Every MongoDB document has a unique _id field that acts as its primary key, and it is indexed automatically. If you do not supply one, the driver generates an ObjectId, a 12-byte value made of a 4-byte timestamp, a 5-byte random value unique to the process, and a 3-byte incrementing counter. Because of the timestamp prefix, ObjectIds are roughly ordered by creation time, and the creation time can be read back from them. You can use other types for _id, such as a string or a natural key, as long as values are unique.',
    ],
    [
      'medium',
      'How do indexes work in MongoDB, and what is the ESR rule for compound indexes?',
      'MongoDB indexes are B-trees on one or more fields; without a suitable index, a query scans the whole collection (COLLSCAN). For compound indexes, the Equality, Sort, Range rule gives a good field order: first fields matched by equality, then fields used for sorting, then fields filtered by ranges, so the index can both filter and return documents already sorted. Multikey indexes index array elements, and there are also text, geospatial, TTL and unique indexes. Use explain("executionStats") to check that totalDocsExamined is close to the number of documents returned.',
    ],
    [
      'medium',
      'What is the aggregation pipeline in MongoDB?',
      'The aggregation pipeline processes documents through a sequence of stages, each transforming the stream: $match filters, $group aggregates, $project or $addFields reshapes, $sort and $limit order and trim, $lookup joins another collection, and $unwind flattens arrays. For example, revenue per customer is a $match on completed orders followed by a $group by customerId with $sum of amount. Put $match and $sort early so they can use indexes and reduce the data flowing through later stages. Stages that sort or group large data sets may need allowDiskUse.',
    ],
    [
      'medium',
      'How do replica sets provide high availability in MongoDB?',
      'A replica set is a group of mongod processes holding the same data: one primary accepts writes, and secondaries replicate its operation log (oplog) and apply the same changes. If the primary becomes unavailable, the remaining members elect a new primary, usually within seconds, and drivers reconnect automatically. An odd number of voting members, such as three, is needed to maintain a majority. Write concern majority ensures acknowledged writes survive a failover, and read preferences can send reads to secondaries, at the cost of possibly stale data.',
    ],
    [
      'medium',
      'What are write concern and read concern in MongoDB?',
      'Write concern sets how many replica set members must acknowledge a write before it is reported successful: w: 1 means only the primary, w: "majority" means a majority, and j: true waits for the on-disk journal. Majority write concern is the default in modern versions and prevents acknowledged writes from being rolled back after a failover. Read concern sets what data a read may return: "local" returns the node\'s latest data, which might later be rolled back, while "majority" returns only majority-committed data. Stronger settings improve durability and consistency but add latency.',
    ],
    [
      'hard',
      'How does sharding work in MongoDB, and how do you choose a shard key?',
      'Sharding partitions a collection across several replica sets (shards) by a shard key; mongos routers send each query to the shards that own the relevant key ranges, and a balancer moves chunks of data to keep shards even. A good shard key has high cardinality, spreads writes evenly, and appears in most queries so they target one shard instead of broadcasting to all. A monotonically increasing key such as a timestamp sends every insert to the same shard, which a hashed shard key avoids at the cost of efficient range queries. Changing a shard key is expensive, so the choice deserves care up front.',
    ],
    [
      'hard',
      'How do multi-document transactions work in MongoDB, and when should you avoid them?',
      'Since version 4.0 on replica sets and 4.2 on sharded clusters, MongoDB supports ACID transactions across documents and collections, using snapshot isolation within a session: you start a transaction, perform operations and then commit or abort. They are useful for invariants spanning documents, such as moving money between two accounts. They cost more than single-document writes, have a time limit (60 seconds by default), and can fail with transient errors that must be retried. Because single-document updates are already atomic, a well-designed schema that embeds related data often makes transactions unnecessary.',
    ],
    [
      'hard',
      'How would you design a MongoDB schema for a high-write time-series or event-logging workload?',
      'Use time-series collections (MongoDB 5.0+), which internally group measurements into buckets by a metaField and time and compress them, reducing storage and index size. Alternatively, apply the bucket pattern manually, storing one document per device per hour with an array of readings. Use a TTL index or expireAfterSeconds to delete old data automatically, and keep indexes minimal, because each index slows inserts. For very high volume, shard by a key combining device or tenant with time, so writes spread across shards, and batch inserts with insertMany using unordered writes.',
    ],
    [
      'hard',
      'How do you paginate large result sets efficiently in MongoDB?',
      'skip and limit are simple, but skip still walks over every skipped document, so deep pages get slower and results shift when data changes between requests. Range-based, or keyset, pagination is better: sort on an indexed, unique field such as _id or (createdAt, _id), and ask for documents after the last value seen, for example find({ _id: { $gt: lastId } }).sort({ _id: 1 }).limit(20). Each page then costs the same, using the index, and results remain stable. The trade-off is that you cannot jump directly to an arbitrary page number.',
    ],
    [
      'medium',
      'What are change streams in MongoDB?',
      'Change streams let applications subscribe to real-time inserts, updates, replaces and deletes on a collection, a database or a whole deployment, built on the replica set oplog. They deliver changes in order with a resume token, so a consumer can restart where it left off after a crash, as long as the oplog still holds those entries. They can be filtered with an aggregation pipeline and, for updates, can include the full current document. Typical uses are cache invalidation, syncing search indexes, notifications and event-driven integrations, without polling.',
    ],
    [
      'medium',
      'How does Mongoose relate to MongoDB, and what are its benefits and costs?',
      'Mongoose is an object data modelling library for Node.js on top of the MongoDB driver. It adds schemas with types, defaults and validation, middleware hooks such as pre-save, virtuals, population of references, and model methods, which bring structure to a schemaless database. The costs are overhead for hydrating documents into full model instances, which lean() avoids for read-only queries, and some abstraction that can hide expensive operations, such as populate issuing extra queries. Settings like strictQuery and sanitizeFilter help prevent query injection from user input.',
    ],
  ],
};
