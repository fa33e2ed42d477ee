//! The words that say what goods are, in Russian, English and Chinese, matched by stem so that Russian endings do not matter.
//!
//! A stem of four or more characters matches any token that starts with it (`КВАДРОКОПТ` matches `КВАДРОКОПТЕРЫ`); shorter stems match whole tokens only.
//! A phrase is a run of stems that must follow each other (`ПОЛЕТН КОНТРОЛЛЕР`); Chinese words are runs of single characters.

use std::collections::HashMap;

use crate::normalize::{Tokens, fold_tokens};

/// What a lexicon phrase says about the goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A whole unmanned aircraft: квадрокоптер, БПЛА, drone, 无人机.
    Drone,
    /// Context that points at drones without naming the goods: FPV, aerial photography.
    DroneContext,
    /// A part of a drone when drone context is present; the kind says which part.
    Part(PartKind),
    /// An electronic component of the kind the CHPL lists.
    Component,
    /// A look-alike good: action camera, handheld gimbal, radio-controlled toy.
    Lookalike,
    /// A device other than a drone that parts may be for: phone, laptop, car.
    OtherDevice,
    /// Generic wording that says nothing specific: запасные части, consumer goods.
    Generic,
    /// A word that opens an accessory clause: с, with, в комплекте.
    With,
    /// A word that opens a purpose clause: для, for.
    For,
    /// A filler that means "none": ОТСУТСТВУЕТ, N/A.
    Filler,
    /// A word without meaning for classification: и, of, шт.
    Stop,
}

/// The kinds of drone part the wording names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartKind {
    /// Spare parts in general.
    Generic,
    /// Propellers and rotor blades.
    Propeller,
    /// Batteries.
    Battery,
    /// Motors.
    Motor,
    /// Electronic speed controllers.
    Esc,
    /// Flight controllers.
    FlightController,
    /// Remote controllers.
    RemoteController,
    /// Frames and arms.
    Frame,
    /// Video transmitters.
    Vtx,
    /// Cameras and payloads.
    Camera,
    /// Satellite navigation modules.
    Gnss,
    /// Telemetry radios and antennas.
    Radio,
}

impl PartKind {
    /// Every kind, in declaration order.
    pub const ALL: [PartKind; 12] = [
        PartKind::Generic,
        PartKind::Propeller,
        PartKind::Battery,
        PartKind::Motor,
        PartKind::Esc,
        PartKind::FlightController,
        PartKind::RemoteController,
        PartKind::Frame,
        PartKind::Vtx,
        PartKind::Camera,
        PartKind::Gnss,
        PartKind::Radio,
    ];
}

use Cue::*;
use PartKind as P;

