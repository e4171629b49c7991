/** A file picked in the browser, ready for `import/upload`. */
export interface UploadFile {
  /**
   * The name sent to the server: the path inside a picked folder (`advanced/intro.md`), without
   * the folder's own name, so documents get the ids `import/paths` of that folder would give.
   */
  name: string;
  size: number;
  file: File;
}

/** Upload limits of the contract (`import/upload`): 500 files, 90 MB of base64 each. */
export const MAX_FILES = 500;
export const MAX_FILE_BYTES = Math.floor((90 * 1024 * 1024 * 3) / 4);

/** Files from a folder picker: `corpus/notes/a.md` → `notes/a.md`. */
export function uploadName(f: File): string {
  const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
  const parts = rel ? rel.split('/').filter(Boolean) : [];
  return parts.length > 1 ? parts.slice(1).join('/') : f.name;
}

export function toUpload(files: Iterable<File>): UploadFile[] {
  return [...files].map((file) => ({ name: uploadName(file), size: file.size, file }));
}

/** Base64 of a file's bytes (bytes, not text: the server still detects binary and non-UTF-8 files). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    r.onerror = () => reject(new Error(`Could not read ${file.name}: ${r.error?.message ?? 'unknown error'}. Check that the file still exists and is readable.`));
    r.readAsDataURL(file);
  });
}

/** Walks dropped folders (drag and drop gives entries, not files). */
export async function filesFromDrop(items: DataTransferItemList): Promise<File[]> {
  const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string, depth: number): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push(prefix ? new File([file], `${prefix}__${file.name}`, { type: file.type, lastModified: file.lastModified }) : file);
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns the folder in slices; keep reading until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        // The dropped folder's own name is left out, like the folder picker does.
        const inner = depth === 0 ? '' : prefix ? `${prefix}__${entry.name}` : entry.name;
        for (const child of batch) await walk(child, inner, depth + 1);
      }
    }
  };
  for (const e of entries) await walk(e, '', 0);
  return out;
}
