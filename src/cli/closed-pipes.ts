interface Stream {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/** What a closed reader looks like to a writer: EPIPE, EOF on Windows pipes, then a destroyed stream. */
const CLOSED = new Set(['EPIPE', 'EOF', 'ERR_STREAM_DESTROYED']);

/**
 * `exrunbook catalog | head -n 1`: once the reader has gone, what is left to print is dropped
 * quietly and the run ends with exit 0, never an EPIPE stack trace. The work itself is not cut
 * short (a build still commits its output folder or cleans up after itself): every command writes
 * stdout only when its work is done, and a closed stderr only loses progress lines.
 */
export function watchClosedPipes(stdout: Stream, stderr: Stream, onStdoutClosed: () => void): { readonly stdoutClosed: () => boolean } {
  let stdoutClosed = false;
  stdout.on('error', (error) => {
    if (!CLOSED.has(error.code ?? '')) throw error;
    stdoutClosed = true;
    onStdoutClosed();
  });
  stderr.on('error', (error) => {
    if (!CLOSED.has(error.code ?? '')) throw error;
  });
  return { stdoutClosed: () => stdoutClosed };
}
