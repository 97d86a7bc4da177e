"""Name data of the synthetic person generator (`register.people.synthetic`): for each nationality the
common surnames (most frequent first), stems and endings for a long tail of rarer surnames built from
them, given names of men and women, and how its names are written in the Cyrillic of Soviet files.

The lists are the register's own compilation of common names of each people (names are facts, not
creative work): frequent surnames as the national surname statistics and memory books show them, not a
copy of any file. They only have to give test data realistic spellings and frequencies; they are not a
statement about who was repressed.
"""

# Latin spellings -> Cyrillic of the Soviet files, per language: (source, target) pairs tried longest first.
CYRILLIC_RULES = {
    "lt": [
        ("ria", "рия"),
        ("ienė", "ене"),
        ("iau", "яу"),
        ("iu", "ю"),
        ("iū", "ю"),
        ("ia", "я"),
        ("io", "ё"),
        ("ie", "е"),
        ("ai", "ай"),
        ("ei", "ей"),
        ("ui", "уй"),
        ("oi", "ой"),
        ("ja", "я"),
        ("jo", "йо"),
        ("ju", "ю"),
        ("je", "е"),
        ("ch", "х"),
        ("č", "ч"),
        ("š", "ш"),
        ("ž", "ж"),
        ("ė", "е"),
        ("ū", "у"),
        ("ų", "у"),
        ("į", "и"),
        ("ą", "а"),
        ("ę", "е"),
        ("y", "и"),
        ("j", "й"),
        ("c", "ц"),
        ("h", "х"),
    ],
    "lv": [
        ("ie", "ие"),
        ("ai", "ай"),
        ("ei", "ей"),
        ("ja", "я"),
        ("ju", "ю"),
        ("je", "е"),
        ("ņš", "ньш"),
        ("ā", "а"),
        ("ē", "е"),
        ("ī", "и"),
        ("ū", "у"),
        ("č", "ч"),
        ("š", "ш"),
        ("ž", "ж"),
        ("ķ", "к"),
        ("ļ", "ль"),
        ("ņ", "нь"),
        ("ģ", "г"),
        ("j", "й"),
        ("c", "ц"),
        ("h", "х"),
    ],
    "et": [
        ("ä", "я"),
        ("õ", "ы"),
        ("ö", "ё"),
        ("ü", "ю"),
        ("ja", "я"),
        ("ju", "ю"),
        ("j", "й"),
        ("c", "ц"),
        ("h", "х"),
        ("š", "ш"),
        ("ž", "ж"),
        ("y", "ю"),
    ],
    "pl": [
        ("ria", "рия"),
        ("ński", "нский"),
        ("ńska", "нская"),
        ("szcz", "щ"),
        ("wicz", "вич"),
        ("ski", "ский"),
        ("ska", "ская"),
        ("cki", "цкий"),
        ("cka", "цкая"),
        ("sz", "ш"),
        ("cz", "ч"),
        ("rz", "ж"),
        ("ch", "х"),
        ("ie", "е"),
        ("ia", "я"),
        ("io", "ё"),
        ("iu", "ю"),
        ("ja", "я"),
        ("ju", "ю"),
        ("je", "е"),
        ("ó", "у"),
        ("ł", "л"),
        ("ś", "сь"),
        ("ć", "ць"),
        ("ń", "нь"),
        ("ż", "ж"),
        ("ź", "зь"),
        ("ą", "он"),
        ("ę", "ен"),
        ("w", "в"),
        ("y", "ы"),
        ("j", "й"),
        ("c", "ц"),
        ("h", "х"),
    ],
    "ro": [
        ("ria", "рия"),
        ("chi", "ки"),
        ("che", "ке"),
        ("ghi", "ги"),
        ("cio", "чо"),
        ("ciu", "чу"),
        ("cia", "ча"),
        ("gio", "джо"),
        ("giu", "джу"),
        ("gia", "джа"),
        ("ce", "че"),
        ("ci", "чи"),
        ("ge", "дже"),
        ("gi", "джи"),
        ("ea", "я"),
        ("ia", "я"),
        ("iu", "ю"),
        ("ș", "ш"),
        ("ş", "ш"),
        ("ț", "ц"),
        ("ţ", "ц"),
        ("ă", "э"),
        ("â", "ы"),
        ("î", "ы"),
        ("j", "ж"),
        ("c", "к"),
        ("h", "х"),
        ("y", "и"),
    ],
    "de": [
        ("tsch", "ч"),
        ("sch", "ш"),
        ("ck", "к"),
        ("tz", "ц"),
        ("ch", "х"),
        ("ei", "ай"),
        ("eu", "ой"),
        ("äu", "ой"),
        ("ie", "и"),
        ("ß", "сс"),
        ("ä", "е"),
        ("ö", "ё"),
        ("ü", "ю"),
        ("w", "в"),
        ("v", "ф"),
        ("z", "ц"),
        ("j", "й"),
        ("h", ""),
        ("y", "и"),
        ("c", "к"),
    ],
    "crh": [
        ("ç", "ч"),
        ("ş", "ш"),
        ("ğ", "г"),
        ("ı", "ы"),
        ("ñ", "н"),
        ("ö", "ё"),
        ("ü", "ю"),
        ("q", "к"),
        ("ya", "я"),
        ("yu", "ю"),
        ("c", "дж"),
        ("j", "ж"),
        ("y", "й"),
        ("h", "х"),
    ],
}
# Plain Latin letters common to every rule set above (after the language's own rules).
LATIN_TO_CYRILLIC = dict(zip("abdefgiklmnoprstuvz", "абдефгиклмнопрстувз", strict=True)) | {
    "x": "кс",
    "q": "к",
}

