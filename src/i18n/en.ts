/**
 * The bot's own words in English: every string it writes to Discord, by key. The Russian catalogue
 * (`ru.ts`) is typed as this one's `Catalogue`, so it cannot miss a key or take other arguments;
 * test/i18n/catalogues.test.ts fails when a key is missing at run time or used nowhere. Excerpts, titles and
 * citations are the articles' own words and never pass through here.
 *
 * Markdown in these strings is the bot's own (bold, code); anything a user typed is escaped by the
 * caller before it is passed in.
 */
import { SETTING_NAMES, SETTINGS, type SettingName } from '../settings/schema.ts';
import { count } from '../text/count.ts';

/**
 * One setting's words in one language: what the summary calls it, its `/<command>-config` line, its option's
 * line (a switch's or a choice's `hint`) and the names of its choices by value (English shows the value).
 */
export interface SettingWords {
  label: string;
  description: string;
  hint?: string;
  choices?: Readonly<Record<string, string>>;
}

/** English is the settings schema's own wording (`src/settings/schema.ts` owns it). */
const settingWords = Object.fromEntries(
  SETTING_NAMES.map((name) => {
    const { label, description, input } = SETTINGS[name];
    return [name, { label, description, ...('hint' in input ? { hint: input.hint } : {}) }];
  }),
) as Record<SettingName, SettingWords>;