/// The lexicon as written: phrase, cue.
#[rustfmt::skip]
const PHRASES: &[(&str, Cue)] = &[
    // Whole drones.
    ("КВАДРОКОПТ", Drone), ("КВАДРИКОПТ", Drone), ("КВАДРАКОПТ", Drone), ("ГЕКСАКОПТ", Drone), ("ОКТОКОПТ", Drone),
    ("МУЛЬТИКОПТ", Drone), ("МУЛЬТИРОТОР", Drone), ("КОПТЕР", Drone), ("ДРОН", Drone), ("БПЛА", Drone), ("БЛА", Drone),
    ("БЕСПИЛОТН", Drone), ("БЕСПИЛОТНИК", Drone), ("DRONE", Drone), ("QUADCOPT", Drone), ("QUADROCOPT", Drone),
    ("QUADRICOPT", Drone), ("MULTICOPT", Drone), ("MULTIROTOR", Drone), ("MULTI ROTOR", Drone), ("HEXACOPT", Drone),
    ("OCTOCOPT", Drone), ("UAV", Drone), ("UAVS", Drone), ("UAS", Drone), ("UNMANNED", Drone), ("RPAS", Drone),
    ("无人机", Drone), ("航拍器", Drone), ("飞行器", Drone), ("四轴", Drone), ("多旋翼", Drone), ("穿越机", Drone),
    ("植保机", Drone), ("无人飞机", Drone),
    // Drone context.
    ("FPV", DroneContext), ("АЭРОФОТОСЪЕМ", DroneContext), ("AERIAL", DroneContext), ("航拍", DroneContext), ("VTOL", DroneContext),
    // Parts.
    ("ЗАПАСН", Part(P::Generic)), ("ЗАПЧАСТ", Part(P::Generic)), ("ЧАСТИ", Part(P::Generic)), ("ЧАСТЬ", Part(P::Generic)),
    ("ЧАСТЕЙ", Part(P::Generic)), ("КОМПЛЕКТУЮЩ", Part(P::Generic)), ("SPARE", Part(P::Generic)), ("SPARES", Part(P::Generic)),
    ("PARTS", Part(P::Generic)), ("PART", Part(P::Generic)), ("配件", Part(P::Generic)), ("零件", Part(P::Generic)), ("备件", Part(P::Generic)),
    ("ПРОПЕЛЛЕР", Part(P::Propeller)), ("ВИНТ", Part(P::Propeller)), ("ВИНТЫ", Part(P::Propeller)), ("ЛОПАСТ", Part(P::Propeller)),
    ("PROPELLER", Part(P::Propeller)), ("PROPS", Part(P::Propeller)), ("ROTOR BLADE", Part(P::Propeller)), ("螺旋桨", Part(P::Propeller)), ("桨叶", Part(P::Propeller)),
    ("АККУМУЛЯТОР", Part(P::Battery)), ("БАТАРЕ", Part(P::Battery)), ("BATTER", Part(P::Battery)), ("LIPO", Part(P::Battery)),
    ("电池", Part(P::Battery)), ("ЭЛЕКТРОДВИГАТЕЛ", Part(P::Motor)), ("ДВИГАТЕЛ", Part(P::Motor)), ("МОТОР", Part(P::Motor)),
    ("MOTOR", Part(P::Motor)), ("电机", Part(P::Motor)), ("马达", Part(P::Motor)), ("РЕГУЛЯТОР ОБОРОТ", Part(P::Esc)), ("ESC", Part(P::Esc)),
    ("SPEED CONTROLLER", Part(P::Esc)), ("电调", Part(P::Esc)), ("ПОЛЕТН КОНТРОЛЛЕР", Part(P::FlightController)),
    ("FLIGHT CONTROLLER", Part(P::FlightController)), ("FLIGHT CONTROL", Part(P::FlightController)), ("飞控", Part(P::FlightController)),
    ("ПУЛЬТ", Part(P::RemoteController)), ("REMOTE CONTROL", Part(P::RemoteController)), ("遥控器", Part(P::RemoteController)),
    ("РАМА", Part(P::Frame)), ("РАМЫ", Part(P::Frame)), ("FRAME", Part(P::Frame)), ("机架", Part(P::Frame)),
    ("ВИДЕОПЕРЕДАТЧИК", Part(P::Vtx)), ("VIDEO TRANSMITTER", Part(P::Vtx)), ("VTX", Part(P::Vtx)), ("图传", Part(P::Vtx)),
    ("ПОДВЕСН КАМЕР", Part(P::Camera)), ("ВИДЕОКАМЕР", Part(P::Camera)), ("ТЕПЛОВИЗ", Part(P::Camera)), ("CAMERA", Part(P::Camera)),
    ("THERMAL", Part(P::Camera)), ("GIMBAL CAMERA", Part(P::Camera)), ("PAYLOAD", Part(P::Camera)), ("相机", Part(P::Camera)), ("摄像头", Part(P::Camera)),
    ("GPS", Part(P::Gnss)), ("GNSS", Part(P::Gnss)), ("ГЛОНАСС", Part(P::Gnss)), ("ГНСС", Part(P::Gnss)), ("GPS模块", Part(P::Gnss)),
    ("РАДИОМОДЕМ", Part(P::Radio)), ("ТЕЛЕМЕТР", Part(P::Radio)), ("TELEMETRY", Part(P::Radio)), ("АНТЕНН", Part(P::Radio)),
    ("ANTENNA", Part(P::Radio)), ("数传", Part(P::Radio)), ("天线", Part(P::Radio)),
    // Electronic components.
    ("МИКРОКОНТРОЛЛЕР", Component), ("МИКРОСХЕМ", Component), ("ИНТЕГРАЛЬН СХЕМ", Component), ("ИНТЕГРАЛЬН МИКРОСХЕМ", Component),
    ("ПЛИС", Component), ("ПРОГРАММИРУЕМ ЛОГИЧЕСК", Component), ("ПРОЦЕССОР", Component), ("МИКРОПРОЦЕССОР", Component),
    ("ИНЕРЦИАЛЬН", Component), ("ГИРОСКОП", Component), ("АКСЕЛЕРОМЕТР", Component), ("ПРИЕМОПЕРЕДАТЧИК", Component),
    ("УСИЛИТЕЛ МОЩНОСТ", Component), ("КОНДЕНСАТОР", Component), ("ТРАНЗИСТОР", Component), ("ДИОД", Component),
    ("ПОЛУПРОВОДНИК", Component), ("ЧИП", Component), ("ЧИПЫ", Component), ("ЭЛЕКТРОНН КОМПОНЕНТ", Component),
    ("РАДИОЭЛЕКТРОНН КОМПОНЕНТ", Component), ("MICROCONTROLLER", Component), ("MCU", Component), ("INTEGRATED CIRCUIT", Component),
    ("IC", Component), ("ICS", Component), ("FPGA", Component), ("DSP", Component), ("PROCESSOR", Component),
    ("MICROPROCESSOR", Component), ("INERTIAL", Component), ("IMU", Component), ("GYROSCOPE", Component),
    ("ACCELEROMETER", Component), ("TRANSCEIVER", Component), ("AMPLIFIER", Component), ("CAPACITOR", Component),
    ("TRANSISTOR", Component), ("DIODE", Component), ("SEMICONDUCTOR", Component), ("CHIP", Component), ("CHIPS", Component),
    ("ELECTRONIC COMPONENT", Component), ("芯片", Component), ("微控制器", Component), ("单片机", Component),
    ("集成电路", Component), ("电容", Component), ("射频", Component), ("处理器", Component), ("可编程逻辑", Component),
    // Look-alikes.
    ("ЭКШН", Lookalike), ("ЭКШЕН", Lookalike), ("ACTION CAM", Lookalike), ("СТАБИЛИЗАТОР", Lookalike), ("СТЕДИКАМ", Lookalike),
    ("КАРМАНН", Lookalike), ("ИГРУШК", Lookalike), ("РАДИОУПРАВЛЯЕМ", Lookalike), ("ВЕРТОЛЕТ", Lookalike), ("STABILIZER", Lookalike),
    ("STABILISER", Lookalike), ("HANDHELD", Lookalike), ("POCKET", Lookalike), ("TOY", Lookalike), ("TOYS", Lookalike),
    ("HELICOPTER", Lookalike), ("STEADICAM", Lookalike), ("玩具", Lookalike), ("稳定器", Lookalike), ("运动相机", Lookalike),
    ("口袋", Lookalike), ("手持", Lookalike), ("遥控玩具", Lookalike),
    // Other devices.
    ("ТЕЛЕФОН", OtherDevice), ("СМАРТФОН", OtherDevice), ("НОУТБУК", OtherDevice), ("ПЛАНШЕТ", OtherDevice), ("АВТОМОБИЛ", OtherDevice),
    ("ЭКСКАВАТОР", OtherDevice), ("PHONE", OtherDevice), ("SMARTPHONE", OtherDevice), ("LAPTOP", OtherDevice), ("NOTEBOOK", OtherDevice),
    ("TABLET", OtherDevice), ("CAR", OtherDevice), ("CARS", OtherDevice), ("MOTOR VEHICLE", OtherDevice), ("手机", OtherDevice), ("笔记本", OtherDevice),
    // Generic wording.
    ("ОБОРУДОВАН", Generic), ("ЭЛЕКТРОНН", Generic), ("ТОВАР", Generic), ("НАРОДН", Generic), ("ПОТРЕБЛЕН", Generic),
    ("ИЗДЕЛИ", Generic), ("ПРИНАДЛЕЖНОСТ", Generic), ("АКСЕССУАР", Generic), ("ПРОДУКЦИ", Generic), ("ОБРАЗЕЦ", Generic),
    ("ОБРАЗЦ", Generic), ("МАТЕРИАЛ", Generic), ("ДЕТАЛ", Generic), ("ГРУЗ", Generic), ("ПРОЧ", Generic), ("РАЗН", Generic),
    ("РАЗЛИЧН", Generic), ("СБОРН", Generic), ("ТЕХНИК", Generic), ("УСТРОЙСТВ", Generic), ("ПРИБОР", Generic),
    ("КОМПОНЕНТ", Generic), ("НАБОР", Generic), ("ИМУЩЕСТВ", Generic), ("ЛИЧН", Generic), ("ХОЗЯЙСТВЕНН", Generic),
    ("БЫТОВ", Generic), ("ЗАПАС", Generic), ("ACCESSOR", Generic), ("EQUIPMENT", Generic), ("ELECTRONIC", Generic),
    ("CONSUMER", Generic), ("GOODS", Generic), ("SAMPLE", Generic), ("ARTICLE", Generic), ("ITEMS", Generic),
    ("PRODUCT", Generic), ("MISC", Generic), ("VARIOUS", Generic), ("COMPONENT", Generic), ("DEVICE", Generic),
    ("CARGO", Generic), ("GENERAL", Generic), ("MERCHANDISE", Generic), ("ASSORTED", Generic), ("SUPPLIES", Generic),
    ("MATERIAL", Generic), ("PERSONAL", Generic), ("HOUSEHOLD", Generic), ("KIT", Generic), ("货物", Generic), ("商品", Generic),
    ("产品", Generic), ("日用品", Generic), ("电子", Generic), ("设备", Generic), ("零配件", Generic), ("杂货", Generic), ("样品", Generic),
    ("ХОЗТОВАР", Generic), ("ЭЛЕКТРОТОВАР", Generic), ("РАДИОДЕТАЛ", Generic), ("СУВЕНИР", Generic), ("ПОДАРК", Generic),
    ("ПРОМЫШЛЕНН", Generic), ("ЭЛЕКТРОТЕХНИЧ", Generic), ("УЗЛЫ", Generic), ("АГРЕГАТ", Generic), ("МОДУЛ", Generic), ("БЛОК", Generic),
    ("ИНВЕНТАР", Generic), ("ИНСТРУМЕНТ", Generic), ("ЭЛЕМЕНТ", Generic), ("СИСТЕМ", Generic), ("ПРИСПОСОБЛЕН", Generic),
    ("ПОЗИЦИ", Generic), ("АССОРТИМЕНТ", Generic), ("ПАРТИ", Generic), ("ПОСЫЛК", Generic), ("ОТПРАВЛЕНИ", Generic), ("НОВЫЕ", Stop), ("НОВЫЙ", Stop),
    ("HARDWARE", Generic), ("GADGET", Generic), ("TOOLS", Generic), ("MODULE", Generic), ("UNITS", Generic), ("ASSEMBL", Generic),
    ("ELECTRICAL", Generic), ("INDUSTRIAL", Generic), ("MACHINERY", Generic), ("OTHER", Generic), ("SUNDRIES", Generic),
    ("MIXED", Generic), ("STUFF", Generic), ("GIFT", Generic), ("SOUVENIR", Generic), ("PARCEL", Generic), ("SHIPMENT", Generic),
    ("SYSTEM", Generic), ("ELEMENTS", Generic), ("NEW", Stop),
    // Clause words.
    ("С", With), ("СО", With), ("WITH", With), ("ВКЛЮЧАЯ", With), ("INCLUDING", With), ("КОМПЛЕКТЕ", With), ("ВКЛ", With),
    ("含", With), ("带", With), ("ДЛЯ", For), ("FOR", For), ("К", For), ("用于", For), ("适用", For),
    // Fillers and stop words.
    ("ОТСУТСТВУЕТ", Filler), ("НЕ ОБОЗНАЧЕН", Filler), ("НЕ ИЗВЕСТ", Filler), ("НЕИЗВЕСТ", Filler), ("НЕТ", Filler),
    ("БЕЗ МАРКИ", Filler), ("БЕЗ БРЕНДА", Filler), ("БЕЗ МОДЕЛИ", Filler), ("Б М", Filler), ("NO BRAND", Filler), ("NOBRAND", Filler),
    ("NO NAME", Filler), ("NONAME", Filler), ("NONE", Filler), ("N A", Filler), ("NULL", Filler), ("UNKNOWN", Filler),
    ("НЕ УКАЗАН", Filler), ("无", Filler), ("И", Stop), ("В", Stop), ("НА", Stop), ("ИЗ", Stop), ("ПО", Stop), ("ОТ", Stop),
    ("НЕ", Stop), ("ШТ", Stop), ("AND", Stop), ("OF", Stop), ("THE", Stop), ("IN", Stop), ("TO", Stop), ("A", Stop),
    ("PCS", Stop), ("PC", Stop), ("SET", Stop), ("КОМПЛЕКТ", Stop), ("МОДЕЛЬ", Stop), ("МОДЕЛИ", Stop), ("MODEL", Stop),
    ("МАРКА", Stop), ("МАРКИ", Stop), ("ТОВАРН ЗНАК", Stop), ("BRAND", Stop), ("АРТ", Stop), ("АРТИКУЛ", Stop),
    ("ПРОИЗВОДИТЕЛ", Stop), ("MANUFACTURER", Stop), ("НАЗНАЧЕНИ", Stop), ("ВОЕНН", Stop),
];

