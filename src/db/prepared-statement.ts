import { is, Placeholder, type Query, type SQLWrapper, sql } from 'drizzle-orm';
import type { AtomicStatement, Database, DatabasePort } from '../platform/ports.js';

/** Each value of a prepared write as drizzle sees it: a placeholder when built once, a bound value otherwise. */
export type StatementValues<Values> = { [Name in keyof Values]: SQLWrapper };

/**
 * A write run on every chat turn (saving the conversation's state), written once as a drizzle query over its
 * values. Where the runtime keeps prepared statements (Node), drizzle builds it once with a placeholder for each
 * value, and every call hands `atomic` that SQL text with this call's values: no building and mapping of the
 * same query again. Elsewhere (D1) it is built with the values as an ordinary drizzle query. Values reach the
 * driver as they are: give them as stored (text, numbers, null).
 */
export function preparedStatement<Values extends Record<string, unknown> = Record<string, never>>(
  build: (db: Database, values: StatementValues<Values>) => AtomicStatement & { toSQL(): Query },
): (database: DatabasePort, values: Values) => AtomicStatement {
  const built = new WeakMap<Database, Query>();
  return (database, values) => {
    if (!database.statement) return build(database.db, bound(values));
    let query = built.get(database.db);
    if (!query) {
      query = build(database.db, placeholders<Values>()).toSQL();
      built.set(database.db, query);
    }
    const filled = query.params.map((param) => {
      if (!is(param, Placeholder)) return param;
      if (!(param.name in values)) throw new Error(`no value for placeholder "${param.name}"`);
      return values[param.name];
    });
    return database.statement(query.sql, filled);
  };
}

/** `values.name` is the placeholder "name", whatever the first call happened to give. */
function placeholders<Values extends Record<string, unknown>>(): StatementValues<Values> {
  return new Proxy({} as StatementValues<Values>, { get: (_, name) => sql.placeholder(String(name)) });
}

/** `values.name` is this call's value of "name", bound as a parameter. */
function bound<Values extends Record<string, unknown>>(values: Values): StatementValues<Values> {
  return new Proxy({} as StatementValues<Values>, { get: (_, name) => sql.param(values[String(name)]) });
}
