// Saving a file from the renderer: an object URL clicked as a download, which works in the desktop
// window and in the browser mode alike.

/** Offers a blob as a file download under `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers CSV `text` as a file download, with a BOM so that spreadsheet programs read the Chinese as UTF-8. */
export function download(name: string, text: string): void {
  downloadBlob(name, new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
}