/// Stems of four or more characters that must still match whole tokens only (`PART` must not match `PARTNER`).
const EXACT: &[&str] = &[
    "PART",
    "PARTS",
    "ЧАСТИ",
    "ЧАСТЬ",
    "РАМА",
    "РАМЫ",
    "ВИНТ",
    "ВИНТЫ",
    "CARS",
    "TOYS",
    "CHIPS",
    "ITEMS",
    "ЧИПЫ",
    "UAVS",
    "NONE",
    "NULL",
    "LIPO",
    "PROPS",
];

/// A phrase found in a text: the cue and the token range it covers.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// What the phrase says.
    pub cue: Cue,
    /// First token.
    pub start: u16,
    /// One past the last token.
    pub end: u16,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// Folded stem → (stem id, prefix matching allowed).
    stems: HashMap<String, (u32, bool)>,
    /// Bit `n` set when some prefix-matching stem has `n` characters.
    prefix_lens: u64,
    /// Phrases by first stem id: (stem ids, cue).
    phrases: HashMap<u32, Vec<(Vec<u32>, Cue)>>,
}

impl Lexicon {
    /// Compiles [`PHRASES`].
    pub fn new() -> Self {
        let mut lex = Lexicon {
            stems: HashMap::new(),
            prefix_lens: 0,
            phrases: HashMap::new(),
        };
        let exact: Vec<String> = EXACT.iter().flat_map(|w| fold_tokens(w)).collect();
        for w in &exact {
            let n = lex.stems.len() as u32;
            lex.stems.entry(w.clone()).or_insert((n, false));
        }
        for (phrase, cue) in PHRASES {
            let words = fold_tokens(phrase);
            let ids: Vec<u32> = words.iter().map(|w| lex.stem_id(w)).collect();
            if let Some(first) = ids.first() {
                let list = lex.phrases.entry(*first).or_default();
                list.push((ids, *cue));
                list.sort_by_key(|(ids, _)| std::cmp::Reverse(ids.len()));
            }
        }
        lex
    }

