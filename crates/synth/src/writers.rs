//! The CSV writers: the headers of the three declaration files, a reusable line builder and a buffered file writer.
//!
//! `ru_vendor.csv` is UTF-8 with commas and `NULL`; `ru_customs.csv` is Windows-1251 with semicolons and decimal commas; `kz_imports.csv` is UTF-8 with semicolons.
//! Rows are built cell by cell into one reused buffer (see [`Line`]), so writing a row allocates nothing.

use std::io::{BufWriter, Write};
use std::path::Path;

/// Headers of `ru_vendor.csv` (the `ru-vendor` profile).
pub const VENDOR_HEADERS: &[&str] = &[
    "RECORD_ID",
    "DECLARATION_NUMBER",
    "IMP_DATE",
    "ITEM_NO",
    "CUSTOMS_PROCEDURE_CODE",
    "SUPPLIER_NAME",
    "SUPPLIER_ADDRESS",
    "SUPPLIER_COUNTRY",
    "IMPORTER_CODE",
    "IMPORTER_NAME",
    "IMPORTER_NAME_EN",
    "IMPORTER_ADDRESS",
    "TRADING_COUNTRY",
    "DISPATCH_COUNTRY",
    "ORIGIN_COUNTRY",
    "BRAND",
    "MANUFACTURER",
    "MODEL",
    "HS_CODE",
    "PRODUCT_DESCRIPTION",
    "PRODUCT_DESCRIPTION_EN",
    "QUANTITY",
    "UNIT",
    "GROSS_WEIGHT_KG",
    "NET_WEIGHT_KG",
    "INVOICE_VALUE",
    "CURRENCY",
    "TOTAL_VALUE_USD",
    "INCOTERMS",
];

/// Headers of `ru_customs.csv` (the `ru-customs` profile).
pub const CUSTOMS_HEADERS: &[&str] = &[
    "Номер ДТ",
    "Дата ДТ",
    "Номер товара",
    "Направление",
    "Таможенная процедура",
    "Отправитель",
    "Адрес отправителя",
    "Страна отправителя",
    "Получатель",
    "ИНН получателя",
    "Адрес получателя",
    "Декларант",
    "ИНН декларанта",
    "Торгующая страна",
    "Страна отправления",
    "Страна происхождения",
    "Страна назначения",
    "Условия поставки",
    "Вид транспорта",
    "Таможенный пост",
    "Код ТН ВЭД",
    "Описание товара",
    "Товарный знак",
    "Производитель",
    "Модель",
    "Артикул",
    "Количество",
    "Ед. изм.",
    "Вес брутто, кг",
    "Вес нетто, кг",
    "Фактурная стоимость",
    "Валюта",
    "Таможенная стоимость, руб",
    "Статистическая стоимость, USD",
];

/// Headers of `kz_imports.csv` (no built-in profile; found by auto-detection).
pub const KZ_HEADERS: &[&str] = &[
    "Рег. номер ДТ",
    "Дата регистрации",
    "Номер товара",
    "Наименование отправителя",
    "Страна отправителя",
    "Наименование получателя",
    "БИН получателя",
    "Код товара по ТН ВЭД",
    "Наименование товара",
    "Торговая марка",
    "Производитель",
    "Страна происхождения",
    "Страна отправления",
    "Торгующая страна",
    "Количество",
    "Единица измерения",
    "Вес нетто, кг",
    "Вес брутто, кг",
    "Фактурная стоимость",
    "Валюта",
    "Стоимость, долл. США",
];

/// One CSV line built cell by cell in a reused buffer, quoting a cell only when it holds the delimiter, a quote or a line break.
pub struct Line {
    /// The text so far.
    pub buf: String,
    delim: char,
    null: bool,
    cells: usize,
    start: usize,
    scratch: String,
}

impl Line {
    /// An empty line for a delimiter; with `null`, empty cells are written as `NULL`.
    pub fn new(delim: char, null: bool) -> Self {
        Self {
            buf: String::with_capacity(1024),
            delim,
            null,
            cells: 0,
            start: 0,
            scratch: String::with_capacity(256),
        }
    }

    /// Starts the next line.
    pub fn clear(&mut self) {
        self.buf.clear();
        self.cells = 0;
    }

    /// Where the line stands, to come back to with [`Line::reset`] (e.g. after a shared prefix).
    pub fn mark(&self) -> (usize, usize) {
        (self.buf.len(), self.cells)
    }

    /// Cuts the line back to a [`Line::mark`].
    pub fn reset(&mut self, (len, cells): (usize, usize)) {
        self.buf.truncate(len);
        self.cells = cells;
    }

    /// Starts a cell and returns the buffer to append its text to; call [`Line::end`] after.
    pub fn begin(&mut self) -> &mut String {
        if self.cells > 0 {
            self.buf.push(self.delim);
        }
        self.cells += 1;
        self.start = self.buf.len();
        &mut self.buf
    }

