/** Why a file could not be read, in words: a folder given where a file belongs is a common slip, its errno is not. */
export function unreadable(error: unknown, missing = 'file not found'): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return missing;
  if (code === 'EISDIR') return 'this is a folder, not a file';
  return `cannot be read (${(error as Error).message})`;
}
