// TTL monitor: like mongod's (every 60 s by default), deletes documents whose indexed date field
// (or earliest date of an array) is older than expireAfterSeconds. The interval is configurable.
import { deleteDoc, type Catalog } from './catalog';
import { valuesAtPath, type Doc } from './values';

export function sweepExpired(catalog: Catalog, now = Date.now()): number {
  let removed = 0;
  for (const db of catalog.dbs.values()) {
    for (const coll of db.collections.values()) {
      const ttlIndexes = coll.state.indexes.filter(
        (ix) => typeof ix.spec.expireAfterSeconds === 'number' && ix.fields.length === 1,
      );
      if (!ttlIndexes.length) continue;
      const expired: Doc[] = [];
      for (const doc of coll.state.docs.values()) {
        for (const ix of ttlIndexes) {
          if (isExpired(doc, ix.fields[0], ix.spec.expireAfterSeconds as number, now)) {
            expired.push(doc);
            break;
          }
        }
      }
      if (!expired.length) continue;
      for (const d of expired) deleteDoc(coll.state, d);
      removed += expired.length;
      catalog.touched(coll);
    }
  }
  return removed;
}

function isExpired(doc: Doc, field: string, seconds: number, now: number): boolean {
  let earliest = Infinity;
  for (const v of valuesAtPath(doc, field)) {
    const vals = Array.isArray(v) ? v : [v];
    for (const x of vals) if (x instanceof Date && x.getTime() < earliest) earliest = x.getTime();
  }
  return earliest !== Infinity && earliest + seconds * 1000 <= now;
}

export function hasTtlIndexes(catalog: Catalog): boolean {
  for (const db of catalog.dbs.values())
    for (const coll of db.collections.values())
      if (coll.state.indexes.some((ix) => typeof ix.spec.expireAfterSeconds === 'number')) return true;
  return false;
}
