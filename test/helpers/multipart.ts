/** A multipart/form-data body with the given files, each in field "file" (as the page's FormData sends them). */
export function multipart(files: { name: string; type: string; data: Buffer }[]): { body: Buffer; type: string } {
  const b = '----ocr' + Math.random().toString(16).slice(2);
  const parts = files.flatMap((f) => [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n')]);
  return { body: Buffer.concat([...parts, Buffer.from(`--${b}--\r\n`)]), type: `multipart/form-data; boundary=${b}` };
}
