/**
 * The bot's own words in English: every string it writes to Discord, by key. The Russian catalogue
 * (`ru.ts`) is typed as this one's `Catalogue`, so it cannot miss a key or take other arguments;
 * test/i18n.test.ts fails when a key is missing at run time or used nowhere. Excerpts, titles and
 * citations are the articles' own words and never pass through here.
 *
 * Markdown in these strings is the bot's own (bold, code); anything a user typed is escaped by the
 * caller before it is passed in.
 */
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const en = {
  // Answers (src/render/messages.ts)
  answerFooter: (total: number, query: string, range: string) =>
    `${plural(total, 'paragraph', 'paragraphs')} matched “${query}” · showing ${range}`,
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
    `${plural(articles, 'article', 'articles')}, ${paragraphs} paragraphs.`,
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
};

export type Catalogue = typeof en;
