// Reads single entries of a zip archive with a limit on how much they may unzip to. fflate's
// unzipSync trusts the sizes the archive declares (it allocates them up front, up to 4 GB) and
// inflates an entry in one call, so a small zip bomb costs gigabytes and cannot be stopped. Here
// the central directory is read by hand and an entry is inflated in small pieces, counting.
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

export class ZipError extends Error {}

/** Compressed bytes fed to the inflater at a time: one push unzips to at most ~1,000 times this. */
const PIECE = 4096;

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65535; i--) {
    if (u32(bytes, i) === 0x06054b50) return i;
  }
  throw new ZipError('it is not a zip archive');
}

/** Reads ZIP64 values that are 0xFFFFFFFF in the central header from its 0x0001 extra field. */
function zip64Values(bytes: Uint8Array, extraStart: number, extraEnd: number, wanted: number): number[] {
  for (let i = extraStart; i + 4 <= extraEnd;) {
    const id = u16(bytes, i);
    const size = u16(bytes, i + 2);
    if (id === 0x0001) {
      const values: number[] = [];
      for (let k = 0; k < wanted && i + 4 + k * 8 + 8 <= extraEnd; k++) {
        const at = i + 4 + k * 8;
        values.push(u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32);
      }
      return values;
    }
    i += 4 + size;
  }
  return [];
}

export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const end = findEndOfCentralDirectory(bytes);
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count && at !== 0xffffffff; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new ZipError('its list of files is damaged');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = u32(bytes, at + 20);
    let declaredSize = u32(bytes, at + 24);
    let localHeaderOffset = u32(bytes, at + 42);
    const extraStart = at + 46 + nameLength;
    const big = [declaredSize, compressedSize, localHeaderOffset].filter((v) => v === 0xffffffff).length;
    if (big > 0) {
      const values = zip64Values(bytes, extraStart, extraStart + extraLength, big);
      if (declaredSize === 0xffffffff) declaredSize = values.shift() ?? declaredSize;
      if (compressedSize === 0xffffffff) compressedSize = values.shift() ?? compressedSize;
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = values.shift() ?? localHeaderOffset;
    }
    entries.push({ name, method: u16(bytes, at + 10), compressedSize, declaredSize, localHeaderOffset });
    at = extraStart + extraLength + commentLength;
  }
  return entries;
}

const sizeText = (bytes: number) => (bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * The entry's bytes, or a ZipError when they would pass `limit` (whatever size the archive
 * declares) or the entry cannot be read. `checkCancelled` runs between pieces.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, limit: number, checkCancelled?: () => void): Uint8Array {
  const tooBig = () => new ZipError(`${entry.name} unzips to more than ${sizeText(limit)}, the limit for one file`);
  if (entry.declaredSize > limit) throw tooBig();
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw new ZipError(`${entry.name} is damaged`);
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError(`${entry.name} is cut short`);
  if (entry.method === 0) {
    if (entry.compressedSize > limit) throw tooBig();
    return bytes.slice(start, end);
  }
  if (entry.method !== 8) throw new ZipError(`${entry.name} uses an unsupported compression method (${entry.method})`);
  const pieces: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw tooBig();
    pieces.push(chunk);
    finished = final;
  });
  for (let at = start; at < end; at += PIECE) {
    checkCancelled?.();
    const last = at + PIECE >= end;
    try {
      inflater.push(bytes.subarray(at, Math.min(end, at + PIECE)), last);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError(`${entry.name} is damaged (${(error as Error).message})`);
    }
  }
  if (!finished && entry.compressedSize > 0) throw new ZipError(`${entry.name} is cut short`);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