    fn stem_id(&mut self, w: &str) -> u32 {
        let n = self.stems.len() as u32;
        let chars = w.chars().count();
        let prefix = chars >= 4 && !w.chars().all(|c| c.is_ascii_digit());
        if prefix && chars < 64 {
            self.prefix_lens |= 1 << chars;
        }
        self.stems.entry(w.to_string()).or_insert((n, prefix)).0
    }

    /// The longest stem that token `t` is or starts with.
    pub fn stem_of(&self, t: &str) -> Option<u32> {
        if let Some((id, _)) = self.stems.get(t) {
            return Some(*id);
        }
        let mut ends: [usize; 64] = [0; 64];
        let mut n = 0;
        for (i, _) in t.char_indices().skip(1) {
            if n < 64 {
                ends[n] = i;
                n += 1;
            }
        }
        // ends[k] is the byte end of the first k+1 characters.
        for k in (3..n).rev() {
            if self.prefix_lens & (1 << (k + 1)) == 0 {
                continue;
            }
            if let Some((id, true)) = self.stems.get(&t[..ends[k]]) {
                return Some(*id);
            }
        }
        None
    }

    /// Finds every phrase in `toks`, longest first, without overlaps; `stems` is scratch space.
    pub fn scan(&self, toks: &Tokens, stems: &mut Vec<Option<u32>>, out: &mut Vec<Hit>) {
        out.clear();
        stems.clear();
        stems.extend((0..toks.len()).map(|i| self.stem_of(toks.text(i))));
        let mut i = 0;
        while i < stems.len() {
            let mut step = 1;
            if let Some(first) = stems[i]
                && let Some(list) = self.phrases.get(&first)
            {
                for (ids, cue) in list {
                    let end = i + ids.len();
                    if end <= stems.len()
                        && ids.iter().zip(&stems[i..end]).all(|(a, b)| Some(*a) == *b)
                    {
                        out.push(Hit {
                            cue: *cue,
                            start: i as u16,
                            end: end as u16,
                        });
                        step = ids.len();
                        break;
                    }
                }
            }
            i += step;
        }
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<Cue> {
        let lex = Lexicon::new();
        let mut t = Tokens::default();
        t.fill(text);
        let (mut s, mut out) = (Vec::new(), Vec::new());
        lex.scan(&t, &mut s, &mut out);
        out.iter().map(|h| h.cue).collect()
    }

    #[test]
    fn russian_endings_and_phrases_match() {
        assert_eq!(cues("КВАДРОКОПТЕРЫ"), vec![Drone]);
        assert_eq!(cues("квадрокоптера"), vec![Drone]);
        assert_eq!(cues("беспилотный летательный аппарат"), vec![Drone]);
        assert_eq!(cues("ПОЛЕТНЫЙ КОНТРОЛЛЕР"), vec![Part(P::FlightController)]);
        assert_eq!(cues("航拍无人机"), vec![DroneContext, Drone]);
        assert_eq!(
            cues("запасные части для БПЛА"),
            vec![Part(P::Generic), Part(P::Generic), For, Drone]
        );
        assert_eq!(cues("UAV"), vec![Drone]);
        assert!(cues("UAVX").is_empty());
    }
}