    /// Ends the cell started by [`Line::begin`]: writes `NULL` for an empty cell if asked, quotes it if needed.
    pub fn end(&mut self) {
        let d = self.delim as u8;
        let cell = &self.buf.as_bytes()[self.start..];
        if cell.is_empty() {
            if self.null {
                self.buf.push_str("NULL");
            }
            return;
        }
        // A branch-free fold the compiler vectorises: most cells need no quoting, so the whole cell is scanned anyway.
        let special = cell.iter().fold(false, |acc, &b| {
            acc | (b == d) | (b == b'"') | (b == b'\n') | (b == b'\r')
        });
        if !special {
            return;
        }
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        text.push_str(&self.buf[self.start..]);
        self.buf.truncate(self.start);
        self.buf.push('"');
        for (i, part) in text.split('"').enumerate() {
            if i > 0 {
                self.buf.push_str("\"\"");
            }
            if part.contains(['\n', '\r']) {
                self.buf.push_str(&part.replace(['\n', '\r'], " "));
            } else {
                self.buf.push_str(part);
            }
        }
        self.buf.push('"');
        self.scratch = text;
    }

    /// Appends one cell.
    pub fn cell(&mut self, text: &str) {
        self.begin().push_str(text);
        self.end();
    }

    /// Appends one cell written by `f`.
    pub fn with(&mut self, f: impl FnOnce(&mut String)) {
        f(self.begin());
        self.end();
    }

    /// Ends the line with a line feed and returns it.
    pub fn finish(&mut self) -> &str {
        self.buf.push('\n');
        &self.buf
    }
}

/// A CSV file being written row by row.
pub struct Csv {
    out: BufWriter<fs_err::File>,
    cp1251: bool,
    /// Physical line of the last row written (1 = header).
    pub line: u64,
    fields: Line,
    bytes: Vec<u8>,
}

impl Csv {
    /// Creates the file and writes the header.
    pub fn create(
        path: &Path,
        delim: char,
        cp1251: bool,
        headers: &[&str],
    ) -> std::io::Result<Self> {
        let out = BufWriter::with_capacity(1 << 20, fs_err::File::create(path)?);
        let mut csv = Self {
            out,
            cp1251,
            line: 0,
            fields: Line::new(delim, false),
            bytes: Vec::with_capacity(1024),
        };
        csv.row(headers)?;
        Ok(csv)
    }

    /// Writes one row of cells and returns its 1-based physical line.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> std::io::Result<u64> {
        self.fields.clear();
        for f in fields {
            self.fields.cell(f.as_ref());
        }
        self.fields.finish();
        put(
            &mut self.out,
            self.cp1251,
            &mut self.bytes,
            &self.fields.buf,
        )?;
        self.line += 1;
        Ok(self.line)
    }

    /// Writes one finished line (CSV text ending in a line feed, see [`Line`]) and returns its 1-based physical line.
    pub fn text(&mut self, text: &str) -> std::io::Result<u64> {
        put(&mut self.out, self.cp1251, &mut self.bytes, text)?;
        self.line += 1;
        Ok(self.line)
    }

    /// Writes one finished line as raw bytes, without transcoding, and returns its 1-based physical line (for deliberately broken rows).
    pub fn bytes(&mut self, bytes: &[u8]) -> std::io::Result<u64> {
        self.out.write_all(bytes)?;
        self.line += 1;
        Ok(self.line)
    }

    /// Flushes the file.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Writes text as UTF-8 or, for `cp1251`, encoded to Windows-1251 through the reused `bytes` buffer.
fn put(
    out: &mut BufWriter<fs_err::File>,
    cp1251: bool,
    bytes: &mut Vec<u8>,
    text: &str,
) -> std::io::Result<()> {
    if !cp1251 {
        return out.write_all(text.as_bytes());
    }
    let mut enc = encoding_rs::WINDOWS_1251.new_encoder();
    bytes.clear();
    bytes.reserve(text.len());
    let (res, _) = enc.encode_from_utf8_to_vec_without_replacement(text, bytes, true);
    if res == encoding_rs::EncoderResult::InputEmpty {
        out.write_all(bytes)
    } else {
        let (enc, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
        debug_assert!(!bad, "not encodable in windows-1251: {text}");
        out.write_all(&enc)
    }
}

/// A written mention: role, column, text, entity.
pub type Mention = (&'static str, &'static str, String, u32);

/// One rendered row and the mentions in it.
pub struct Row {
    /// The row as CSV text in UTF-8, line feed included.
    pub text: String,
    /// Party mentions written in the row.
    pub mentions: Vec<Mention>,
    /// The record id in the file.
    pub record_id: String,
}