# Ukrainian Cyrillic -> Russian Cyrillic of the Soviet files, and -> Ukrainian national romanization (2010).
UK_TO_RU = {"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "", "’": ""}
UK_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
}

# Each nationality: weight (share of the synthetic rows), language of the native forms, present-day
# countries, nationality as a Soviet file writes it (man, woman), surnames (most common first), stems and
# endings of the tail, given names (men, women).
NATIONALITIES = {
    "lt": {
        "weight": 14,
        "lang": "lt",
        "countries": ["LT"],
        "nationality": ("литовец", "литовка"),
        "surnames": "Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas "
        "Urbonas Kavaliauskas Baranauskas Pocius Sakalauskas Navickas Žemaitis Rimkus Mikalauskas "
        "Ramanauskas Vaitkus Savickas Kairys Adomaitis Balčiūnas Grigas Petraitis Bružas Jonaitis "
        "Grinkevičius Mockus Lukoševičius Sabaliauskas Vitkauskas Valaitis Šimkus Kučinskas Gudaitis",
        "stems": "Jank Petr Kaz Mik Stan Bal Vait Rim Daug Grin Žem Kul Ged Lauk Žilin Kair Rač Šimk Bar "
        "Dov Jur Kriv Lap Mal Nor Pal Rag Sin Tam Vals Ger Bud Kas Mil Nav Raudon Stas Gin Ažuol",
        "endings": "aitis auskas ėnas onis as ys ūnas evičius elis ulis inskas",
        "male": "Jonas Antanas Juozas Petras Kazys Vytautas Stasys Povilas Vincas Pranas Jurgis Bronius "
        "Mykolas Algirdas Kęstutis Adomas Benediktas Vladas Juozapas Leonas",
        "female": "Ona Marija Elena Janina Aldona Stasė Veronika Genovaitė Birutė Danutė Regina Zofija "
        "Aleksandra Bronė Dalia Irena Anelė Kazimiera Emilija Teresė",
    },
    "lv": {
        "weight": 8,
        "lang": "lv",
        "countries": ["LV"],
        "nationality": ("латыш", "латышка"),
        "surnames": "Bērziņš Kalniņš Ozoliņš Jansons Ozols Liepiņš Krūmiņš Balodis Eglītis Zariņš Pētersons "
        "Vītols Kļaviņš Karklinš Vanags Lācis Siliņš Kārkliņš Sproģis Dzenis Auziņš Strazdiņš Kalējs",
        "stems": "Bērz Kaln Ozol Liep Krūm Zar Sil Auz Strazd Vilc Kok Mež Upen Ābol Rudz Kārkl Purv Lazd "
        "Grīnberg Birz Zaķ Priedīt Avot Dimant",
        "endings": "iņš s is ējs ietis",
        "male": "Jānis Andris Pēteris Kārlis Juris Arvīds Edgars Jēkabs Voldemārs Ojārs Rūdolfs Aleksandrs "
        "Ernests Valdis Imants",
        "female": "Anna Marija Elza Emīlija Zenta Milda Austra Velta Irma Ilga Lilija Rasma Biruta "
        "Vija Ausma",
    },
    "et": {
        "weight": 6,
        "lang": "et",
        "countries": ["EE"],
        "nationality": ("эстонец", "эстонка"),
        "surnames": "Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepik Kuusk Karu Mets Lill "
        "Põder Kallas Luik Oja Raudsepp Vaher Kivi Laur Järv Pukk Mölder Kuusik Tomson Rätsep Kütt",
        "stems": "Tamm Saar Kask Pärn Kuus Lep Mets Kiv Järv Raud Mäg Kall Lill Luh Vah Rand Oj Lau Sill "
        "Põld",
        "endings": "e ik ik u ste me o ar",
        "male": "Juhan Jaan Johannes Karl August Hans Peeter Aleksander Eduard Voldemar Arnold Rudolf Oskar "
        "Villem Mihkel",
        "female": "Marie Anna Linda Elfriede Helmi Salme Aino Leida Hilda Meta Olga Alma Ella Vilma Liisa",
    },
    "pl": {
        "weight": 14,
        "lang": "pl",
        "countries": ["PL", "UA", "BY", "LT"],
        "nationality": ("поляк", "полька"),
        "surnames": "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek "
        "Piotrowski Grabowski Zając Pawłowski Michalski Wróblewski Szczepański Łukasiewicz Sadowski "
        "Jabłoński Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki",
        "stems": "Kowal Wiśn Lew Ziel Szym Dąbr Kozł Jank Wojc Kwiat Piotr Grab Pawł Mich Wróbl Szczep "
        "Sad Jabł Maj Olsz Malin Jaw Now Rut Sobcz Gór Krup Bor Bart Chmiel",
        "endings": "ski owski ewski icz ewicz czyk ak ek iński",
        "male": "Jan Stanisław Józef Władysław Kazimierz Franciszek Tadeusz Antoni Marian Wacław Czesław "
        "Henryk Zygmunt Bolesław Piotr Aleksander Edward Mieczysław",
        "female": "Maria Janina Helena Zofia Stanisława Anna Jadwiga Genowefa Irena Kazimiera Stefania "
        "Wanda Halina Józefa Bronisława Aniela Leokadia",
    },
    "ro": {
        "weight": 8,
        "lang": "ro",
        "countries": ["MD", "UA", "RO"],
        "nationality": ("молдаванин", "молдаванка"),
        "surnames": "Ciobanu Rusu Munteanu Popa Ceban Cojocaru Rotaru Lungu Țurcanu Moraru Sârbu Botnaru "
        "Bălan Grosu Roșca Melnic Cazacu Ursu Cebotari Croitoru Guțu Popescu Cojocari Vasilache Ungureanu",
        "stems": "Ciob Mor Rot Lung Turc Cojoc Botn Bal Gros Cazac Croit Vasil Ungur Mung Dobr Stir Roșc Bog",
        "endings": "anu aru escu ache ean u ari oi",
        "male": "Ion Gheorghe Vasile Nicolae Mihai Petru Dumitru Constantin Teodor Grigore Alexandru "
        "Simion Andrei Pavel Iacob",
        "female": "Maria Elena Ana Ecaterina Eudochia Vera Alexandra Parascovia Tatiana Nadejda Olga "
        "Valentina Zinovia Antonina Domnica",
    },
    "uk": {
        "weight": 15,
        "lang": "uk",
        "countries": ["UA"],
        "nationality": ("украинец", "украинка"),
        "surnames": "Мельник Шевченко Коваленко Бондаренко Бойко Ткаченко Кравченко Ковальчук Коваль "
        "Олійник Шевчук Поліщук Лисенко Бондар Ткачук Савченко Руденко Марченко Мороз Гнатюк Петренко "
        "Кравчук Павленко Клименко Левченко Харченко Мельничук Сидоренко Карпенко Гончаренко",
        "stems": "Мельн Шевч Ковал Бонд Ткач Крав Олійн Поліщ Лис Сав Руд Марч Гнат Петр Павл Клим Лев "
        "Харч Сидор Карп Гонч Кушн Луц Мазур Зінч Яковл Гаврил Дмитр Остап Роман",
        "endings": "енко ук чук ишин ів ович ак",
        "male": "Іван Петро Микола Василь Михайло Степан Григорій Олександр Дмитро Андрій Федір Павло "
        "Йосип Юрій Ілля Тарас Остап Роман",
        "female": "Марія Ганна Катерина Олена Ольга Параска Євдокія Оксана Надія Віра Софія Ірина "
        "Анастасія Текля Юлія Христина",
    },
    "crh": {
        "weight": 5,
        "lang": "crh",
        "countries": ["UA"],
        "nationality": ("крымский татарин", "крымская татарка"),
        "surnames": "Çelebiev Umerov Seitov Abdullaev Ablaev Memetov Asanov Osmanov Mustafaev Ibraimov "
        "Kurtseitov Useinov Aliev Seitveliev Ismailov Bekirov Dzhemilev Halilov Emirov Chubarov",
        "stems": "Çelebi Umer Seit Abdulla Abla Memet Asan Osman Mustafa Ibraim Kurt Usein Bekir Halil Emir "
        "Amet Seitjelil Yahya Refat Enver",
        "endings": "ev ov",
        "male": "Mustafa Memet Ahmet Seitumer Osman Asan Ibraim Abdulla Useyin Emir Bekir Ismail Refat Enver",
        "female": "Fatma Ayşe Zeynep Emine Zore Hatice Safie Meryem Leniye Şefika Ümüs Ava Zuleyha",
    },
    "ce": {
        "weight": 6,
        "lang": "ce",
        "countries": ["RU"],
        "nationality": ("чеченец", "чеченка"),
        "surnames": "Дудаев Масхадов Арсанукаев Мусаев Батаев Исаев Абдулаев Алиев Ахмадов Умаров Гайрбеков "
        "Хасанов Магомадов Эльмурзаев Шамилев Закриев Исмаилов Мациев Висаитов Дадаев",
        "stems": "Дуда Масхад Арсанук Муса Бата Иса Абдула Ахмад Умар Гайрбек Хасан Магомад Эльмурза "
        "Шамил Закри Исмаил Маци Висаит Дада Саид Бексулт Юсуп Межид",
        "endings": "ев ов",
        "male": "Магомед Ахмед Умар Хасан Абдул Ибрагим Муса Саид Алихан Ваха Дени Шамиль Иса Юсуп Асламбек",
        "female": "Айшат Хава Зулай Малика Петимат Марьям Зарема Хеда Тамара Яха Лайла Зайнап Куржан",
    },
    "de": {
        "weight": 9,
        "lang": "de",
        "countries": ["RU", "UA", "KZ"],
        "nationality": ("немец", "немка"),
        "surnames": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
        "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange "
        "Werner Krause Lehmann Schmitt Dietrich Engel Frank Keller Hahn Vogel",
        "stems": "Hof Berg Stein Wald Feld Acker Brunn Eich Rosen Linden Mehl Korn Stahl Eisen Grün Roth "
        "Weiß "
        "Haber Sonn Kirch",
        "endings": "mann er berg feld ner ler hauer inger",
        "male": "Johann Heinrich Jakob Friedrich Peter Georg Karl Alexander Wilhelm David Andreas Konrad "
        "Philipp Adam Emil",
        "female": "Maria Katharina Elisabeth Anna Amalia Emilie Lydia Frieda Christina Margarethe Sophia "
        "Helena Rosa Paulina Eva",
    },
    "yi": {
        "weight": 5,
        "lang": "pl",
        "countries": ["LT", "LV", "PL", "MD", "UA"],
        "nationality": ("еврей", "еврейка"),
        "surnames": "Rabinowicz Szapiro Kahan Horowitz Moskowitz Lewin Friedman Kaplan Goldberg Rosenberg "
        "Abramowicz Lewinson Cohen Gurewicz Epstein Bernstein Zilberman Feldman Weinstein Kagan",
        "stems": "Gold Rosen Silber Wein Feld Blum Berg Eisen Grin Lewin Perl Katz Mandel Fink Stein Roz",
        "endings": "berg man son stein feld owicz baum",
        "male": "Abram Moisze Icek Dawid Szmuel Chaim Jakub Lejb Herszel Mendel Izrael Ber Szlomo Josef",
        "female": "Sara Rywka Chana Estera Ruchla Riwa Gitla Małka Fejga Basia Dwojra Sima Rachela Lea",
    },
    "ru": {
        "weight": 10,
        "lang": "ru",
        "countries": ["RU"],
        "nationality": ("русский", "русская"),
        "surnames": "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов "
        "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров "
        "Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев",
        "stems": "Иван Смирн Кузнец Поп Васил Петр Сокол Михайл Новик Мороз Волк Лебед Егор Павл Козл "
        "Степан Орл Андре Макар Никит Захар Зайц Борис Яковл Белоус Черн Сорок Голуб Гусак Ерш",
        "endings": "ов ев ин ский",
        "male": "Иван Николай Александр Михаил Василий Пётр Алексей Фёдор Сергей Дмитрий Григорий Павел "
        "Андрей Степан Яков Илья",
        "female": "Мария Анна Екатерина Евдокия Александра Татьяна Прасковья Ольга Наталья Елена Вера "
        "Надежда Любовь Антонина Клавдия",
    },
}

