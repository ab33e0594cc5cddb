/**
 * Small synchronous file helpers shared by the record files (not part of the public API).
 *
 * @module
 */

/** Write every byte (a single `writeSync` may write fewer). */
export function writeAll(file: Deno.FsFile, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += file.writeSync(bytes.subarray(off));
}

/** Read exactly `length` bytes at byte offset `position` (fewer only at end of file). */
export function readAt(file: Deno.FsFile, position: number, length: number): Uint8Array {
  const buf = new Uint8Array(length);
  file.seekSync(position, Deno.SeekMode.Start);
  let off = 0;
  while (off < length) {
    const n = file.readSync(buf.subarray(off));
    if (n === null || n === 0) break;
    off += n;
  }
  return buf.subarray(0, off);
}

/** The folder part of a path ("" when there is none). */
export function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i <= 0 ? (i === 0 ? "/" : "") : path.slice(0, i);
}
