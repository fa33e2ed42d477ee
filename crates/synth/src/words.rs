//! Word parts for synthetic company names, each with its truthful versions in every script (hanzi with pinyin and English, Cyrillic with Latin).
//!
//! Names are assembled from these parts, so `深圳市星河科技有限公司` and `SHENZHEN XINGHE TECHNOLOGY CO LTD` really are the same name.
//! Any resemblance of an assembled name to a real company is a coincidence; see the crate README.

/// A Chinese city: pinyin, hanzi, common Latin abbreviation, province in English.
pub struct City {
    /// Pinyin in upper case.
    pub lat: &'static str,
    /// Hanzi.
    pub han: &'static str,
    /// Abbreviation used in trade names, e.g. `SZ`.
    pub abbr: &'static str,
    /// Province in English.
    pub province: &'static str,
}

/// Chinese cities where the world's Chinese parties sit.
pub const CN_CITIES: &[City] = &[
    City {
        lat: "SHENZHEN",
        han: "深圳",
        abbr: "SZ",
        province: "GUANGDONG",
    },
    City {
        lat: "GUANGZHOU",
        han: "广州",
        abbr: "GZ",
        province: "GUANGDONG",
    },
    City {
        lat: "XIAMEN",
        han: "厦门",
        abbr: "XM",
        province: "FUJIAN",
    },
    City {
        lat: "YIWU",
        han: "义乌",
        abbr: "YW",
        province: "ZHEJIANG",
    },
    City {
        lat: "DONGGUAN",
        han: "东莞",
        abbr: "DG",
        province: "GUANGDONG",
    },
    City {
        lat: "NINGBO",
        han: "宁波",
        abbr: "NB",
        province: "ZHEJIANG",
    },
    City {
        lat: "HANGZHOU",
        han: "杭州",
        abbr: "HZ",
        province: "ZHEJIANG",
    },
    City {
        lat: "SHANTOU",
        han: "汕头",
        abbr: "ST",
        province: "GUANGDONG",
    },
];

/// Chinese trade names (字号): hanzi and pinyin.
pub const CN_TRADE: &[(&str, &str)] = &[
    ("星河", "XINGHE"),
    ("瑞丰", "RUIFENG"),
    ("鑫源", "XINYUAN"),
    ("宏达", "HONGDA"),
    ("恒通", "HENGTONG"),
    ("盛世", "SHENGSHI"),
    ("金鹏", "JINPENG"),
    ("天宇", "TIANYU"),
    ("博远", "BOYUAN"),
    ("凯旋", "KAIXUAN"),
    ("远航", "YUANHANG"),
    ("联创", "LIANCHUANG"),
    ("飞翔", "FEIXIANG"),
    ("智联", "ZHILIAN"),
    ("海纳", "HAINA"),
    ("云帆", "YUNFAN"),
    ("锦程", "JINCHENG"),
    ("德信", "DEXIN"),
    ("华瑞", "HUARUI"),
    ("嘉禾", "JIAHE"),
    ("鸿运", "HONGYUN"),
    ("永盛", "YONGSHENG"),
    ("东升", "DONGSHENG"),
    ("启明", "QIMING"),
    ("星辰", "XINGCHEN"),
    ("翔宇", "XIANGYU"),
    ("卓越", "ZHUOYUE"),
    ("精诚", "JINGCHENG"),
    ("万通", "WANTONG"),
    ("富康", "FUKANG"),
    ("蓝鲸", "LANJING"),
    ("银河", "YINHE"),
    ("朗峰", "LANGFENG"),
    ("泰和", "TAIHE"),
    ("易达", "YIDA"),
    ("顺腾", "SHUNTENG"),
    ("宇航", "YUHANG"),
    ("创源", "CHUANGYUAN"),
    ("明途", "MINGTU"),
    ("优品", "YOUPIN"),
];

/// Look-alike trade names: (index into [`CN_TRADE`], hanzi, pinyin) of a distinct name that reads almost or exactly the same.
pub const CN_LOOKALIKE: &[(usize, &str, &str)] = &[
    (0, "新和", "XINHE"),
    (2, "新元", "XINYUAN"),
    (3, "弘大", "HONGDA"),
    (4, "亨通", "HENGTONG"),
    (6, "锦鹏", "JINPENG"),
    (7, "天语", "TIANYU"),
    (1, "瑞峰", "RUIFENG"),
    (22, "东晟", "DONGSHENG"),
];

/// A Chinese line of business: hanzi, pinyin, English, English abbreviation.
pub struct Industry {
    /// Hanzi.
    pub han: &'static str,
    /// Pinyin, upper case, syllable groups separated by spaces.
    pub pinyin: &'static str,
    /// English rendering.
    pub en: &'static str,
    /// Abbreviated English rendering.
    pub abbr: &'static str,
}

