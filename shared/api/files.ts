import { z } from 'zod';

// The browser mode has no native file dialog: the server lists folders and project files for the
// page's own file browser. Only names, sizes and dates — never a file's contents.
export const filesInputs = {
  /** Lists a folder (absolute path; absent: the default projects folder, or home when it does not exist yet). */
  'files:browse': z
    .object({
      path: z
        .string()
        .min(1)
        .max(4096)
        .refine((path) => !path.includes('\0'), 'a path cannot contain a NUL character')
        .optional(),
      /** Also list files with these extensions (without the dot, any case), as kind 'file': a gazetteer's .txt or .csv. */
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/i, 'extensions: give bare extensions such as txt or csv'))
        .max(10)
        .optional(),
    })
    .strict(),
};

export interface FileEntry {
  /** As shown; a name that is not valid UTF-8 has U+FFFD where its bytes could not be read. */
  name: string;
  kind: 'folder' | 'project' | 'file';
  /** Absolute path to open or enter; null when the name is not valid UTF-8 (it cannot be named here). */
  path: string | null;
  /** Bytes, for projects and files; null for folders. */
  size: number | null;
  /** ISO time of the last change; null when it could not be read. */
  modified: string | null;
  /** The name is not valid UTF-8 (a GBK name from an old archive): rename it to open it. */
  invalidName?: boolean;
}

export interface FolderListing {
  path: string;
  /** null at the root. */
  parent: string | null;
  home: string;
  projectsDir: string;
  entries: FileEntry[];
  /** Entries past the listing's limit, left out. */
  leftOut: number;
}

type In<K extends keyof typeof filesInputs> = z.infer<(typeof filesInputs)[K]>;

export type FilesApi = {
  'files:browse': (a: In<'files:browse'>) => Promise<FolderListing>;
};
