/** Application command registration: global and guild scopes, as Discord validates and stores them. */
import { ApplicationCommandType } from 'discord.js';
import type { ApiRequest } from './routing.ts';
import { ServerState } from './state.ts';
import type { Json } from './types.ts';
import {
  type ApiResponse,
  apiError,
  commandErrors,
  invalidFormBody,
  isApiResponse,
  json,
  noContent,
  snowflake,
} from './wire.ts';

export abstract class ApplicationCommands extends ServerState {
  // ----- application commands --------------------------------------------------------------------------

  /** The scope a commands URL names (`'global'` or a guild id) and its commands, or Discord's error. */
  protected commandScope(req: ApiRequest): { scope: string; list: Json[] } | ApiResponse {
    if (req.params.app !== this.applicationId) return apiError(404, 10002, 'Unknown Application');
    const scope = req.params.guild ?? 'global';
    if (scope !== 'global' && !this.guilds.some((guild) => guild.id === scope)) {
      return apiError(404, 10004, 'Unknown Guild');
    }
    return { scope, list: this.commandScopes.get(scope) ?? [] };
  }

  /** A stored command as Discord returns it: the bot's fields plus ids, version and defaults. */
  protected toCommand(input: Json, scope: string, existing: Json | undefined): Json {
    return {
      ...input,
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type: input.type ?? ApplicationCommandType.ChatInput,
      description: input.description ?? '',
      options: input.options ?? [],
      default_member_permissions: input.default_member_permissions ?? null,
      nsfw: input.nsfw ?? false,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    };
  }

  protected listCommands(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    return isApiResponse(found) ? found : json(found.list);
  }

  /** PUT: replaces the scope's commands; a command keeps its id while its name and type stay the same. */
  protected overwriteCommands(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    if (!Array.isArray(req.body)) {
      return invalidFormBody([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
    }
    const inputs: Json[] = req.body;
    const errors = inputs.flatMap((input, i) => commandErrors(input, [i]));
    inputs.forEach((input, i) => {
      if (inputs.findIndex((other) => sameCommand(other, input)) !== i) {
        errors.push({
          path: [i, 'name'],
          code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
          message: 'Duplicate name',
        });
      }
    });
    if (errors.length) return invalidFormBody(errors);
    const next = inputs.map((input) =>
      this.toCommand(
        input,
        found.scope,
        found.list.find((old) => sameCommand(old, input)),
      ),
    );
    this.commandScopes.set(found.scope, next);
    return json(next);
  }

  /** POST: creates a command (201) or overwrites the one with the same name and type (200). */
  protected upsertCommand(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    const errors = commandErrors(req.body, []);
    if (errors.length) return invalidFormBody(errors);
    const existing = found.list.find((old) => sameCommand(old, req.body));
    const command = this.toCommand(req.body, found.scope, existing);
    this.commandScopes.set(found.scope, [...found.list.filter((old) => old !== existing), command]);
    return json(command, existing ? 200 : 201);
  }

  protected getCommand(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    const command = found.list.find((candidate) => candidate.id === req.params.command);
    return command ? json(command) : apiError(404, 10063, 'Unknown application command');
  }

  protected deleteCommand(req: ApiRequest): ApiResponse {
    const found = this.commandScope(req);
    if (isApiResponse(found)) return found;
    const rest = found.list.filter((candidate) => candidate.id !== req.params.command);
    if (rest.length === found.list.length) return apiError(404, 10063, 'Unknown application command');
    this.commandScopes.set(found.scope, rest);
    return noContent;
  }
}

/** Commands are identified by name within their type. */
function sameCommand(a: Json, b: Json): boolean {
  const typeOf = (command: Json) => command?.type ?? ApplicationCommandType.ChatInput;
  return a?.name === b?.name && typeOf(a) === typeOf(b);
}
