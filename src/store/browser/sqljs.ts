/**
 * The part of sql.js (SQLite compiled to WebAssembly, in memory) the browser store uses. sql.js
 * ships no types; these are written from its documentation. The same wasm runs in the browser
 * and under Node (the conformance suite).
 */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlStatement {
  bind(params?: SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  getAsObject(): Record<string, SqlValue>;
  getColumnNames(): string[];
  free(): boolean;
}

export interface SqlDatabase {
  exec(sql: string): unknown;
  run(sql: string, params?: SqlValue[]): SqlDatabase;
  prepare(sql: string): SqlStatement;
  getRowsModified(): number;
  /** The whole database file (closes open statements and resets PRAGMAs). */
  export(): Uint8Array;
  close(): void;
}

export interface SqlJs {
  Database: new (bytes?: Uint8Array) => SqlDatabase;
}

/**
 * All rows of a statement as objects (as getAsObject gives them: the column names read once,
 * not once a row, and each row's values taken in one call).
 */
export function all<T = Record<string, SqlValue>>(db: SqlDatabase, sql: string, params: SqlValue[] = []): T[] {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    const out: T[] = [];
    let names: string[] | undefined;
    while (st.step()) {
      const values = st.get();
      names ??= st.getColumnNames();
      const row: Record<string, SqlValue> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i]!;
      out.push(row as T);
    }
    return out;
  } finally {
    st.free();
  }
}

/** The first row, or undefined. */
export function one<T = Record<string, SqlValue>>(db: SqlDatabase, sql: string, params: SqlValue[] = []): T | undefined {
  const st = db.prepare(sql);
  try {
    st.bind(params);
    return st.step() ? (st.getAsObject() as T) : undefined;
  } finally {
    st.free();
  }
}

/** Runs a statement; the number of rows it changed. */
export function run(db: SqlDatabase, sql: string, params: SqlValue[] = []): number {
  db.run(sql, params);
  return db.getRowsModified();
}