/// Lines of business for drone-goods traders (first five) and background exporters (all).
pub const CN_INDUSTRY: &[Industry] = &[
    Industry {
        han: "科技",
        pinyin: "KEJI",
        en: "TECHNOLOGY",
        abbr: "TECH",
    },
    Industry {
        han: "电子",
        pinyin: "DIANZI",
        en: "ELECTRONICS",
        abbr: "ELEC",
    },
    Industry {
        han: "进出口",
        pinyin: "JINCHUKOU",
        en: "IMPORT AND EXPORT",
        abbr: "IMP & EXP",
    },
    Industry {
        han: "国际贸易",
        pinyin: "GUOJI MAOYI",
        en: "INTERNATIONAL TRADING",
        abbr: "INTL TRADING",
    },
    Industry {
        han: "智能科技",
        pinyin: "ZHINENG KEJI",
        en: "INTELLIGENT TECHNOLOGY",
        abbr: "INTELLIGENT TECH",
    },
    Industry {
        han: "航空科技",
        pinyin: "HANGKONG KEJI",
        en: "AVIATION TECHNOLOGY",
        abbr: "AVIATION TECH",
    },
    Industry {
        han: "贸易",
        pinyin: "MAOYI",
        en: "TRADING",
        abbr: "TRADING",
    },
    Industry {
        han: "供应链管理",
        pinyin: "GONGYINGLIAN GUANLI",
        en: "SUPPLY CHAIN MANAGEMENT",
        abbr: "SCM",
    },
    Industry {
        han: "实业",
        pinyin: "SHIYE",
        en: "INDUSTRIAL",
        abbr: "IND",
    },
    Industry {
        han: "服装",
        pinyin: "FUZHUANG",
        en: "GARMENT",
        abbr: "GARMENT",
    },
    Industry {
        han: "机械设备",
        pinyin: "JIXIE SHEBEI",
        en: "MACHINERY EQUIPMENT",
        abbr: "MACHINERY",
    },
    Industry {
        han: "家具",
        pinyin: "JIAJU",
        en: "FURNITURE",
        abbr: "FURNITURE",
    },
    Industry {
        han: "汽车配件",
        pinyin: "QICHE PEIJIAN",
        en: "AUTO PARTS",
        abbr: "AUTO PARTS",
    },
    Industry {
        han: "日用品",
        pinyin: "RIYONGPIN",
        en: "DAILY NECESSITIES",
        abbr: "DAILY NECESSITIES",
    },
];

/// Streets for Chinese addresses (pinyin).
pub const CN_STREETS: &[&str] = &[
    "KEJI",
    "SHENNAN",
    "HUAQIANG NORTH",
    "BAOAN",
    "XINGYE",
    "GONGYE",
    "BINHE",
    "JIANSHE",
    "ZHONGSHAN",
    "HUANCHENG",
];

/// Districts for Chinese addresses (pinyin).
pub const CN_DISTRICTS: &[&str] = &[
    "NANSHAN", "FUTIAN", "LONGGANG", "BAOAN", "TIANHE", "HULI", "SIMING", "YINZHOU",
];

/// Prefixes of Russian-style company names (Cyrillic).
pub const RU_PREFIX: &[&str] = &[
    "ТЕХНО",
    "АЭРО",
    "ПРОМ",
    "ЭЛЕКТРО",
    "ДАЛЬ",
    "СИБ",
    "ВОСТОК",
    "СЕВЕР",
    "ИНТЕР",
    "МЕГА",
    "ГЕО",
    "АВТО",
    "СТРОЙ",
    "ТРАНС",
    "ЭНЕРГО",
    "ИНФО",
    "ЮНИ",
    "ГРАНД",
    "ВЕСТ",
    "НОРД",
    "СПЕЦ",
    "ОПТ",
    "ЛАЙТ",
    "ТОР",
];

/// Suffixes of Russian-style company names (Cyrillic).
pub const RU_SUFFIX: &[&str] = &[
    "СНАБ",
    "ТОРГ",
    "ИМПОРТ",
    "ТРЕЙД",
    "ЛОГИСТИК",
    "СЕРВИС",
    "СИСТЕМ",
    "ТЕХ",
    "МАРКЕТ",
    "КОМ",
    "ЛАЙН",
    "ПРО",
    "ГРУПП",
    "СТАР",
    "ХОЛДИНГ",
    "ВЕКТОР",
];

