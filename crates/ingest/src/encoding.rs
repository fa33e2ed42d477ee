//! Detects a file's text encoding from its first 64 KiB and prepares a byte stream the record splitter can read.
//!
//! UTF-8 and single-byte encodings (Windows-1251 and the like) pass through unchanged:
//! UTF-8 is validated per record, so one bad cell costs one row, and single-byte text is decoded per record.
//! UTF-16 and multi-byte legacy encodings are transcoded to UTF-8 while streaming.

use std::io::{self, Read};

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How many leading bytes are looked at to detect the encoding.
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// The outcome of detection: the encoding and how many BOM bytes to skip.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Detected {
    pub encoding: &'static Encoding,
    pub bom_len: usize,
}

impl Detected {
    /// True when records are decoded one at a time (single-byte, ASCII-compatible encodings).
    pub fn per_record(&self) -> Option<&'static Encoding> {
        (self.encoding != UTF_8 && self.encoding.is_single_byte()).then_some(self.encoding)
    }

    /// True when the stream is transcoded to UTF-8 before splitting.
    pub fn transcoded(&self) -> bool {
        self.encoding != UTF_8 && !self.encoding.is_single_byte()
    }
}

/// Resolves an encoding label such as `windows-1251`, `cp1251` or `utf-16le`.
pub(crate) fn for_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let l = match l.as_str() {
        "cp1251" | "win1251" | "win-1251" => "windows-1251",
        "cp866" => "ibm866",
        "utf8" => "utf-8",
        other => other,
    };
    Encoding::for_label(l.as_bytes())
}

/// Reads up to [`SNIFF_BYTES`] from the start of `reader`.
pub(crate) fn read_prefix(reader: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    reader.take(SNIFF_BYTES as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

/// Guesses UTF-16 without a BOM from the share of NUL bytes at odd or even offsets.
fn sniff_utf16(prefix: &[u8]) -> Option<&'static Encoding> {
    let sample = &prefix[..prefix.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 3 && even * 10 < odd {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 10 < even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True when the prefix is UTF-8, allowing rows with bad bytes among clearly UTF-8 rows (they are quarantined per row).
///
/// Evidence is counted per line, not per byte: a line written in another encoding has many invalid sequences but is one bad row,
/// while runs of valid multi-byte characters almost never occur by chance in Windows-1251 or GBK text.
/// So the prefix is UTF-8 when no line has invalid bytes, or when at least as many lines hold valid non-ASCII text as hold invalid bytes.
fn looks_utf8(prefix: &[u8], complete: bool) -> bool {
    let (mut good_lines, mut bad_lines) = (0usize, 0usize);
    let mut lines = prefix.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let last_line = lines.peek().is_none();
        let (mut good, mut bad) = (0usize, false);
        let mut chunks = line.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            let last = last_line && chunks.peek().is_none();
            // A character cut by the end of the sample is not evidence.
            let cut_by_end = last && !complete && chunk.invalid().len() < 4;
            bad |= !chunk.invalid().is_empty() && !cut_by_end;
        }
        if bad {
            bad_lines += 1;
        } else if good >= 2 {
            good_lines += 1;
        }
    }
    bad_lines == 0 || good_lines >= bad_lines
}

/// Detects the encoding: an explicit one wins, then a BOM, then UTF-16 NULs, then UTF-8 validity,
/// then the profile's encoding, then `chardetng`.
pub(crate) fn detect(
    prefix: &[u8],
    complete: bool,
    given: Option<&'static Encoding>,
    profile: Option<&'static Encoding>,
) -> Detected {
    let bom = Encoding::for_bom(prefix);
    if let Some(enc) = given {
        let bom_len = bom.filter(|(b, _)| *b == enc).map_or(0, |(_, n)| n);
        return Detected {
            encoding: enc,
            bom_len,
        };
    }
    if let Some((enc, bom_len)) = bom {
        return Detected {
            encoding: enc,
            bom_len,
        };
    }
    if let Some(enc) = sniff_utf16(prefix) {
        return Detected {
            encoding: enc,
            bom_len: 0,
        };
    }
    if looks_utf8(prefix, complete) {
        return Detected {
            encoding: UTF_8,
            bom_len: 0,
        };
    }
    if let Some(enc) = profile.filter(|e| *e != UTF_8) {
        return Detected {
            encoding: enc,
            bom_len: 0,
        };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(prefix, complete);
    Detected {
        encoding: det.guess(None, chardetng::Utf8Detection::Allow),
        bom_len: 0,
    }
}

/// The stream the splitter reads: the prefix (less its BOM) and the rest, transcoded to UTF-8 when needed.
pub(crate) fn text_stream<'a>(
    prefix: Vec<u8>,
    rest: impl Read + 'a,
    det: Detected,
) -> Box<dyn Read + 'a> {
    let start = det.bom_len.min(prefix.len());
    let joined = io::Cursor::new(prefix).chain(rest);
    let mut joined = joined;
    if start > 0 {
        let mut skip = vec![0u8; start];
        // The BOM bytes are in the in-memory prefix, so this read cannot fail.
        let _ = joined.read_exact(&mut skip);
    }
    if det.transcoded() {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(det.encoding))
                .bom_sniffing(false)
                .build(joined),
        )
    } else {
        Box::new(joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp1251(s: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1251.encode(s).0.into_owned()
    }

    #[test]
    fn detection_table() {
        let russian =
            "Отправитель;Получатель;Описание товара\nООО Ромашка;ООО Лютик;Квадрокоптер\n";
        let mut utf8_one_bad = russian.repeat(3).into_bytes();
        utf8_one_bad.extend(cp1251("Квадрокоптер"));
        let utf16le: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "a,b\n1,2\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let cases: Vec<(Vec<u8>, &str, usize)> = vec![
            (b"a,b\n1,2\n".to_vec(), "UTF-8", 0),
            ([&b"\xEF\xBB\xBF"[..], b"a,b\n"].concat(), "UTF-8", 3),
            ([&b"\xFF\xFE"[..], &utf16le].concat(), "UTF-16LE", 2),
            ([&b"\xFE\xFF"[..], &utf16be].concat(), "UTF-16BE", 2),
            (utf16le, "UTF-16LE", 0),
            (utf16be, "UTF-16BE", 0),
            (russian.as_bytes().to_vec(), "UTF-8", 0),
            (cp1251(&russian.repeat(5)), "windows-1251", 0),
            (utf8_one_bad, "UTF-8", 0),
        ];
        for (bytes, want, bom) in cases {
            let d = detect(&bytes, true, None, None);
            assert_eq!((d.encoding.name(), d.bom_len), (want, bom), "{bytes:?}");
        }
    }

    #[test]
    fn given_and_profile_encodings() {
        let bytes = cp1251("Отправитель;Получатель\n");
        assert_eq!(
            detect(&bytes, true, None, for_label("cp1251"))
                .encoding
                .name(),
            "windows-1251"
        );
        assert_eq!(
            detect(b"abc", true, for_label("windows-1251"), None)
                .encoding
                .name(),
            "windows-1251"
        );
        assert!(for_label("klingon").is_none());
    }

    #[test]
    fn utf16_is_transcoded() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ш,б\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let det = detect(&bytes, true, None, None);
        let mut out = String::new();
        text_stream(bytes, io::empty(), det)
            .read_to_string(&mut out)
            .expect("memory");
        assert_eq!(out, "ш,б\n");
    }
}