# Connectors between a stem and an ending, for more tail surnames ("" = none).
INFIXES = {
    "lt": ["", "el", "un", "ut"],
    "lv": ["", "en", "ul"],
    "et": ["", "ma", "sa"],
    "pl": ["", "ul", "ecz", "an"],
    "ro": ["", "in", "ar"],
    "uk": ["", "ан", "ущ", "ин"],
    "crh": ["", "ali", "ab"],
    "ce": ["", "ха", "ми"],
    "de": ["", "en", "el"],
    "yi": ["", "en", "el"],
    "ru": ["", "ан", "ин", "ат"],
}
# Towns of birth and residence as the files write them, per nationality.
TOWNS = {
    "lt": "Каунас Вильнюс Шяуляй Паневежис Алитус Мариямполе Утена Таураге Расейняй Биржай",
    "lv": "Рига Даугавпилс Лиепая Елгава Резекне Валмиера Цесис Кулдига Тукумс",
    "et": "Таллин Тарту Пярну Нарва Вильянди Раквере Хаапсалу Выру Курессааре",
    "pl": "Львов Гродно Белосток Пинск Ровно Тарнополь Станиславов Лида Барановичи Вильно",
    "ro": "Кишинёв Бельцы Сороки Оргеев Бендеры Черновцы Хотин Кагул Сороки",
    "uk": "Львов Тернополь Станислав Ровно Луцк Дрогобыч Стрый Коломыя Самбор",
    "crh": "Симферополь Бахчисарай Карасубазар Евпатория Ялта Алушта Феодосия Судак",
    "ce": "Грозный Урус-Мартан Шали Гудермес Ведено Ачхой-Мартан Шатой",
    "de": "Энгельс Марксштадт Бальцер Франк Камышин Саратов Одесса Житомир",
    "yi": "Вильнюс Каунас Рига Кишинёв Черновцы Львов Белосток Гродно Бельцы",
    "ru": "Москва Ленинград Смоленск Тверь Ярославль Курск Рязань Вологда Пермь Омск",
}

