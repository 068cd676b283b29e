/** Interaction callbacks, follow-ups and webhook edits of interaction responses. */
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord.js';
import { ApplicationCommands } from './commands.ts';
import type { ApiRequest } from './routing.ts';
import type { InteractionState } from './state.ts';
import type { Json } from './types.ts';
import {
  type ApiResponse,
  apiError,
  CREATE_FLAGS,
  INTERACTION_TOKEN_LIFETIME_MS,
  invalidFormBody,
  isApiResponse,
  json,
  messageRejection,
  noContent,
  unknownMessage,
  validateChoices,
  validateMessage,
} from './wire.ts';

export abstract class Interactions extends ApplicationCommands {
  // ----- interactions ----------------------------------------------------------------------------------

  /**
   * POST /interactions/:id/:token/callback. Each interaction accepts exactly one callback, of a type that
   * fits it, within the acknowledgement deadline; a rejected callback leaves it unacknowledged.
   */
  protected interactionCallback(req: ApiRequest): ApiResponse {
    const state = this.interactions.get(req.params.interaction as string);
    if (
      !state ||
      state.token !== req.params.token ||
      req.receivedAt - state.createdAt > this.acknowledgeWithinMs
    ) {
      return apiError(404, 10062, 'Unknown interaction');
    }
    if (state.acknowledged) return apiError(400, 40060, 'Interaction has already been acknowledged.');
    const body = req.body ?? {};
    const type = body.type as InteractionResponseType;
    if (!allowedCallbackTypes(state).includes(type)) {
      return invalidFormBody([
        {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: 'Invalid interaction response type',
        },
      ]);
    }
    const rejection = callbackRejection(type, body.data, req.hasFiles);
    if (rejection) return rejection;
    const message = this.performCallback(state, type, body.data ?? {});
    state.acknowledged = true;
    state.resolveCallback(body);
    if (req.query.with_response !== 'true') return noContent;
    const flags = message?.flags ?? 0;
    return json({
      interaction: {
        id: state.id,
        type: state.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (flags & MessageFlags.Loading) !== 0,
              response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message } : {}) },
    });
  }

  /** The message a callback creates or updates, if any; also fixes what `@original` refers to. */
  protected performCallback(state: InteractionState, type: InteractionResponseType, data: Json): Json | null {
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const deferredReply = type === InteractionResponseType.DeferredChannelMessageWithSource;
        const flags = deferredReply
          ? MessageFlags.Loading | (Number(data.flags ?? 0) & MessageFlags.Ephemeral)
          : Number(data.flags ?? 0) & CREATE_FLAGS;
        const message = this.createBotMessage(state.channel, deferredReply ? {} : data, {
          type: responseMessageType(state),
          flags,
          interaction: state,
        });
        state.originalMessageId = message.id;
        return message;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        state.originalMessageId = state.componentMessageId;
        return null;
      case InteractionResponseType.UpdateMessage:
        state.originalMessageId = state.componentMessageId;
        return this.editBotMessage(state.componentMessageId as string, data);
      default:
        return null;
    }
  }

  /** The interaction behind a webhook URL (for interactions, the webhook id is the application id). */
  protected webhookInteraction(req: ApiRequest): InteractionState | ApiResponse {
    if (req.params.app !== this.applicationId) return apiError(404, 10015, 'Unknown Webhook');
    const state = this.interactionsByToken.get(req.params.token as string);
    if (!state || Date.now() - state.createdAt > INTERACTION_TOKEN_LIFETIME_MS) {
      return apiError(401, 50027, 'Invalid Webhook Token');
    }
    return state;
  }

  /** POST /webhooks/:app/:token: a follow-up, possible only once the interaction was acknowledged. */
  protected followUp(req: ApiRequest): ApiResponse {
    const state = this.webhookInteraction(req);
    if (isApiResponse(state)) return state;
    if (!state.acknowledged) return apiError(404, 10015, 'Unknown Webhook');
    const rejection = messageRejection(req.body, req.hasFiles);
    if (rejection) return rejection;
    const message = this.createBotMessage(state.channel, req.body, {
      type: responseMessageType(state),
      flags: Number(req.body.flags ?? 0) & CREATE_FLAGS,
      interaction: state,
    });
    return req.query.wait === 'true' ? json(message) : noContent;
  }

  /** GET/PATCH/DELETE /webhooks/:app/:token/messages/:id, where `@original` is the interaction's response. */
  protected webhookMessage(req: ApiRequest): ApiResponse {
    const state = this.webhookInteraction(req);
    if (isApiResponse(state)) return state;
    const id = req.params.message === '@original' ? state.originalMessageId : (req.params.message as string);
    const stored = id ? this.store.get(id) : undefined;
    if (!id || !stored || stored.deleted) return unknownMessage();
    if (id !== state.originalMessageId && stored.interactionToken !== state.token) return unknownMessage();
    return this.readEditOrDelete(req, id, stored);
  }
}

/** The callback types Discord accepts for an interaction, by its type (PING is never dispatched here). */
function allowedCallbackTypes(state: InteractionState): InteractionResponseType[] {
  const reply = [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
  ];
  const update = [InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage];
  switch (state.type) {
    case InteractionType.ApplicationCommand:
      return [...reply, InteractionResponseType.Modal];
    case InteractionType.MessageComponent:
      return [...reply, ...update, InteractionResponseType.Modal];
    case InteractionType.ApplicationCommandAutocomplete:
      return [InteractionResponseType.ApplicationCommandAutocompleteResult];
    case InteractionType.ModalSubmit:
      // A modal opened from a component may update that component's message.
      return state.componentMessageId ? [...reply, ...update] : reply;
    default:
      return [];
  }
}

/** Responses to commands show as command messages; responses to components and modals as plain ones. */
function responseMessageType(state: InteractionState): MessageType {
  if (state.type !== InteractionType.ApplicationCommand) return MessageType.Default;
  return state.commandType === ApplicationCommandType.ChatInput
    ? MessageType.ChatInputCommand
    : MessageType.ContextMenuCommand;
}

/** Why Discord would refuse this callback's `data`, or null. */
function callbackRejection(type: InteractionResponseType, data: Json, hasFiles: boolean): ApiResponse | null {
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      return messageRejection(data, hasFiles, ['data']);
    case InteractionResponseType.UpdateMessage: {
      const errors = validateMessage(data, ['data']);
      return errors.length ? invalidFormBody(errors) : null;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const errors = validateChoices(data?.choices);
      return errors.length ? invalidFormBody(errors) : null;
    }
    case InteractionResponseType.Modal: {
      const missing = (['custom_id', 'title', 'components'] as const).filter((key) => !data?.[key]);
      return missing.length
        ? invalidFormBody(
            missing.map((key) => ({
              path: ['data', key],
              code: 'BASE_TYPE_REQUIRED',
              message: 'This field is required',
            })),
          )
        : null;
    }
    default:
      return null;
  }
}
