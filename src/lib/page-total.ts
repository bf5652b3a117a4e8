/**
 * The total behind a page without counting when the page itself tells it: a page that is not full (and
 * not past the end) is the last one, so the total is what came before it plus what it holds. Otherwise
 * `count()` asks the database.
 */
export async function pageTotal(
  count: () => Promise<number>,
  skip: number,
  limit: number,
  received: number,
): Promise<number> {
  if (received < limit && (received > 0 || skip === 0)) return skip + received;
  return count();
}
