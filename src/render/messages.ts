/**
 * Every message the bot can send, built from the engine's answers as plain Discord JSON. The
 * slash command, the buttons, mention replies and the playground all render through here, so an
 * answer looks the same wherever it is asked.
 */
import { type APIButtonComponent, type APIEmbed, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Article } from '../corpus/types.ts';
import { type Catalogue, en } from '../i18n/en.ts';
import { citeOrigin, citeTitle, compactCitation, rightsLine } from '../search/citation.ts';
import type { Answer, ParagraphView } from '../search/engine.ts';
import { type ButtonAction, encodeButton } from './custom-id.ts';
import { LIMITS, truncateMarkdown } from './limits.ts';
import { escapeMarkdown, quoteUserText } from './markdown.ts';
import { type ButtonRow, type ReplyPayload, safeReply } from './payload.ts';
import { quoteExcerpt, quoteParagraph } from './quote.ts';

/** The embed accent: a muted blue, readable on dark and light themes. */
export const ACCENT = 0x3b6ea5;

export interface AnswerContext {
  answer: Answer;
  /** Position of the first result shown. */
  offset: number;
  /** Results per page. */
  limit: number;
  requesterId: string;
  ephemeral: boolean;
  /** The `mention` option: the one user this answer is suggested to, and may ping. */
  mentionUserId?: string | null;
  /** Display name of whoever re-posted an ephemeral answer publicly (shown, never pinged). */
  sharedBy?: string;
  /** The reader's language (default English); excerpts and citations stay the article's. */
  t?: Catalogue;
}

type ActionStyle = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success;

function button(action: ButtonAction, label: string, style: ActionStyle): APIButtonComponent | null {
  const customId = encodeButton(action);
  return customId ? { type: ComponentType.Button, custom_id: customId, label, style } : null;
}

function row(buttons: (APIButtonComponent | null)[]): ButtonRow[] {
  const present = buttons.filter((candidate) => candidate !== null);
  return present.length > 0 ? [{ type: ComponentType.ActionRow, components: present }] : [];
}

/** `¶8 · Section`, or `¶8` before the first heading: the article is named by the source line below. */
function placeTitle(paragraph: number, section: string | null): string {
  return section ? `¶${paragraph} · ${section}` : `¶${paragraph}`;
}

/** One embed per cited excerpt, a footer with the count, and the buttons. */
export function answerMessage(context: AnswerContext): ReplyPayload {
  const { answer, offset, requesterId, ephemeral, t = en } = context;
  const shown = answer.results.length;
  const embeds: APIEmbed[] = answer.results.map((hit) => ({
    color: ACCENT,
    title: placeTitle(hit.paragraph, hit.section),
    ...(hit.url ? { url: hit.url } : {}),
    description: `${quoteExcerpt(hit)}\n-# ${escapeMarkdown(compactCitation(hit.article))}`,
  }));
  const last = embeds.at(-1);
  if (last) {
    const range = shown === 1 ? `${offset + 1}` : `${offset + 1}–${offset + shown}`;
    last.footer = { text: t.answerFooter(answer.total, answer.query, range) };
  }
  const query = answer.query;
  const next = offset + shown;
  const components = [
    ...row(
      answer.results.map((hit) =>
        button(
          { kind: 'para', requesterId, paragraphId: hit.id, query },
          t.fullParagraphButton(hit.paragraph),
          ButtonStyle.Secondary,
        ),
      ),
    ),
    ...row([
      next < answer.total
        ? button(
            { kind: 'more', requesterId, offset: next, hidden: ephemeral, query },
            t.moreButton,
            ButtonStyle.Primary,
          )
        : null,
      ephemeral
        ? button({ kind: 'share', requesterId, offset, query }, t.postPubliclyButton, ButtonStyle.Success)
        : null,
    ]),
  ];
  const mention = context.mentionUserId;
  const content = mention
    ? t.suggestedFor(`<@${mention}>`)
    : context.sharedBy
      ? t.sharedBy(quoteUserText(context.sharedBy))
      : undefined;
  return safeReply({
    ...(content ? { content } : {}),
    embeds,
    components,
    ephemeral,
    allowedUsers: mention ? [mention] : [],
  });
}

/** Nothing matched: said only to the asker, with spellings that do occur in the corpus. */
export function nothingFoundMessage(answer: Answer, t: Catalogue = en): ReplyPayload {
  const asked = answer.query ? `“${quoteUserText(answer.query)}”` : null;
  const hint =
    answer.suggestions.length > 0
      ? t.didYouMean(answer.suggestions.map((suggestion) => `**${escapeMarkdown(suggestion)}**`).join(', '))
      : t.tryTopics;
  return notice(t.nothingFound(asked, hint));
}

/**
 * The whole cited paragraph, for the asker: the full citation and the article's rights end it, and
 * a paragraph too long for one embed is shortened so that they still fit.
 */
export function paragraphMessage(view: ParagraphView): ReplyPayload {
  const tail = [view.citation, rightsLine(view.article)]
    .map((line) => `\n-# ${escapeMarkdown(line)}`)
    .join('');
  const quoted = quoteParagraph({ text: view.paragraph.text, highlights: view.highlights });
  return safeReply({
    embeds: [
      {
        color: ACCENT,
        title: placeTitle(view.paragraph.number, view.paragraph.section),
        ...(view.article.url ? { url: view.article.url } : {}),
        description: `${truncateMarkdown(quoted, LIMITS.embedDescription - tail.length)}${tail}`,
      },
    ],
    components: [],
    ephemeral: true,
    allowedUsers: [],
  });
}

/** The corpus at a glance: each article's title, origin, rights, sections and paragraph counts. */
export function sourcesMessage(articles: readonly Article[], t: Catalogue = en): ReplyPayload {
  const paragraphs = articles.reduce((sum, article) => sum + article.paragraphs.length, 0);
  const embeds: APIEmbed[] = articles.map((article) => {
    const counts = new Map<string | null, number>();
    for (const paragraph of article.paragraphs)
      counts.set(paragraph.section, (counts.get(paragraph.section) ?? 0) + 1);
    const sections = [...counts].map(
      ([section, count]) => `• ${section ? escapeMarkdown(section) : t.sourcesOpening} — ${count} ¶`,
    );
    return {
      color: ACCENT,
      title: citeTitle(article),
      ...(article.url ? { url: article.url } : {}),
      description: [...citeOrigin(article), rightsLine(article)]
        .map(escapeMarkdown)
        .concat('', sections)
        .join('\n'),
    };
  });
  // Past Discord's embed count, the last embed says how many articles are not shown.
  const shown = LIMITS.embeds - 1;
  if (articles.length > LIMITS.embeds) {
    embeds.splice(shown, embeds.length, {
      color: ACCENT,
      description: t.sourcesOverflow(articles.length - shown),
    });
  }
  const summary = t.sourcesSummary(articles.length, paragraphs);
  return safeReply({ content: summary, embeds, components: [], ephemeral: true, allowedUsers: [] });
}

/** What the bot does and how to ask it. */
export function helpMessage(command: string, t: Catalogue = en): ReplyPayload {
  return safeReply({
    embeds: [{ color: ACCENT, title: t.helpTitle, description: t.helpLines(command).join('\n') }],
    components: [],
    ephemeral: false,
    allowedUsers: [],
  });
}

/** A short message for the asker only: refusals, errors, confirmations. */
export function notice(text: string): ReplyPayload {
  return safeReply({ content: text, embeds: [], components: [], ephemeral: true, allowedUsers: [] });
}
