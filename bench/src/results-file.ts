import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const RESULTS = resolve(__dirname, '..', 'RESULTS.md');
const HEADER =
  '# Benchmark results\n\nEach section is rewritten by the benchmark named in it; run them with the command shown.\n';

/** Replaces one benchmark's section of bench/RESULTS.md, leaving the others as they are. */
export async function writeResultsSection(name: string, body: string): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = await readFile(RESULTS, 'utf8').catch(() => HEADER);
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${section}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(RESULTS, next);
}
