// opencc-js ships its dictionaries as ES modules exporting one string each ("繁 简|…").
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
