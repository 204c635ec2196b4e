/** Vite's `?url` imports: the built file's address (the worker fetches its data this way). */
declare module '*?url' {
  const url: string;
  export default url;
}
