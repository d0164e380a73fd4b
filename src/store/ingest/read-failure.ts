/** The reason a file or folder could not be read, e.g. "cannot read (EACCES: permission denied)". */
export function readFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  // Node's message repeats the code and the path ("EACCES: permission denied, open '/x'"); the
  // skip already names the path.
  const message = (e.message ?? String(error)).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return e.code ? `cannot read (${e.code}: ${message})` : `cannot read (${message})`;
}
