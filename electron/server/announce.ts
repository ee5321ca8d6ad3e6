// The line the browser mode prints when it is ready, and how launchers (npm start's tests, the
// end-to-end fixtures, the benchmarks) read the URL back out of a child process's output.
import type { ChildProcess } from 'node:child_process';

const READY_URL = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/;

export function readyLine(url: string, reason = ''): string {
  return `Biaozhu: ${reason ? `${reason}, so ` : ''}running in browser mode — open ${url}`;
}

export function readyUrl(output: string): string | null {
  return READY_URL.exec(output)?.[1] ?? null;
}

/** Resolves with the server's URL once it prints it; rejects with its output if it exits or times out. */
export function waitForReadyUrl(
  child: ChildProcess,
  timeoutMs: number,
  explainExit: (code: number | null, output: string) => Error = (code, output) => new Error(`browser server exited with ${code}:\n${output.slice(-2000)}`),
): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser server did not start in ${timeoutMs / 1000} s:\n${output.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = readyUrl(output);
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(explainExit(code, output));
    });
  });
}