# Soviet repression vocabulary as the files write it.
ARTICLES = ["58-10", "58-1а", "58-1б", "58-2", "58-6", "58-8", "58-11", "58-13", "58-14", "58-10 ч.1"]
BODIES = [
    "ОСО при НКВД СССР",
    "Тройка УНКВД",
    "Военный трибунал войск НКВД",
    "Военная коллегия Верховного суда СССР",
    "ОСО при МГБ СССР",
    "Особая тройка",
    "Комиссия НКВД и Прокурора СССР",
]
TERMS = ["10 лет ИТЛ", "8 лет ИТЛ", "5 лет ИТЛ", "25 лет ИТЛ", "15 лет каторжных работ", "5 лет ссылки"]
REHAB_BODIES = [
    "Прокуратура СССР",
    "Верховный суд СССР",
    "Военная прокуратура",
    "Прокуратура Литовской ССР",
    "Прокуратура Латвийской ССР",
    "Прокуратура Эстонской ССР",
    "Прокуратура Украинской ССР",
]
OCCUPATIONS = [
    "крестьянин",
    "рабочий",
    "учитель",
    "служащий",
    "кузнец",
    "священник",
    "лесник",
    "домохозяйка",
    "колхозник",
    "бухгалтер",
    "врач",
    "студент",
    "офицер",
    "инженер",
    "портной",
]