export const en = {
  // Answers (src/render/messages.ts)
  answerFooter: (total: number, query: string, range: string) =>
    `${count(total, 'paragraph', 'paragraphs')} matched “${query}” · showing ${range}`,
  fullParagraphButton: (paragraph: number) => `Full ¶${paragraph}`,
  moreButton: 'More',
  postPubliclyButton: 'Post publicly',
  suggestedFor: (user: string) => `Suggested for ${user}`,
  sharedBy: (name: string) => `Shared by ${name}`,
  nothingFound: (asked: string | null, hint: string) =>
    `Nothing in the corpus matches ${asked ?? 'that'}. ${hint}`,
  didYouMean: (suggestions: string) => `Did you mean ${suggestions}?`,
  tryTopics: 'Try a name, a place or a topic, such as **Armenia**, **drills** or **border clashes**.',
  sourcesOpening: '*Opening*',
  sourcesOverflow: (more: number) => `…and ${more} more articles.`,
  sourcesSummary: (articles: number, paragraphs: number) =>
    `${count(articles, 'article', 'articles')}, ${paragraphs} paragraphs.`,
  helpTitle: 'Cited answers from the news corpus',
  helpLines: (command: string) => [
    `**/${command} query:** your question or keywords — the best cited paragraphs, matched words in bold.`,
    '  • `hide:True` shows the answer to you only, with a button to post it publicly.',
    '  • `mention:@someone` suggests the answer to them (only they are pinged).',
    '  • Buttons: **Full ¶** shows a whole paragraph, **More** the next results.',
    `**/${command}-sources** — the articles the answers come from.`,
    '**Mention me** with a question, e.g. `@bot why did Kyrgyzstan cancel the drills?`',
    `Moderators: **/${command}-config** chooses channels, visibility, results per answer and cooldowns.`,
  ],

  // Refusals and errors (commands/, src/bot/)
  serversOnly: 'I answer in servers only.',
  notEnabledHere: (command: string) =>
    `I'm not enabled in this channel. Moderators can enable me here with \`/${command}-config channels add\`.`,
  cooldown: (timestamp: string) => `You're on cooldown here: you can ask again ${timestamp}.`,
  rateLimited: (timestamp: string) => `That's a lot of questions at once: you can ask again ${timestamp}.`,
  buttonsBelongToAsker: (command: string) =>
    `These buttons belong to whoever asked. Ask your own with \`/${command}\`.`,
  paragraphGone: 'That paragraph is no longer in the corpus.',
  noMoreResults: 'There are no more results for this question.',
  buttonExpired: 'This button no longer works. Ask again to get a fresh answer.',
  somethingWentWrong: 'Sorry, something went wrong while answering. Please try again.',

  // Command registration (commands/*.ts): what Discord's command picker shows
  askDescription: 'Answer a question from the news corpus, with cited excerpts',
  queryOption: 'query',
  queryDescription: 'Your question or keywords, e.g. "why did Kyrgyzstan cancel the drills?"',
  hideOption: 'hide',
  hideDescription: 'Show the answer to you only',
  mentionOption: 'mention',
  mentionDescription: 'Suggest the answer to this member (only they are pinged)',
  sourcesSuffix: 'sources',
  sourcesDescription: 'List the articles the answers come from',

  // /<command>-config (commands/config.ts and commands/config/; src/render/settings.ts), settings' words
  configDescription: (command: string) => `Choose where and how /${command} answers on this server`,
  configShowDescription: 'Show every setting',
  settings: settingWords,
  configRangeDescription: (min: number, max: number, fallback: number) =>
    `${min}–${max} (default ${fallback})`,
  configChannelsAddDescription: 'Answer in this channel (and only the listed ones)',
  configChannelsRemoveDescription: 'Stop answering in this channel',
  configChannelsClearDescription: 'Answer in every channel again',
  configChannelDescription: 'The channel',
  configHistoryDescription: 'Who changed what, and when',
  configResetDescription: 'Put every setting back to its default',
  settingsInServersOnly: 'Settings belong to a server: use this in one.',
  manageServerOnly: 'Only members with the **Manage Server** permission can view or change these settings.',
  nothingChanged: (reason: string) => `${reason} Nothing was changed.`,
  settingsNotSaved: 'The settings could not be saved just now. Nothing was changed; please try again.',
  everyChannelAgain: 'With no channel listed, I answer in every channel.',
  settingsReset: 'Every setting is back to its default.',
  unknownSetting: 'Unknown setting.',
  valueEveryChannel: 'every channel',
  valueMentionsAnswered: 'answered',
  valueMentionsIgnored: 'ignored',
  valueVisibilityEphemeral: 'only the asker (ephemeral)',
  valueVisibilityPublic: 'everyone (public)',
  valueResults: (count: number) => `${count} per answer`,
  valueCooldownOff: 'off',
  valueCooldown: (seconds: number) => `${seconds} s per member`,
  settingsTitle: (command: string) => `/${command} settings for this server`,
  settingsDefault: '*(default)*',
  settingsFooter: (command: string) =>
    `Change them with /${command}-config; see who changed what with /${command}-config history.`,
  settingChanged: (label: string, value: string) => `**${label}:** now ${value}.`,
  historyReset: (when: string, who: string) => `${when} ${who} reset every setting to its default`,
  historyChange: (when: string, who: string, label: string, before: string, after: string) =>
    `${when} ${who} ${label.toLowerCase()}: ${before} → ${after}`,
  historyEmpty: 'No setting has been changed on this server yet: all are defaults.',
  historyTitle: 'Recent setting changes',

  // /<command>-admin (commands/admin.ts, src/render/status.ts)
  adminDescription: 'Operators (OWNER_IDS) only: reload the corpus, show the bot status',
  adminReloadDescription: 'Re-read the corpus directory now',
  adminStatusDescription:
    'Corpus size, index, answer and autocomplete times, last reload, version, uptime, ping',
  operatorsOnly: 'Only the bot’s operators (OWNER_IDS) can use this command.',
  reloadDone: (summary: string) => `Corpus reload: ${summary}.`,
  reloadFailed: (error: string) => `failed: ${error}`,
  reloadAdded: (count: number) => `${count} added`,
  reloadChanged: (count: number) => `${count} changed`,
  reloadRemoved: (count: number) => `${count} removed`,
  reloadGlossaryChanged: 'glossary changed',
  reloadUnparsed: (count: number, files: string) => `${count} failed to parse (${files})`,
  reloadNoChange: 'no change',
  reloadTook: (what: string, ms: number) => `${what} in ${ms} ms`,
  statusTitle: 'Bot status',
  statusVersion: (version: string) => `**Version:** ${version}`,
  statusCorpus: (articles: number, paragraphs: number, terms: number) =>
    `**Corpus:** ${count(articles, 'article', 'articles')}, ${count(paragraphs, 'paragraph', 'paragraphs')}, ${count(terms, 'term', 'terms')}`,
  statusIndex: (fromCache: boolean, ms: number) =>
    `**Index:** ${fromCache ? 'loaded from cache' : 'built'} in ${ms} ms`,
  statusLastReload: (when: string | null, summary: string) =>
    `**Last reload:** ${when === null ? 'none since start' : `${when} — ${summary}`}`,
  statusAnswerTime: (time: string) => `**Answer time:** ${time}`,
  statusAutocompleteTime: (time: string) => `**Autocomplete time:** ${time}`,
  statusEngineTime: (p50: string, p99: string, calls: number) =>
    `p50 ${p50} ms, p99 ${p99} ms (${calls} since start)`,
  statusEngineTimeNone: 'none yet',
  statusSkipped: (count: number) =>
    `**Corpus problems:** ${count} (skipped files and glossary lines; \`npm run corpus:check\` lists them)`,
  statusUptime: (days: number, hours: number, minutes: number) =>
    `**Uptime:** ${[days && `${days} d`, hours && `${hours} h`, `${minutes} min`].filter(Boolean).join(' ')}`,
  // The playground page (src/playground/world.ts): the Discord-like client around the bot
  pageTopic: (command: string) =>
    `Try /${command} armenia, /${command} query:armenia hide:true, or @bot why did Kyrgyzstan cancel the drills?`,
  pageMessagePlaceholder: (channel: string) => `Message #${channel}`,
  pageActingAs: 'Acting as',
  pageMember: 'Member',
  pageModerator: 'Moderator',
  pageMemberNote: 'no Manage Server, not an operator',
  pageModeratorNote: 'Manage Server and Administrator · bot operator (OWNER_IDS)',
  pageLanguage: 'Client language',
  pageStopped: 'The playground stopped. Restart it with npm run playground, then reload.',
  statusPing: (ms: number | null) => `**Gateway ping:** ${ms === null ? 'not measured yet' : `${ms} ms`}`,
};

export type Catalogue = typeof en;
