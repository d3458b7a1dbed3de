// What a PostgreSQL uuid column accepts, checked before a query: anything else (36 dashes,
// a NUL) would make the query fail with a database error, where the answer is "no such row".
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
