// How an export names what it wrote: a handful of files by name, a brat folder of 40,000 files by
// its folder and count (listing them all made a megabyte-long line in the terminal).
export const FILES_LISTED = 8;

export interface WrittenFiles {
  /** The first files, at most FILES_LISTED. */
  listed: string[];
  /** Files not listed. */
  more: number;
  /** The folder holding every file ('' when they share none). */
  folder: string;
}

export function writtenFiles(files: readonly string[]): WrittenFiles {
  return { listed: files.slice(0, FILES_LISTED), more: Math.max(0, files.length - FILES_LISTED), folder: commonFolder(files) };
}

/** The longest folder path every file is in; both / and \ separate folders. */
export function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return '';
  const folderOf = (file: string) => file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  let common = folderOf(files[0]);
  for (const file of files) {
    while (!file.startsWith(common)) common = folderOf(common.slice(0, -1));
  }
  return common.length > 1 ? common.slice(0, -1) : common;
}
