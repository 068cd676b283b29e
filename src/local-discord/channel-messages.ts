/** Messages the bot posts, edits and deletes in channels outside interactions (mention replies). */
import { MessageType } from 'discord.js';
import { Interactions } from './interactions.ts';
import type { ApiRequest } from './routing.ts';
import type { Json } from './types.ts';
import {
  type ApiResponse,
  apiError,
  CREATE_FLAGS,
  invalidFormBody,
  json,
  messageRejection,
  unknownChannel,
  unknownMessage,
} from './wire.ts';

export abstract class ChannelMessages extends Interactions {
  // ----- channel messages ------------------------------------------------------------------------------

  /** POST /channels/:id/messages: a message, or a reply when `message_reference` names one. */
  protected createChannelMessage(req: ApiRequest): ApiResponse {
    const channel = this.channels.get(req.params.channel as string);
    if (!channel) return unknownChannel();
    const rejection = messageRejection(req.body, req.hasFiles);
    if (rejection) return rejection;
    const body = req.body;
    const ref = body.message_reference;
    let reference: Json;
    if (ref?.message_id) {
      const target = this.messageIn(ref.channel_id ?? channel.channel.id, ref.message_id);
      if (!target && ref.fail_if_not_exists !== false) {
        return invalidFormBody([
          {
            path: ['message_reference'],
            code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE',
            message: 'Unknown message',
          },
        ]);
      }
      reference = {
        message_reference: {
          type: 0,
          message_id: ref.message_id,
          channel_id: ref.channel_id ?? channel.channel.id,
          guild_id: ref.guild_id ?? channel.guild.id,
        },
        referenced_message: target ? structuredClone(target.message) : null,
      };
    }
    const message = this.createBotMessage(channel, body, {
      type: reference ? MessageType.Reply : MessageType.Default,
      flags: Number(body.flags ?? 0) & CREATE_FLAGS,
      reference,
    });
    return json(message);
  }

  /** GET/PATCH/DELETE /channels/:id/messages/:id. The bot may change only its own messages. */
  protected channelMessage(req: ApiRequest): ApiResponse {
    if (!this.channels.has(req.params.channel as string)) return unknownChannel();
    const id = req.params.message as string;
    const stored = this.messageIn(req.params.channel as string, id);
    if (!stored) return unknownMessage();
    if (req.method !== 'GET' && stored.message.author.id !== this.botUser.id) {
      return req.method === 'PATCH'
        ? apiError(403, 50005, 'Cannot edit a message authored by another user')
        : apiError(403, 50013, 'Missing Permissions');
    }
    return this.readEditOrDelete(req, id, stored);
  }
}
