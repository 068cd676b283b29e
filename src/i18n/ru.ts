/**
 * The bot's own words in Russian, key for key with `en.ts` (typed as its `Catalogue`). Shown to
 * users whose Discord client is in Russian, and for mentions in servers whose language is Russian.
 * Option and command-name localizations follow Discord's rules: lowercase, no spaces, ≤ 32 characters.
 */
import type { Catalogue } from './en.ts';

const PLURAL = new Intl.PluralRules('ru');

/** `count` with the noun form Russian grammar wants: 1 абзац, 2 абзаца, 5 абзацев, 21 абзац. */
const plural = (count: number, one: string, few: string, many: string) => {
  const form = PLURAL.select(count);
  return `${count} ${form === 'one' ? one : form === 'few' ? few : many}`;
};

export const ru: Catalogue = {
  answerFooter: (total, query, range) =>
    `По запросу «${query}» найдено: ${plural(total, 'абзац', 'абзаца', 'абзацев')} · показаны ${range}`,
  fullParagraphButton: (paragraph) => `¶${paragraph} целиком`,
  moreButton: 'Ещё',
  postPubliclyButton: 'Опубликовать в канале',
  suggestedFor: (user) => `Подсказка для ${user}`,
  sharedBy: (name) => `Опубликовал(а) ${name}`,
  nothingFound: (asked, hint) => `${asked ? `По запросу ${asked} ничего` : 'Ничего'} не найдено. ${hint}`,
  didYouMean: (suggestions) => `Возможно, вы имели в виду ${suggestions}?`,
  tryTopics:
    'Попробуйте имя, место или тему, например **Армения**, **учения** или **пограничные столкновения**.',
  sourcesOpening: '*Вступление*',
  sourcesOverflow: (more) => `…и ещё ${plural(more, 'статья', 'статьи', 'статей')}.`,
  sourcesSummary: (articles, paragraphs) =>
    `${plural(articles, 'статья', 'статьи', 'статей')}, ${plural(paragraphs, 'абзац', 'абзаца', 'абзацев')}.`,
  helpTitle: 'Ответы с цитатами из новостного корпуса',
  helpLines: (command) => [
    `**/${command} запрос:** ваш вопрос или ключевые слова — лучшие абзацы с цитатами, совпавшие слова выделены.`,
    '  • `скрыть:True` показывает ответ только вам, с кнопкой, чтобы опубликовать его в канале.',
    '  • `упомянуть:@участник` предлагает ответ этому участнику (уведомление получит только он).',
    '  • Кнопки: **¶ целиком** показывает абзац полностью, **Ещё** — следующие результаты.',
    `**/${command}-источники** — статьи, из которых берутся ответы.`,
    '**Упомяните меня** с вопросом, например `@bot почему Кыргызстан отменил учения?`',
    `Модераторам: **/${command}-config** выбирает каналы, видимость, число результатов и паузу между вопросами.`,
  ],

  serversOnly: 'Я отвечаю только на серверах.',
  notEnabledHere: (command) =>
    `Я не включён в этом канале. Модераторы могут включить меня здесь командой \`/${command}-config channels add\`.`,
  cooldown: (timestamp) => `Слишком часто: снова спросить можно ${timestamp}.`,
  buttonsBelongToAsker: (command) =>
    `Эти кнопки — для того, кто задал вопрос. Задайте свой через \`/${command}\`.`,
  paragraphGone: 'Этого абзаца больше нет в корпусе.',
  noMoreResults: 'Других результатов по этому вопросу нет.',
  buttonExpired: 'Эта кнопка больше не работает. Спросите снова, чтобы получить свежий ответ.',
  somethingWentWrong: 'Извините, при ответе что-то пошло не так. Попробуйте ещё раз.',

  askDescription: 'Ответ на вопрос по новостному корпусу, с цитатами',
  queryOption: 'запрос',
  queryDescription: 'Ваш вопрос или ключевые слова, например «почему Кыргызстан отменил учения?»',
  hideOption: 'скрыть',
  hideDescription: 'Показать ответ только вам',
  mentionOption: 'упомянуть',
  mentionDescription: 'Предложить ответ этому участнику (уведомление получит только он)',
  sourcesSuffix: 'источники',
  sourcesDescription: 'Статьи, из которых берутся ответы',
};
