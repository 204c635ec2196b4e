/** sql.js ships no types: its loader, as the browser store uses it (the database types are in sqljs.ts). */
declare module 'sql.js' {
  const initSqlJs: (config?: { locateFile?: (file: string) => string; wasmBinary?: ArrayBuffer | Uint8Array }) => Promise<unknown>;
  export default initSqlJs;
}
