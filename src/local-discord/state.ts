/**
 * The local server's state: guilds, channels, users, stored messages, interactions and registered commands,
 * plus the gateway payloads and message bookkeeping every REST handler shares.
 *
 * The server is one object built in layers, one file each, so that every layer reads the same state through
 * `this`: state (here) -> application commands -> interactions -> channel messages -> HTTP -> the public API
 * in server.ts. A layer only adds handlers; it never overrides one.
 */
import type { Server } from 'node:http';
import {
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord.js';
import { Gateway, type GatewaySession, routesTo } from './gateway.ts';
import { InteractionSigner } from './http-delivery.ts';
import type { ApiRequest } from './routing.ts';
import type {
  ChannelMessageEvent,
  FaultRule,
  InteractionInput,
  Json,
  LocalDiscordServerOptions,
  LocalGuild,
  LocalUser,
  RecordedRequest,
} from './types.ts';
import {
  type ApiResponse,
  apiMember,
  apiUser,
  GATEWAY_PATH,
  invalidFormBody,
  json,
  MEMBER_PERMISSIONS,
  noContent,
  pingedIds,
  snowflake,
  validateMessage,
} from './wire.ts';

// ---------------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------------

interface ChannelEntry {
  guild: LocalGuild;
  channel: LocalGuild['channels'][number];
  position: number;
}

export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  commandType: ApplicationCommandType | null;
  user: LocalUser;
  channel: ChannelEntry;
  createdAt: number;
  acknowledged: boolean;
  /** What `@original` means: the reply (types 4/5) or the component's message (types 6/7). */
  originalMessageId: string | null;
  componentMessageId: string | null;
  resolveCallback: (body: Json) => void;
}

export interface StoredMessage {
  message: Json;
  allowedMentions: Json;
  interactionToken: string | null;
  deleted: boolean;
}

export interface PendingWait {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
}

export abstract class ServerState {
  /** `http://127.0.0.1:PORT/api`: pass as `rest: { api }` to `Client` and to `REST`; they append `/v10`. */
  readonly apiBase: string;
  readonly token: string;
  readonly botUser: LocalUser;
  readonly applicationId: string;
  readonly guilds: LocalGuild[];
  /** The user interactions and messages come from unless a test names another. */
  readonly defaultUser: LocalUser;
  /** Every REST call, in the order answered. */
  readonly requests: RecordedRequest[] = [];

  protected readonly gateway: Gateway;
  protected readonly gatewayUrl: string;
  protected readonly acknowledgeWithinMs: number;
  protected readonly startedAt = new Date().toISOString();
  protected readonly users = new Map<string, LocalUser>();
  protected readonly channels = new Map<string, ChannelEntry>();
  protected readonly interactions = new Map<string, InteractionState>();
  protected readonly interactionsByToken = new Map<string, InteractionState>();
  protected readonly store = new Map<string, StoredMessage>();
  /** Ids of messages the bot created or changed, in first-touched order. */
  protected readonly botMessageIds: string[] = [];
  protected readonly commandScopes = new Map<string, Json[]>();
  protected readonly faults: ActiveFault[] = [];
  protected readonly waits = new Set<PendingWait>();
  protected readonly messageListeners = new Set<(event: ChannelMessageEvent) => void>();
  protected readonly interactionSigner = new InteractionSigner();
  protected interactionsEndpoint: string | null = null;

