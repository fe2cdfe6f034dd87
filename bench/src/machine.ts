import { cpus, totalmem } from 'node:os';

/** One line that says what the figures were measured on. */
export function describeMachine(): string {
  const processors = cpus();
  const memory = Math.round(totalmem() / 2 ** 30);
  return `${processors.length} × ${processors[0]?.model.trim() ?? 'unknown CPU'}, ${memory} GiB, Node ${process.version}, ${process.platform}`;
}
