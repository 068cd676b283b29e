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
  cooldown: (timestamp) => `У вас пауза между вопросами: снова спросить можно ${timestamp}.`,
  rateLimited: (timestamp) => `Слишком много вопросов подряд: снова спросить можно ${timestamp}.`,
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

  configDescription: (command) => `Где и как /${command} отвечает на этом сервере`,
  configShowDescription: 'Показать все настройки',
  settings: {
    channels: { label: 'Отвечаю в', description: 'Каналы, где бот отвечает (пустой список — все каналы)' },
    mentions: {
      label: 'Упоминания',
      description: 'Отвечать, когда бота упоминают',
      hint: 'Отвечать на упоминания (по умолчанию: да)',
    },
    visibility: {
      label: 'Ответы видят',
      description: 'Кто по умолчанию видит ответы (параметр «скрыть» всё равно действует)',
      hint: 'публично (по умолчанию) или только автору',
      choices: { public: 'публично', ephemeral: 'только автору' },
    },
    results: { label: 'Результаты', description: 'Сколько результатов в ответе' },
    cooldown: { label: 'Пауза', description: 'Сколько секунд участник ждёт между вопросами (0 — без паузы)' },
  },
  configRangeDescription: (min, max, fallback) => `${min}–${max} (по умолчанию ${fallback})`,
  configChannelsAddDescription: 'Отвечать в этом канале (и только в перечисленных)',
  configChannelsRemoveDescription: 'Перестать отвечать в этом канале',
  configChannelsClearDescription: 'Снова отвечать во всех каналах',
  configChannelDescription: 'Канал',
  configHistoryDescription: 'Кто что изменил и когда',
  configResetDescription: 'Вернуть все настройки по умолчанию',
  settingsInServersOnly: 'Настройки относятся к серверу: используйте команду на сервере.',
  manageServerOnly: 'Смотреть и менять эти настройки могут только участники с правом **Управлять сервером**.',
  nothingChanged: (reason) => `${reason} Ничего не изменено.`,
  settingsNotSaved: 'Сейчас не удалось сохранить настройки. Ничего не изменено; попробуйте ещё раз.',
  everyChannelAgain: 'Список каналов пуст, поэтому я отвечаю во всех каналах.',
  settingsReset: 'Все настройки возвращены к значениям по умолчанию.',
  unknownSetting: 'Неизвестная настройка.',
  valueEveryChannel: 'все каналы',
  valueMentionsAnswered: 'отвечаю',
  valueMentionsIgnored: 'не отвечаю',
  valueVisibilityEphemeral: 'только автор вопроса',
  valueVisibilityPublic: 'все (публично)',
  valueResults: (count) => `${count} в ответе`,
  valueCooldownOff: 'выключена',
  valueCooldown: (seconds) => `${seconds} с для каждого участника`,
  settingsTitle: (command) => `Настройки /${command} на этом сервере`,
  settingsDefault: '*(по умолчанию)*',
  settingsFooter: (command) => `Изменить: /${command}-config; кто что менял: /${command}-config history.`,
  settingChanged: (label, value) => `**${label}:** теперь ${value}.`,
  historyReset: (when, who) => `${when} ${who} вернул(а) все настройки по умолчанию`,
  historyChange: (when, who, label, before, after) =>
    `${when} ${who} ${label.toLowerCase()}: ${before} → ${after}`,
  historyEmpty: 'На этом сервере настройки ещё не меняли: всё по умолчанию.',
  historyTitle: 'Последние изменения настроек',

  adminDescription: 'Только для операторов (OWNER_IDS): перечитать корпус, состояние бота',
  adminReloadDescription: 'Перечитать папку корпуса сейчас',
  adminStatusDescription:
    'Размер корпуса, индекс, время ответа и подсказок, последняя перезагрузка, версия, время работы, пинг',
  operatorsOnly: 'Эта команда только для операторов бота (OWNER_IDS).',
  reloadDone: (summary) => `Перезагрузка корпуса: ${summary}.`,
  reloadFailed: (error) => `ошибка: ${error}`,
  reloadAdded: (count) => `добавлено: ${count}`,
  reloadChanged: (count) => `изменено: ${count}`,
  reloadRemoved: (count) => `удалено: ${count}`,
  reloadGlossaryChanged: 'глоссарий изменён',
  reloadUnparsed: (count, files) => `не разобрано: ${count} (${files})`,
  reloadNoChange: 'без изменений',
  reloadTook: (what, ms) => `${what} за ${ms} мс`,
  statusTitle: 'Состояние бота',
  statusVersion: (version) => `**Версия:** ${version}`,
  statusCorpus: (articles, paragraphs, terms) =>
    `**Корпус:** ${plural(articles, 'статья', 'статьи', 'статей')}, ${plural(paragraphs, 'абзац', 'абзаца', 'абзацев')}, ${plural(terms, 'термин', 'термина', 'терминов')}`,
  statusIndex: (fromCache, ms) => `**Индекс:** ${fromCache ? 'загружен из кэша' : 'построен'} за ${ms} мс`,
  statusLastReload: (when, summary) =>
    `**Последняя перезагрузка:** ${when === null ? 'не было с момента запуска' : `${when} — ${summary}`}`,
  statusAnswerTime: (time) => `**Время ответа:** ${time}`,
  statusAutocompleteTime: (time) => `**Время подсказок:** ${time}`,
  statusEngineTime: (p50, p99, calls) => `p50 ${p50} мс, p99 ${p99} мс (${calls} с момента запуска)`,
  statusEngineTimeNone: 'ещё не было',
  statusSkipped: (count) =>
    `**Проблемы корпуса:** ${count} (пропущенные файлы и строки глоссария; список: \`npm run corpus:check\`)`,
  statusUptime: (days, hours, minutes) =>
    `**Работает:** ${[days && `${days} д`, hours && `${hours} ч`, `${minutes} мин`].filter(Boolean).join(' ')}`,
  pageTopic: (command) =>
    `Попробуйте /${command} Армения, /${command} запрос:ОДКБ скрыть:true или @bot почему Кыргызстан отменил учения?`,
  pageMessagePlaceholder: (channel) => `Написать в #${channel}`,
  pageActingAs: 'Вы сейчас',
  pageMember: 'Участник',
  pageModerator: 'Модератор',
  pageMemberNote: 'без права «Управлять сервером», не оператор',
  pageModeratorNote: 'Управлять сервером и Администратор · оператор бота (OWNER_IDS)',
  pageLanguage: 'Язык клиента',
  pageStopped: 'Песочница остановлена. Запустите её снова (npm run playground) и обновите страницу.',
  statusPing: (ms) => `**Пинг шлюза:** ${ms === null ? 'ещё не измерен' : `${ms} мс`}`,
};
