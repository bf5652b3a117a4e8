/**
 * A MongoDB connection string with its database name replaced, everything else kept: hosts (a
 * replica-set seed list `h1:1,h2:2` is not a valid WHATWG URL, so no `new URL` here), credentials and
 * options such as `?replicaSet=rs0&directConnection=true`.
 *
 * With credentials and no `authSource`, the driver authenticates against the database named in the
 * path (or `admin` when there is none): that database is pinned as `authSource`, so moving the test
 * onto its own database does not move where the user is looked up.
 */
export function withDatabase(uri: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)([^/?#]+)(\/[^?#]*)?(\?[^#]*)?$/.exec(uri);
  if (!match) throw new Error('MONGODB_URI is not a mongodb:// or mongodb+srv:// connection string');
  const [, scheme, hosts, path = '', query = ''] = match;
  let options = query.slice(1);
  const hasAuthSource = options.split('&').some((kv) => kv.split('=')[0]?.toLowerCase() === 'authsource');
  if (hosts!.includes('@') && !hasAuthSource) {
    const source = encodeURIComponent(decodeURIComponent(path.slice(1)) || 'admin');
    options = options ? `${options}&authSource=${source}` : `authSource=${source}`;
  }
  return `${scheme}${hosts}/${encodeURIComponent(dbName)}${options ? `?${options}` : ''}`;
}
