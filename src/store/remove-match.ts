import { sep } from 'node:path';

/** SQL `LIKE` pattern (escape character `\`) for every path below a folder, its own % and _ taken literally. */
export function folderPattern(folder: string): string {
  const prefix = folder.endsWith(sep) ? folder : `${folder}${sep}`;
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
