import Database from 'better-sqlite3';

/**
 * Whether `error` is SQLite refusing a second row with the same `table.column` (a unique index or key).
 * The stores check for an existing row inside an immediate transaction, so this only happens when a
 * writer got past that check anyway; they turn it into the same ConflictError as the check.
 */
export function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') &&
    error.message.includes(column)
  );
}
