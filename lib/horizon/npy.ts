/**
 * NumPy `.npy` (format versions 1–3) and `.npz` (a zip of `.npy` files, stored or deflated, zip64 aware) readers and
 * writers, so users can analyse the official BRIDGE `consolidated.npz` MDPs they have on disk and save their own.
 *
 * @module
 */
import { describe } from "../core/errors.ts";

/** Element types we read and write (little- or big-endian in files; returned in native typed arrays). */
export type NpyDtype = "f8" | "f4" | "i8" | "u8" | "i4" | "u4" | "i2" | "u2" | "i1" | "u1" | "b1";

/** A decoded array: data in C (row-major) order. 64-bit integers come back as `Float64Array` (exact below 2^53). */
export interface NpyArray {
  /** NumPy type code without byte order, e.g. `"f4"`, `"i8"`. */
  dtype: NpyDtype;
  /** Shape, e.g. `[197, 3]`. */
  shape: number[];
  /** Elements in row-major order. */
  data:
    | Float64Array
    | Float32Array
    | Int32Array
    | Uint32Array
    | Int16Array
    | Uint16Array
    | Int8Array
    | Uint8Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** Bytes per element of each dtype. */
const item: Record<NpyDtype, number> = {
  f8: 8,
  f4: 4,
  i8: 8,
  u8: 8,
  i4: 4,
  u4: 4,
  i2: 2,
  u2: 2,
  i1: 1,
  u1: 1,
  b1: 1,
};

function parseHeader(text: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new RangeError(`npy header must hold descr, fortran_order and shape, got ${JSON.stringify(text)}`);
  }
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  return { descr, fortran: fortran === "True", shape };
}

/**
 * Decode one `.npy` file.
 *
 * @example
 * ```ts
 * import { readNpy, writeNpy } from "./npy.ts";
 * const bytes = writeNpy({ dtype: "i4", shape: [2, 2], data: new Int32Array([1, 2, 3, 4]) });
 * readNpy(bytes).shape; // [2, 2]
 * ```
 */