  protected constructor(
    protected readonly http: Server,
    port: number,
    options: LocalDiscordServerOptions,
  ) {
    this.apiBase = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}${GATEWAY_PATH}`;
    this.botUser = { bot: true, ...(options.botUser ?? { id: snowflake(), username: 'LocalBot' }) };
    this.applicationId = options.applicationId ?? this.botUser.id;
    this.token = options.token ?? 'local-discord-bot-token';
    this.acknowledgeWithinMs = options.acknowledgeWithinMs ?? 3000;
    this.defaultUser = { id: snowflake(), username: 'tester' };
    this.guilds = (
      options.guilds ?? [
        {
          id: snowflake(),
          name: 'Local Guild',
          ownerId: this.defaultUser.id,
          channels: [{ id: snowflake(), name: 'general' }],
        },
      ]
    ).map((guild) => ({
      ...guild,
      channels: guild.channels.map((channel) => ({
        ...channel,
        type: channel.type ?? ChannelType.GuildText,
      })),
    }));
    for (const guild of this.guilds) {
      guild.channels.forEach((channel, position) => {
        this.channels.set(channel.id, { guild, channel, position });
      });
    }
    this.rememberUser(this.botUser);
    this.rememberUser(this.defaultUser);
    this.gateway = new Gateway({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      initialDispatches: (session) => this.initialDispatches(session),
    });
  }

  // ----- gateway payloads ------------------------------------------------------------------------------

  protected initialDispatches(session: GatewaySession): [string, Json][] {
    const guilds = this.guilds.filter((guild) => routesTo(session, guild.id));
    const ready: Json = {
      v: 10,
      user: { ...apiUser(this.botUser), verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      // Plain ws:// without a query: the client appends ?v=10&encoding=json itself.
      resume_gateway_url: this.gatewayUrl,
      ...(session.shard ? { shard: session.shard } : {}),
      application: { id: this.applicationId, flags: 0 },
    };
    const dispatches: [string, Json][] = [[GatewayDispatchEvents.Ready, ready]];
    // Without the Guilds intent Discord sends no GUILD_CREATE; discord.js then stops waiting for guilds at once.
    if (session.intents & GatewayIntentBits.Guilds) {
      for (const guild of guilds) {
        dispatches.push([GatewayDispatchEvents.GuildCreate, this.guildCreate(guild)]);
      }
    }
    return dispatches;
  }

  protected guildCreate(guild: LocalGuild): Json {
    const everyone: Json = {
      id: guild.id,
      name: '@everyone',
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 0,
      permissions: MEMBER_PERMISSIONS,
      managed: false,
      mentionable: false,
      flags: 0,
    };
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_progress_bar_enabled: false,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      preferred_locale: guild.preferredLocale ?? 'en-US',
      hub_type: null,
      incidents_data: null,
      features: [],
      roles: [everyone],
      emojis: [],
      stickers: [],
      joined_at: this.startedAt,
      large: false,
      unavailable: false,
      member_count: 2, // the bot and the owner
      members: [apiMember(this.botUser, this.startedAt)],
      channels: this.channelsOf(guild).map((entry) => this.apiChannel(entry)),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  protected channelsOf(guild: LocalGuild): ChannelEntry[] {
    return [...this.channels.values()].filter((entry) => entry.guild === guild);
  }

  protected apiChannel({ guild, channel, position }: ChannelEntry): Json {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: guild.id,
      name: channel.name,
      position,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  protected interactionData(input: InteractionInput, guildId: string): Json {
    if (input.type === InteractionType.MessageComponent) {
      return { component_type: ComponentType.Button, ...input.data };
    }
    if (input.type === InteractionType.ModalSubmit) return { components: [], ...input.data };
    const command = [
      ...(this.commandScopes.get(guildId) ?? []),
      ...(this.commandScopes.get('global') ?? []),
    ].find((candidate) => candidate.name === input.data?.name);
    return {
      type: ApplicationCommandType.ChatInput,
      id: command?.id ?? snowflake(),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
      ...input.data,
    };
  }

  protected requireSession(caller: string): void {
    if (!this.gateway.hasSessions) {
      throw new Error(`${caller}: no gateway session. Log the client in (and wait for clientReady) first.`);
    }
  }

  protected resolveChannel(guildId: string | undefined, channelId: string | undefined): ChannelEntry {
    if (channelId) {
      const entry = this.channels.get(channelId);
      if (!entry || (guildId && entry.guild.id !== guildId)) throw new Error(`Unknown channel ${channelId}`);
      return entry;
    }
    const guild = guildId ? this.guilds.find((candidate) => candidate.id === guildId) : this.guilds[0];
    const entry =
      guild && this.channelsOf(guild).find(({ channel }) => channel.type === ChannelType.GuildText);
    if (!entry) throw new Error(`No text channel in guild ${guildId ?? '(default)'}`);
    return entry;
  }

  protected rememberUser(user: LocalUser): LocalUser {
    this.users.set(user.id, user);
    return user;
  }

  protected userOrStub(id: string): LocalUser {
    return this.users.get(id) ?? { id, username: `user-${id}` };
  }

  // ----- messages --------------------------------------------------------------------------------------

  /** The fields every message carries, empty; callers fill in content and the rest. */
  protected newMessage(channel: ChannelEntry, author: Json, type: MessageType): Json {
    return {
      id: snowflake(),
      type,
      channel_id: channel.channel.id,
      guild_id: channel.guild.id,
      author,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
    };
  }

  /** A message the bot sends through REST, from its JSON payload. */
  protected createBotMessage(
    channel: ChannelEntry,
    payload: Json,
    options: { type: MessageType; flags: number; interaction?: InteractionState; reference?: Json },
  ): Json {
    const { interaction } = options;
    const message: Json = {
      ...this.newMessage(channel, apiUser(this.botUser), options.type),
      flags: options.flags,
      tts: payload?.tts ?? false,
      ...(payload?.nonce !== undefined ? { nonce: payload.nonce } : {}),
      ...(options.reference ?? {}),
    };
    if (interaction) {
      message.webhook_id = this.applicationId;
      message.application_id = this.applicationId;
      message.interaction_metadata = {
        id: interaction.id,
        type: interaction.type,
        user: apiUser(interaction.user),
        authorizing_integration_owners: { '0': interaction.channel.guild.id },
        ...(interaction.componentMessageId ? { interacted_message_id: interaction.componentMessageId } : {}),
        ...(interaction.originalMessageId
          ? { original_response_message_id: interaction.originalMessageId }
          : {}),
      };
    }
    const allowedMentions = payload?.allowed_mentions ?? null;
    this.applyPayload(message, payload, allowedMentions);
    this.store.set(message.id, {
      message,
      allowedMentions,
      interactionToken: interaction?.token ?? null,
      deleted: false,
    });
    this.botMessageIds.push(message.id);
    this.announce(GatewayDispatchEvents.MessageCreate, message);
    this.emitMessage('create', message);
    return message;
  }

  /**
   * Copies the message fields present in a create or edit payload, then recomputes who the message pings.
   * Flags set at creation stay: afterwards SuppressEmbeds can be switched either way, IsComponentsV2 only on.
   */
  protected applyPayload(message: Json, payload: Json, allowedMentions: Json): void {
    if (payload && typeof payload === 'object') {
      if ('content' in payload) message.content = payload.content ?? '';
      if ('embeds' in payload) {
        message.embeds = (payload.embeds ?? []).map((embed: Json) => ({ type: 'rich', ...embed }));
      }
      if ('components' in payload) message.components = payload.components ?? [];
      if ('flags' in payload) {
        const requested = Number(payload.flags ?? 0);
        message.flags =
          (message.flags & ~MessageFlags.SuppressEmbeds) |
          (requested & (MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2));
      }
    }
    message.mentions = pingedIds(message, allowedMentions).map((id) => apiUser(this.userOrStub(id)));
  }

  /** Applies an edit by the bot: Discord clears the loading state of a deferred reply on its first edit. */
  protected editBotMessage(id: string, payload: Json): Json {
    const stored = this.store.get(id) as StoredMessage;
    const message: Json = stored.message;
    const wasLoading = (message.flags & MessageFlags.Loading) !== 0;
    if (payload && 'allowed_mentions' in payload) stored.allowedMentions = payload.allowed_mentions;
    this.applyPayload(message, payload, stored.allowedMentions);
    message.flags &= ~MessageFlags.Loading;
    if (!wasLoading) message.edited_timestamp = new Date().toISOString();
    if (!this.botMessageIds.includes(id)) this.botMessageIds.push(id);
    this.announce(GatewayDispatchEvents.MessageUpdate, message);
    this.emitMessage('update', message);
    return message;
  }

  /** MESSAGE_CREATE/UPDATE for the bot's own non-ephemeral messages, which Discord sends back to it too. */
  protected announce(event: GatewayDispatchEvents, message: Json): void {
    if (message.flags & MessageFlags.Ephemeral) return;
    this.gateway.dispatch(event, message.guild_id, (session) =>
      session.intents & GatewayIntentBits.GuildMessages ? structuredClone(message) : null,
    );
  }

  protected emitMessage(type: ChannelMessageEvent['type'], message: Json): void {
    for (const listener of this.messageListeners) listener({ type, message: structuredClone(message) });
  }

  /** The message a component interaction refers to: the stored one when known, else the test's object. */
  protected adoptMessage(input: Json, channel: ChannelEntry): Json {
    const known = typeof input?.id === 'string' ? this.store.get(input.id) : undefined;
    if (known) return structuredClone(known.message);
    const { allowed_mentions: _a, interaction_token: _t, deleted: _d, ...fields } = input ?? {};
    const message = { ...this.newMessage(channel, apiUser(this.botUser), MessageType.Default), ...fields };
    this.store.set(message.id, { message, allowedMentions: null, interactionToken: null, deleted: false });
    return structuredClone(message);
  }

  protected messageIn(channelId: string, messageId: string): StoredMessage | null {
    const stored = this.store.get(messageId);
    return stored && !stored.deleted && stored.message.channel_id === channelId ? stored : null;
  }

  protected readEditOrDelete(req: ApiRequest, id: string, stored: StoredMessage): ApiResponse {
    if (req.method === 'GET') return json(stored.message);
    if (req.method === 'PATCH') {
      const errors = validateMessage(req.body);
      return errors.length ? invalidFormBody(errors) : json(this.editBotMessage(id, req.body));
    }
    stored.deleted = true;
    if (!this.botMessageIds.includes(id)) this.botMessageIds.push(id);
    const { message } = stored;
    this.emitMessage('delete', message);
    if (!((message.flags ?? 0) & MessageFlags.Ephemeral)) {
      this.gateway.dispatch(GatewayDispatchEvents.MessageDelete, message.guild_id ?? null, (session) =>
        session.intents & GatewayIntentBits.GuildMessages
          ? { id, channel_id: message.channel_id, guild_id: message.guild_id }
          : null,
      );
    }
    return noContent;
  }
}
