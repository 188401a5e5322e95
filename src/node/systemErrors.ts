/** What Node's error codes mean, in words, for one-line messages. */
const REASONS = new Map<string, string>([
  ['ENOENT', 'no such file or folder'],
  ['EISDIR', 'is a folder, not a file'],
  ['ENOTDIR', 'a part of the path is not a folder'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['EROFS', 'read-only file system'],
  ['ENOSPC', 'no space left on the device'],
  ['EDQUOT', 'disk quota exceeded'],
  ['EEXIST', 'already exists'],
  ['EMFILE', 'too many open files'],
  ['EADDRINUSE', 'address already in use'],
  ['EADDRNOTAVAIL', 'not an address of this machine'],
  ['ENOTFOUND', 'host name not found'],
  ['EAI_AGAIN', 'host name lookup failed (temporary)'],
]);

/** "permission denied (EACCES)" for a Node system error; the message for anything else. */
export function describeSystemError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return `${REASONS.get(code) ?? (error as Error).message} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Node's own errors (fs, net, dns) carry a string code such as ENOENT. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
