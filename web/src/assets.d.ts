/** Vite's `?url` imports: the built file's address (the worker fetches its data this way). */
declare module '*?url' {
  const url: string;
  export default url;
}

/** The one-step report's formats, built into the worker as data (web/vite.app.config.ts). */
declare module '*/data/act/report-formats.yaml' {
  const formats: unknown;
  export default formats;
}
