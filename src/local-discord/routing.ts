/** REST routing: a route is a method, a path template and a handler. */
import type { Json } from './types.ts';
import type { ApiResponse } from './wire.ts';

// ---------------------------------------------------------------------------------------------------------
// REST routing
// ---------------------------------------------------------------------------------------------------------

export interface ApiRequest {
  method: string;
  /** When the request arrived: Discord judges deadlines by arrival, however slowly it then answers. */
  receivedAt: number;
  query: Record<string, string>;
  body: Json;
  hasFiles: boolean;
  params: Record<string, string>;
}

export interface Route {
  method: string;
  segments: string[];
  /** Whether Discord requires `Authorization: Bot <token>`; interaction callbacks and webhooks do not. */
  auth: boolean;
  handle: (req: ApiRequest) => ApiResponse;
}

/** Matches `/a/:x/b` against decoded path segments; literal segments must be equal. */
export function matchSegments(template: string[], segments: string[]): Record<string, string> | null {
  if (template.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const actual = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = actual;
    else if (part !== actual) return null;
  }
  return params;
}