export function readNpy(bytes: Uint8Array): NpyArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes must be a Uint8Array, got ${describe(bytes)}`);
  }
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new RangeError("bytes must start with the .npy magic string \\x93NUMPY");
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(
    bytes.subarray(start, start + headerLen),
  );
  const { descr, fortran, shape } = parseHeader(header);
  const order = descr[0];
  const dtype = descr.slice(1) as NpyDtype;
  const little = order === "<" || order === "|" || order === "=";
  const size = shape.reduce((a, b) => a * b, 1);
  let offset = start + headerLen;
  if (!(dtype in item)) {
    throw new RangeError(`npy dtype must be one of ${Object.keys(item).join(", ")}, got ${descr}`);
  }
  if (bytes.length < offset + size * item[dtype]) {
    throw new RangeError(
      `npy data is truncated: need ${size * item[dtype]} bytes, have ${bytes.length - offset}`,
    );
  }
  const read = <T extends NpyArray["data"]>(out: T, get: (o: number) => number): T => {
    for (let i = 0; i < size; i++, offset += item[dtype]) out[i] = get(offset);
    return out;
  };
  let data: NpyArray["data"];
  switch (dtype) {
    case "f8":
      data = read(new Float64Array(size), (o) => view.getFloat64(o, little));
      break;
    case "f4":
      data = read(new Float32Array(size), (o) => view.getFloat32(o, little));
      break;
    case "i8":
      data = read(new Float64Array(size), (o) => Number(view.getBigInt64(o, little)));
      break;
    case "u8":
      data = read(new Float64Array(size), (o) => Number(view.getBigUint64(o, little)));
      break;
    case "i4":
      data = read(new Int32Array(size), (o) => view.getInt32(o, little));
      break;
    case "u4":
      data = read(new Uint32Array(size), (o) => view.getUint32(o, little));
      break;
    case "i2":
      data = read(new Int16Array(size), (o) => view.getInt16(o, little));
      break;
    case "u2":
      data = read(new Uint16Array(size), (o) => view.getUint16(o, little));
      break;
    case "i1":
      data = read(new Int8Array(size), (o) => view.getInt8(o));
      break;
    default:
      data = read(new Uint8Array(size), (o) => view.getUint8(o));
  }
  return { dtype, shape, data: fortran && shape.length > 1 ? toRowMajor(data, shape) : data };
}

/** Reorder column-major (Fortran) data into row-major order. */
function toRowMajor<T extends NpyArray["data"]>(data: T, shape: number[]): T {
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const n = shape.length;
  const index = new Array<number>(n).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let d = n - 1; d >= 0; d--) f = f * shape[d] + index[d];
    out[c] = data[f];
    for (let d = n - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/**
 * Encode one array as `.npy` version 1.0, little-endian (`i8`/`u8` data are written from their Number values).
 *
 * @example
 * ```ts
 * import { writeNpy } from "./npy.ts";
 * const bytes = writeNpy({ dtype: "f4", shape: [3], data: new Float32Array([1, 2, 3]) });
 * ```
 */
export function writeNpy(array: NpyArray): Uint8Array {
  const { dtype, shape, data } = array;
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new RangeError(`data must have ${size} elements for shape [${shape}], got ${data.length}`);
  }
  if (!(dtype in item)) {
    throw new RangeError(`dtype must be one of ${Object.keys(item).join(", ")}, got ${describe(dtype)}`);
  }
  const order = item[dtype] === 1 ? "|" : "<";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${order}${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header = header + " ".repeat(pad % 64) + "\n";
  const out = new Uint8Array(10 + header.length + size * item[dtype]);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  let o = 10 + header.length;
  for (let i = 0; i < size; i++, o += item[dtype]) {
    const x = data[i];
    switch (dtype) {
      case "f8":
        view.setFloat64(o, x, true);
        break;
      case "f4":
        view.setFloat32(o, x, true);
        break;
      case "i8":
        view.setBigInt64(o, BigInt(x), true);
        break;
      case "u8":
        view.setBigUint64(o, BigInt(x), true);
        break;
      case "i4":
        view.setInt32(o, x, true);
        break;
      case "u4":
        view.setUint32(o, x, true);
        break;
      case "i2":
        view.setInt16(o, x, true);
        break;
      case "u2":
        view.setUint16(o, x, true);
        break;
      case "i1":
        view.setInt8(o, x);
        break;
      default:
        view.setUint8(o, x);
    }
  }
  return out;
}

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new DecompressionStream("deflate-raw"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new RangeError("bytes must be a zip (.npz) file: no end-of-central-directory record found");
  }
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20; // zip64 end-of-central-directory locator
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) {
      throw new RangeError("corrupt zip64 .npz file");
    }
    const z64 = Number(view.getBigUint64(locator + 8, true));
    count = Number(view.getBigUint64(z64 + 32, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (view.getUint32(p, true) !== 0x02014b50) {
      throw new RangeError(`corrupt .npz central directory at byte ${p}`);
    }
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    // zip64 extra field (id 1): the 64-bit values of the fields saturated at 0xffffffff, in this order
    for (let e = p + 46 + nameLen; e < p + 46 + nameLen + extraLen;) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          (uncompressedSize = Number(view.getBigUint64(q, true))), (q += 8);
        }
        if (compressedSize === 0xffffffff) (compressedSize = Number(view.getBigUint64(q, true))), (q += 8);
        if (localOffset === 0xffffffff) localOffset = Number(view.getBigUint64(q, true));
      }
      e += 4 + len;
    }
    entries.push({ name, method, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Decode a `.npz` archive into arrays keyed by name (without `.npy`). `only` limits decoding to some arrays (BRIDGE
 * files carry tens of MB of screens that the analysis does not need).
 *
 * @example
 * ```ts
 * import { readNpz, writeNpz } from "./npy.ts";
 * const bytes = writeNpz({ x: { dtype: "i4", shape: [2], data: new Int32Array([1, 2]) } });
 * const { x } = await readNpz(bytes);
 * ```
 */
export async function readNpz(
  bytes: Uint8Array,
  opts: { only?: string[] } = {},
): Promise<Record<string, NpyArray>> {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes must be a Uint8Array, got ${describe(bytes)}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, NpyArray> = {};
  for (const entry of zipEntries(bytes)) {
    const key = entry.name.replace(/\.npy$/, "");
    if (opts.only && !opts.only.includes(key)) continue;
    const p = entry.localOffset;
    if (view.getUint32(p, true) !== 0x04034b50) {
      throw new RangeError(`corrupt .npz local header for ${entry.name}`);
    }
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const raw = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new RangeError(
        `${entry.name}: zip method must be 0 (stored) or 8 (deflate), got ${entry.method}`,
      );
    }
    out[key] = readNpy(entry.method === 8 ? await inflateRaw(raw) : raw);
  }
  for (const name of opts.only ?? []) {
    if (!(name in out)) throw new RangeError(`npz has no array named ${JSON.stringify(name)}`);
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Encode arrays as an uncompressed `.npz` (what `numpy.savez` writes; `numpy.load` reads it).
 *
 * @example
 * ```ts
 * import { writeNpz } from "./npy.ts";
 * const bytes = writeNpz({ rewards: { dtype: "f4", shape: [1, 2], data: new Float32Array([0, 1]) } });
 * ```
 */
export function writeNpz(arrays: Record<string, NpyArray>): Uint8Array {
  const files = Object.entries(arrays).map(([name, arr]) => ({
    name: new TextEncoder().encode(`${name}.npy`),
    data: writeNpy(arr),
  }));
  const localSize = files.reduce((n, f) => n + 30 + f.name.length + f.data.length, 0);
  const cdSize = files.reduce((n, f) => n + 46 + f.name.length, 0);
  const out = new Uint8Array(localSize + cdSize + 22);
  const view = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  const crcs = files.map((f) => crc32(f.data));
  files.forEach((f, i) => {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint32(p + 14, crcs[i], true);
    view.setUint32(p + 18, f.data.length, true);
    view.setUint32(p + 22, f.data.length, true);
    view.setUint16(p + 26, f.name.length, true);
    out.set(f.name, p + 30);
    out.set(f.data, p + 30 + f.name.length);
    p += 30 + f.name.length + f.data.length;
  });
  const cdStart = p;
  files.forEach((f, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint32(p + 16, crcs[i], true);
    view.setUint32(p + 20, f.data.length, true);
    view.setUint32(p + 24, f.data.length, true);
    view.setUint16(p + 28, f.name.length, true);
    view.setUint32(p + 42, offsets[i], true);
    out.set(f.name, p + 46);
    p += 46 + f.name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, files.length, true);
  view.setUint16(p + 10, files.length, true);
  view.setUint32(p + 12, p - cdStart, true);
  view.setUint32(p + 16, cdStart, true);
  return out;
}