/// Stand-alone Russian-style company names (Cyrillic).
pub const RU_WORDS: &[&str] = &[
    "ЛЕГИОН",
    "ВЕКТОР",
    "ГАРАНТ",
    "ОРИОН",
    "ПРОФИТ",
    "ИНТЕГРАЛ",
    "КВАНТ",
    "СТАНДАРТ",
    "АТЛАНТ",
    "ГЕЛИОС",
    "МИРАЖ",
    "ФОРТУНА",
    "ЗЕНИТ",
    "ПОЛЯРИС",
    "СПЕКТР",
    "ТАЙГА",
    "БАЙКАЛ",
    "АЛЬЯНС",
    "ПАРИТЕТ",
    "МЕРИДИАН",
    "ВОЯЖ",
    "СОЮЗ",
    "ЭЛЬБРУС",
    "ЯНТАРЬ",
    "ЖЕМЧУГ",
    "ЩИТ",
    "ЁЛКА",
    "ЦИКЛОН",
    "ЧЕРЕМУХА",
    "ХРОНОС",
];

/// Modifiers appended to Russian-style names to make more distinct names.
pub const RU_MODIFIERS: &[&str] = &[
    "",
    "",
    "",
    " ПЛЮС",
    "-М",
    " ГРУПП",
    "-ДВ",
    " СЕРВИС",
    "-СТ",
    " 2000",
];

/// Kazakh-flavoured prefixes (Cyrillic) for TOO names.
pub const KZ_PREFIX: &[&str] = &[
    "КАЗ",
    "АСТАНА",
    "АЛМАТЫ",
    "ЕВРАЗИЯ",
    "СТЕПЬ",
    "САРЫАРКА",
    "ЖЕТЫСУ",
    "АК",
    "ТАН",
    "НУР",
];

/// Latin word parts for trading houses in Hong Kong, the UAE, Türkiye, Armenia and for background exporters.
pub const LATIN_A: &[&str] = &[
    "NOVA",
    "ALTA",
    "ORIENT",
    "SKY",
    "GULF",
    "ASIA",
    "PRIME",
    "GLOBAL",
    "SILK",
    "CASPIAN",
    "ARARAT",
    "BOSPHORUS",
    "DELTA",
    "ZENITH",
    "MERIDIAN",
    "PACIFIC",
    "GOLDEN",
    "EMERALD",
    "FALCON",
    "ANATOLIA",
    "SEVAN",
    "TAURUS",
    "ONYX",
    "VEGA",
];

/// Second Latin word parts.
pub const LATIN_B: &[&str] = &[
    "LINK", "STAR", "BRIDGE", "WAY", "LINE", "POINT", "GATE", "TRADE", "WORKS", "HUB", "NET",
    "FIELD", "ROUTE", "PORT",
];

/// Legal forms by country: the canonical form first, then variants (the tuning set uses odd positions, the holdout set even ones).
pub fn legal_forms(country: &str) -> &'static [&'static str] {
    match country {
        "HK" => &["LIMITED", "LTD", "LTD.", "LIMITED (HK)", "CO., LIMITED"],
        "AE" => &[
            "GENERAL TRADING LLC",
            "GENERAL TRADING L.L.C",
            "GEN. TRADING LLC",
            "GENERAL TRADING L.L.C.",
            "GT LLC",
        ],
        "TR" => &[
            "DIŞ TİCARET LTD. ŞTİ.",
            "DIS TICARET LTD STI",
            "DIŞ TİC. LTD. ŞTİ.",
            "DIS TIC LTD STI",
            "FOREIGN TRADE LTD",
        ],
        "AM" => &["LLC", "ՍՊԸ", "L.L.C.", "ООО", "LIMITED LIABILITY COMPANY"],
        "PK" => &[
            "(PRIVATE) LIMITED",
            "PVT LTD",
            "(PVT.) LTD.",
            "PRIVATE LTD",
            "PVT. LIMITED",
        ],
        "DE" => &["GMBH", "G.M.B.H.", "GMBH & CO. KG", "GMBH.", "GES.M.B.H."],
        "IT" => &[
            "S.R.L.",
            "SRL",
            "S.R.L",
            "S. R. L.",
            "SOCIETA A RESPONSABILITA LIMITATA",
        ],
        "TR2" => &["A.Ş.", "AS", "A.S.", "ANONIM ŞİRKETİ", "ANONIM SIRKETI"],
        "IN" => &[
            "PRIVATE LIMITED",
            "PVT LTD",
            "PVT. LTD.",
            "P LTD",
            "PRIVATE LTD",
        ],
        "PL" => &[
            "SP. Z O.O.",
            "SP Z OO",
            "SP.Z O.O.",
            "SPOLKA Z O.O.",
            "SP. Z.O.O.",
        ],
        _ => &[
            "CO., LTD.",
            "CO LTD",
            "CO.,LTD",
            "COMPANY LIMITED",
            "CO. LTD.",
        ],
    }
}
