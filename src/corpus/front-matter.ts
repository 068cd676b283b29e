/**
 * Reading an article's YAML front matter. Problems are reported with the line of the FILE they are
 * on (the front matter starts after the opening `---`), so an editor can go straight to it.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** Why front matter is unusable, and the 1-based file line at fault when one is. */
export interface FrontMatterProblem {
  reason: string;
  line?: number;
}

/**
 * Parses `yaml`, whose first line is line `firstLine` of the file, and validates it with `schema`:
 * the data, or the first problem with its file line.
 */
export function readFrontMatter<Schema extends z.ZodType>(
  yaml: string,
  firstLine: number,
  schema: Schema,
): { data: z.output<Schema> } | { problem: FrontMatterProblem } {
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false });
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const syntax = document.errors[0];
  if (syntax) {
    return {
      problem: {
        reason: `front matter is not valid YAML: ${syntax.message.split('\n')[0]}`,
        line: fileLine(syntax.pos[0]),
      },
    };
  }
  const meta = schema.safeParse(document.toJS() ?? {});
  if (meta.success) return { data: meta.data };
  const issue = meta.error.issues[0];
  // An unknown key has no path of its own: point at the key itself.
  const path = issue?.code === 'unrecognized_keys' ? [String(issue.keys[0])] : (issue?.path ?? []);
  const node = path.length > 0 ? document.getIn(path.map(String), true) : undefined;
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return {
    problem: {
      reason: ['front matter', issue?.path.join('.'), issue?.message].filter(Boolean).join(': '),
      ...(range ? { line: fileLine(range[0]) } : {}),
    },
  };
}
