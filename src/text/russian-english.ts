/**
 * A general Russian → English dictionary of the words Russian readers use to ask about the news:
 * question forms, verbs of politics and war, and the common nouns and adjectives of news
 * reporting. Language knowledge, not corpus data: every corpus gets it, and a corpus's own
 * bilingual glossary (`synonyms.ru.txt`: its names, places, bodies) comes first where both have
 * a phrase as long (`src/corpus/russian-glossary.ts`).
 *
 * The glossary's `=` format: Cyrillic members are what readers type, Latin members the English
 * readings, the preferred one first. Words are compared by their Snowball stem, as written or
 * without a final vowel (`russianKeys`), so one form stands for the regular ones (`подписать` also matches `подписал`, `подписан`); forms
 * that stem apart (`вышел` / `выйти`, `ушёл` / `уйти`) are listed. A reading that is an English
 * stop word (`did`, `after`) drops the Russian word as a term: it only shapes the question.
 */
export const RUSSIAN_ENGLISH = `
# --- Question words and forms (read for the question's shape; the English stop list drops most)
что такое = что это = что значит = what is
кто такой = кто такая = кто такие = кто это = who is
кто входит в = кто входит = who are members of
входит ли = входят ли = is member of
кто = who
когда = в каком году = в каком месяце = какого числа = when
с каких пор = since when
сколько = how many
сколько времени = как долго = how long
сколько длилась = сколько длился = сколько длилось = сколько длится = сколько продолжалась = how long did last
какова длина = какой длины = какая длина = how long
насколько велика = насколько велик = насколько большая = насколько большой = how big
насколько далеко = как далеко = how far
почему = зачем = отчего = по какой причине = из-за чего = why
где = в каком месте = where
куда = where to
откуда = where from
как = каким образом = how
как называется = как называлась = как назывался = как назывались = как называлось = what was it called
название = name of
дата = даты = dates of
что = what
какой = какая = какое = какие = каков = какова = которые = which

# --- Function words that the stop list lacks
из-за = because of
во время = в ходе = in
по словам = said
друг друга = друг с другом = each other
снова = опять = вновь = again
раньше = прежде = ранее = before
впервые = first time
потом = затем = then
также = тоже = also
каждый = каждая = каждое = каждые = every = each
что стало с = что случилось с = что произошло с = what happened to
против = against
правда ли = правда ли что = верно ли = is it
в чём суть = в чем суть = what is
кому = whom
могут = может = мог = могла = могли = can
идти = идут = идёт = шёл = шла = шли = шло = пойти = пошёл = пошла = пошли = went
свой = своя = свои = своим = своими = своему = своей = their

# --- Time
год = лет = years = year
сколько лет = how long
# в 2020 году, 2020 года: the English "in 2020"
году = года = in
месяц = month
неделя = недели = week
день = дня = дни = дневный = дневная = day = days
время = time
век = century
десятилетие = decade
январь = January
февраль = February
март = March
апрель = April
май = May
июнь = June
июль = July
август = August
сентябрь = сентябрьский = September
октябрь = октябрьский = October
ноябрь = November
декабрь = December
летие = годовщина = юбилей = anniversary = birthday
день рождения = birthday
вчера = yesterday
недавно = recently
после = after
до = before

# --- Verbs of politics and diplomacy
основать = основан = основана = основано = основание = founded = established
создать = создан = создана = созданы = создание = established = founded = set up
подписать = подписание = signed = sign
вступить в силу = вступил в силу = вступила в силу = came into force
вступить = вступил = вступила = вступили = вступление = присоединиться = joined = join = rejoined
вернуться = вернётся = вернулся = вернулась = вернулись = возвращение = return = rejoin
выйти = вышел = вышла = вышли = выйдет = выйдут = выход = выходит = выходят = выходить = leave = leaving = withdraw = quit
покинуть = покинул = покинула = покинули = покинет = leave = quit
уйти = ушёл = ушла = ушли = уйдут = уход = leave = withdraw
уйти в отставку = ушёл в отставку = отставка = отставку = step down = resigned = resignation
прийти к власти = пришёл к власти = пришла к власти = came to power
член = члены = участник = участники = members = member
входит = входят = входить = входили = members = member
членство = membership
просить = просил = просила = просили = попросить = попросил = попросила = попросили = asked = requested = request
просьба = запрос = обращение = request = appeal
обратиться = обратился = обратилась = обратились = turned = appealed = invoked
помочь = помог = помогла = помогли = помогает = помогать = помощь = help = helped = aid = assistance
поддержать = поддерживать = поддержал = поддержала = поддерживает = поддержка = support = supported = backed = backs
отказаться = отказался = отказалась = отказались = отказывалась = отказ = refused = refusal = declined
отменить = отмена = отменил = отменила = отменили = отменён = отменённые = cancel = canceled = cancelled = cancellation
признать = признал = признала = признали = признание = recognise = recognised = recognition
заявить = заявил = заявила = заявили = заявление = said = statement = declared
сказать = сказал = сказала = сказали = говорить = говорит = said
объявить = объявил = объявила = объявили = объявление = announced = announce = declared
объяснить = объяснил = объяснила = объяснили = объяснение = explained = explanation
назвать = назвал = назвала = назвали = назывались = called = named
критиковать = раскритиковал = критика = criticised = criticism
пригласить = пригласил = приглашение = invited = inviting = invitation
позвать = позвал = позвала = призвать = призвал = called = invited
встретиться = встреча = встречу = встречи = заседание = meeting = met = meet
пропустить = пропустил = пропустила = пропустили = skipped = missed
поехать = поехал = поехала = съездить = visited = went = trip
поездка = визит = trip = visit
посетить = посетил = посетила = visited = visit
ждать = ждали = ожидать = ожидали = expected = awaited
обещать = обещал = обещала = пообещал = promised = pledged
угрожать = угрожал = угрожает = threatened = threatening
предупредить = предупредил = предупредила = warned = warning
договориться = договорились = agreed = deal
решить = решил = решила = решили = decided = decision
решение = решения = decision = decisions
принимать решения = принимает решения = принять решение = make decisions = decisions
руководить = руководит = возглавлять = возглавляет = возглавил = leads = led = heads
командовать = командовал = командует = commanded = command = commander
председательство = председатель = председательствовать = chairmanship = chair = chairman
управлять = правит = правил = ruled = governs
потерять = потерял = потеряла = потеряли = lost = lose
победить = победил = победила = победили = победа = won = win = victory
проиграть = проиграл = проиграла = поражение = lost = defeat
получить = получил = получила = получили = получать = получает = получают = received = got = get
дал = дала = дали = gave = give
вручить = вручил = вручила = вручили = gave = awarded = handed
наградить = наградил = наградила = awarded
хотеть = хочет = хотят = хотел = хотела = хотели = want = wanted
бояться = боится = боятся = боялся = боялись = опасаться = опасается = опасаются = fear = afraid = feared = afraid = feared
беспокоиться = беспокоится = беспокоятся = беспокоит = беспокойство = worried = concern = concerned
злиться = злится = злятся = злость = гнев = angry = anger
недовольство = недовольна = недовольны = недоволен = разочарование = разочарован = разочарована = разочарованы = disappointed = disappointment = disillusioned = upset = anger
раздражение = irritation = annoyance
покровительствовать = покровительствует = покровительство = favouritism = favour = patronage
изменить = изменил = изменилось = изменение = changed = change
повлиять = повлияла = повлиял = влияние = affected = effect = impact = influence
отреагировать = отреагировала = отреагировал = отреагировали = реакция = reacted = reaction = response
ответить = ответил = ответила = ответ = responded = response = reply
сравнение = сравнению = по сравнению = compared = comparison
сотрудничать = сотрудничает = сотрудничество = cooperate = cooperation = work
торговать = торговля = trade
случиться = случилось = произойти = произошло = happened = happen
начаться = начались = начался = началась = началось = начало = began = started = start = broke out
начать = начал = начала = начали = started = began = launched
закончиться = закончилась = закончился = завершить = завершена = завершилась = окончание = ended = over = end
остановить = остановил = прекратить = прекратила = stop = stopped = end
продолжаться = продолжается = продолжалась = continue = continued
длиться = длилась = длился = длилось = lasted = last
проводить = проводит = проводят = провела = провели = held = hold = conducted
пройти = прошли = прошла = проходить = проходили = проходит = проходят = должны были пройти = take place = held
находиться = находится = находятся = расположен = расположена = is
иметь = имеет = имеют = has = have
нужно = нужен = нужна = need = needed
делать = делает = делали = делала = сделать = сделал = сделала = сделали = did
бежать = бежали = сбежать = сбежали = fled = flee
уехать = уехал = уехала = уехали = уезжали = уезжают = fled = moved
избежать = избегать = avoid = avoiding = escape
эвакуировать = эвакуировали = эвакуирован = эвакуация = evacuated = evacuation
обвинить = обвинил = обвинила = обвинили = обвинение = accused = blamed = accusation
арестовать = арестовал = арестован = арест = arrested = arrest
задержать = задержан = задержали = detained = detention
обещание = promise = pledge
вооружать = вооружает = вооружил = вооружение = arming = arms = weapons
охранять = охраняли = охрана = guarded = guard = protect
защищать = защитить = защитил = defend = protect
голосовать = голосовал = голосование = voted = vote
избрать = избран = избрана = elected
свергнуть = свергли = свержение = overthrown = overthrow = ousted
думать = думает = думают = думал = думала = думали = считать = считает = считают = считал = think = believe = view
ввести = ввёл = ввела = ввели = вводить = вводит = introduced = imposed
принадлежать = принадлежит = принадлежал = принадлежала = belongs = belong = owned
играть = играет = играют = играл = сыграл = played = plays = play
собираться = собирается = собираются = собирался = планировать = планирует = планируют = plans = planning = plan
обсуждать = обсуждали = обсудить = обсудили = discussed = discuss = talks
готовить = готовит = готовили = подготовка = preparing = prepared = preparation
строить = строит = построить = построили = строительство = built = build = construction
платить = платит = заплатить = оплата = paid = pay = payment
продать = продал = продали = продажа = sold = sell = sale
купить = купил = купили = покупка = bought = buy = purchase
закрыть = закрыл = закрыли = закрыта = закрытие = closed = close = closure
открыть = открыл = открыли = открыта = открытие = opened = open = opening
расти = растёт = выросли = вырос = рост = grew = growth = rise
упасть = упали = упал = падение = fell = fall = drop
сократить = сократили = сокращение = cut = reduced = reduction
запретить = запретил = запретили = запрет = banned = ban
разрешить = разрешил = разрешили = разрешение = allowed = permission
расследовать = расследование = investigated = investigation

# --- Verbs and nouns of war and security
воевать = воюют = воевали = сражаться = fighting = fought = fight
напасть = напал = напала = напали = нападение = атака = атаковал = атаковала = attacked = attack = attacks
бомбить = бомбила = бомбил = бомбили = бомбардировка = bombed = bombing = bombs
обстреливать = обстреливали = обстрелять = обстреляли = обстрел = обстрелы = shelled = shelling
убить = убил = убили = убиты = убито = убитых = killed = killing
погибнуть = погиб = погибли = погибло = погибших = погибшие = жертвы = killed = dead = died = deaths
ранить = ранены = раненых = wounded = injured
вмешаться = вмешалась = вмешивалась = вмешается = вмешательство = интервенция = intervened = intervention = intervene
ввести войска = ввод войск = отправить войска = прислать войска = send troops
отправить = отправила = отправили = отправил = направить = направила = направили = прислать = прислала = прислали = отправлен = отправлены = отправлено = направлены = sent = send
вторгнуться = вторглась = вторжение = вторжения = invaded = invasion = invade
захватить = захватили = захватил = захват = seized = took = captured = takeover
оккупировать = оккупация = occupied = occupation
аннексировать = аннексия = annexed = annexation
мобилизация = мобилизовать = mobilization = mobilisation
призыв = призыва = draft = conscription
уклонист = уклонисты = уклонение = draft dodgers = dodgers
резервист = резервисты = резервистов = reservists
учения = учение = военные учения = drills = exercises
граница = пограничный = приграничный = приграничных = border = borders = frontier
пограничники = border guards
война = войны = войне = войну = war
бои = боевые действия = бой = боях = fighting = combat
столкновения = стычки = столкновение = clashes = clash
конфликт = конфликте = conflict
перемирие = прекращение огня = ceasefire = truce
мирный договор = peace treaty
переговоры = talks = negotiations
посредничество = посредник = mediation = mediator
войска = войск = военные = военных = troops
солдаты = солдат = военнослужащие = soldiers
армия = армии = вооружённые силы = army = military
военный = военная = военное = military
оборона = defence = defense
министр обороны = defence minister = defense minister
безопасность = security
угроза = угрозы = threat = threats
миссия = mission
развёртывание = deployment
вывод войск = withdrawal
контингент = contingent
миротворцы = миротворческий = миротворческие силы = peacekeepers = peacekeeping
база = военная база = base
артиллерия = artillery
беспилотники = дроны = drones
ракеты = ракетный = missiles = rockets
оружие = weapons = arms
наступление = offensive
контрнаступление = counteroffensive
теракт = терроризм = террористы = террористов = terrorists = terrorism
бандиты = бандитов = bandits
сепаратисты = сепаратистов = separatists
переворот = госпереворот = coup
полномасштабный = полномасштабного = полномасштабное = full-scale
анклав = эксклав = exclave = enclave
беженцы = беженцев = refugees
жители = население = residents = population
мирные жители = гражданские = civilians = civilian
гражданский = гражданские объекты = civilian
территория = территории = territory
регион = область = region = province
город = города = городов = cities = towns = city = town
село = сёла = деревня = деревни = villages = village
аэропорт = аэропорты = airports = airport
мост = bridge
столица = capital
стрелять = стреляли = выстрелить = стрельба = огонь = shoot = fire = fired = shooting
приказ = приказал = приказала = order = ordered
предупреждение = без предупреждения = warning
госизмена = государственная измена = treason
ядерный = ядерное оружие = nuclear
разрушить = разрушены = разрушен = разрушения = destroyed = destruction
ущерб = damage
застава = заставы = outposts = outpost
забор = ограждение = fence
канал = canal
дорога = дороги = дорог = roads = road
источник = источники = sources = source
дом = дома = домов = homes = houses
школа = школы = школ = schools = school
больница = больницы = больниц = hospitals = hospital
напряжённость = напряжение = tension = tensions

# --- Politics and events
президент = president
премьер-министр = премьер = prime minister
вице-премьер = deputy prime minister
министр = minister
министр иностранных дел = глава МИД = foreign minister
пресс-секретарь = представитель = спикер = spokesman = spokesperson
депутат = парламентарий = законодатель = lawmaker = deputy
политик = политики = политиков = politicians = politician
эксперт = аналитик = analyst = expert
чиновник = чиновники = официальные лица = officials = official
власть = власти = правительство = government = authorities = power
парламент = parliament
оппозиция = opposition
санкции = санкций = санкционный = sanctions
нейтралитет = нейтральный = нейтральная = neutrality = neutral
позиция = позиции = stance = position
должность = пост = post = job = position
занимать = занимает = занимал = held = holds = occupies
интервью = interview
телевидение = телевидению = телевизор = ТВ = TV = television
СМИ = пресса = media = press
форум = forum
саммит = summit
декларация = declaration
награда = орден = медаль = award = medal
беспорядки = волнения = unrest = riots
протесты = протест = митинг = протестующие = протестующих = protests = protesters
демонстранты = protesters
революция = revolution
бархатная революция = velvet revolution
выборы = election = elections
референдум = referendum
независимость = independence
суверенитет = sovereignty
распад = collapse
кризис = crisis
проблема = проблемы = problems = problem
раскол = split
единство = сплочённость = cohesion = unity
бездействие = inaction
наказание = возмездие = retribution = punishment
предположения = спекуляции = speculation
риск = рискованный = рискованным = risky = risk
трудовые мигранты = мигранты = мигрантами = migrants
денежные переводы = remittances
экономика = economy
цены = цена = prices
нефть = нефтяной = oil
газ = сжиженный газ = gas
топливо = fuel
чрезвычайное положение = state of emergency
общество = общественность = общественное мнение = public = public opinion
люди = людей = человек = people
мужчины = мужчин = men
партнёр = партнёры = партнёров = partners = partner
союзник = союзники = союзников = allies = ally
страна = страны = стран = country = countries
государство = государства = state = states
соседи = соседний = neighbours = neighbouring

генерал = general
совет = council
виноват = виновата = виноваты = вина = blame = fault = responsible
причина = причины = причин = reason = reasons = cause
отношения = отношений = relations = ties
операция = операции = operation
роль = role
цель = цели = goal = aim
план = планы = plan = plans
результат = итог = итоги = result = outcome
ситуация = обстановка = situation
соглашение = agreement = deal
граждане = гражданин = citizens
семья = семьи = семью = семьей = семьёй = family = families
деньги = денег = money
доллар = долларов = dollars
рубль = рублей = roubles = rubles
бюджет = budget
организация = organization
комиссия = commission
суд = court
закон = law
конституция = constitution
река = river
вода = water
плотина = дамба = dam
урожай = harvest
засуха = drought
наводнение = flood = flooding
землетрясение = earthquake
пожар = fire
комитет = committee
академия = academy
консенсус = consensus
вето = veto
фейсбук = Facebook
телеграм = Telegram
км = километр = километров = kilometres = km
процент = процентов = percent

# --- Numbers written out
один = одна = one
два = две = two
три = three
четыре = four
пять = five
шесть = six
семь = seven
восемь = eight
девять = nine
десять = ten
тысяча = тысяч = thousand
миллион = миллионов = million

доверие = trust
лояльность = верность = loyalty
зависимость = зависит = зависеть = dependence = depends = dependent
расширение = expansion = enlargement
экспорт = export = exports
импорт = import = imports
инфляция = inflation
обход санкций = evading sanctions
бойкот = boycott
неявка = отсутствие = absence = no-show
неформальный = неофициальный = informal
официальный = official
премия = prize = award
унижение = humiliation
шок = shock
совбез = Совет безопасности = Security Council
посол = ambassador
посольство = embassy
делегация = delegation
секретарь = secretary
командующий = командир = commander
разведка = intelligence
граница закрыта = border closed
очереди = очередь = queues = queue
машины = автомобили = cars = vehicles

# --- Adjectives and adverbs of news
первый = первая = первую = first
следующий = следующий раз = next
последний = last = latest
новый = новая = new
бывший = бывшая = former
иностранный = иностранные = зарубежный = зарубежную = foreign = abroad
международный = international
плохой = плохо = bad = badly
хороший = хорошо = good = well
большой = крупный = big = large
главный = основной = main
постоянно = всё время = keep = constantly
число = количество = number
длина = протяжённость = length
`;
