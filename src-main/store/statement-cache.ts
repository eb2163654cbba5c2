import type Database from 'better-sqlite3';

/**
 * Makes `db.prepare(sql)` return one compiled statement per SQL text, and returns `db`. SQLite parses and plans a
 * statement on every prepare (tens of µs for the store's joins); the API's read methods prepared several per call,
 * about a tenth of the web server's main-thread time under load (bench:load). The store's SQL texts are a fixed
 * set, so the cache stays small. better-sqlite3 statements are reusable; the store never iterates one statement
 * inside another use of it, the one case where sharing would fail.
 */
export function cachePreparedStatements(db: Database.Database): Database.Database {
  const prepareOnce = db.prepare.bind(db);
  const statements = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepareOnce(sql);
      statements.set(sql, statement);
    }
    return statement;
  }) as Database.Database['prepare'];
  return db;
}
