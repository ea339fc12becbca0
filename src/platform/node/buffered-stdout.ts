/**
 * Log lines for stdout, gathered and written once per turn of the event loop. On Linux a write to a pipe is
 * a synchronous system call, so one per request line costs more than the request itself under load.
 * Warnings and errors, and whatever is pending when the process exits, are written at once: no last line is lost.
 */
export function createBufferedStdout(stream: NodeJS.WritableStream = process.stdout) {
  let pending: string[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(chunk);
  };

  process.on('exit', flush);

  return {
    write(line: string, level: string) {
      pending.push(line);
      if (level === 'warn' || level === 'error' || pending.length >= 512) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
