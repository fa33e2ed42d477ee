//! Splits a byte stream into logical records (raw bytes plus first and last physical line) without parsing fields.
//!
//! Quote state is tracked like `csv-core`: a quote opens a quoted field only at the start of a field,
//! a doubled quote inside a quoted field is a literal quote, and a stray quote inside an unquoted field is literal.
//! A record still inside quotes after `max_record_bytes` or `max_record_lines` is cut at the next newline
//! and marked [`SpanKind::Runaway`], so a broken quote swallows a bounded number of lines,
//! which the field splitter then re-reads one line at a time.
//! Memory stays flat: the caller takes the consumed prefix of the buffer as a chunk every few thousand records.

use std::io::{self, Read};

use memchr::{memchr, memchr2, memchr3};

/// How a record ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpanKind {
    /// Ended at a newline outside quotes, or at the end of the input outside quotes.
    Normal,
    /// Still inside a quoted field when a bound or the end of the input was reached.
    Runaway,
}

/// One logical record: a byte range of the current chunk and the physical lines it covers (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub line: u64,
    pub line_end: u64,
    pub kind: SpanKind,
}

/// Streaming record splitter over any reader of ASCII-compatible bytes.
pub(crate) struct Splitter<R> {
    reader: R,
    buf: Vec<u8>,
    rec_start: usize,
    pos: usize,
    in_quote: bool,
    field_start: bool,
    runaway: bool,
    rec_line: u64,
    nl_in_rec: u64,
    eof: bool,
    delim: u8,
    quoting: bool,
    max_record_bytes: usize,
    max_record_lines: u64,
}

const READ_SIZE: usize = 256 * 1024;

impl<R: Read> Splitter<R> {
    /// A splitter for delimited text (`quoting` true) or for plain lines such as JSON Lines (`quoting` false).
    pub fn new(reader: R, delim: u8, quoting: bool) -> Self {
        Splitter {
            reader,
            buf: Vec::with_capacity(READ_SIZE),
            rec_start: 0,
            pos: 0,
            in_quote: false,
            field_start: true,
            runaway: false,
            rec_line: 1,
            nl_in_rec: 0,
            eof: false,
            delim,
            quoting,
            max_record_bytes: 1 << 20,
            max_record_lines: 1000,
        }
    }

    /// Overrides the bounds after which an open quote is treated as broken.
    #[cfg(test)]
    pub fn with_bounds(mut self, bytes: usize, lines: u64) -> Self {
        self.max_record_bytes = bytes;
        self.max_record_lines = lines;
        self
    }

    /// The bytes of a span returned since the last [`Self::take_chunk`].
    pub fn bytes(&self, span: &Span) -> &[u8] {
        &self.buf[span.start..span.end]
    }

    /// Bytes held for records returned since the last [`Self::take_chunk`].
    pub fn pending_bytes(&self) -> usize {
        self.rec_start
    }

    /// Hands over the bytes of every record returned so far; spans returned so far index into it.
    pub fn take_chunk(&mut self) -> Vec<u8> {
        let rest = &self.buf[self.rec_start..];
        let mut next = Vec::with_capacity((rest.len() * 2).max(READ_SIZE));
        next.extend_from_slice(rest);
        let mut chunk = std::mem::replace(&mut self.buf, next);
        chunk.truncate(self.rec_start);
        self.pos -= self.rec_start;
        self.rec_start = 0;
        chunk
    }

    fn fill(&mut self) -> io::Result<()> {
        let len = self.buf.len();
        self.buf.resize(len + READ_SIZE, 0);
        let n = loop {
            match self.reader.read(&mut self.buf[len..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(len + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }

    /// Ends the current record at `end` (exclusive, the newline or the end of input).
    fn emit(&mut self, end: usize, kind: SpanKind) -> Option<Span> {
        let mut stop = end;
        if stop > self.rec_start && self.buf[stop - 1] == b'\r' {
            stop -= 1;
        }
        let span = Span {
            start: self.rec_start,
            end: stop,
            line: self.rec_line,
            line_end: self.rec_line + self.nl_in_rec,
            kind,
        };
        self.rec_line = span.line_end + 1;
        self.rec_start = (end + 1).min(self.buf.len());
        self.pos = self.rec_start;
        self.nl_in_rec = 0;
        self.in_quote = false;
        self.field_start = true;
        self.runaway = false;
        let blank = self.buf[span.start..span.end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        (!blank).then_some(span)
    }

    /// Scans for the end of the current record; `Ok(None)` means more input is needed.
    fn scan(&mut self) -> Option<Result<Span, ()>> {
        loop {
            let len = self.buf.len();
            if self.runaway {
                let i = memchr(b'\n', &self.buf[self.pos..])?;
                let end = self.pos + i;
                return Some(self.emit(end, SpanKind::Runaway).ok_or(()));
            }
            if self.in_quote {
                match memchr2(b'"', b'\n', &self.buf[self.pos..]) {
                    Some(i) if self.buf[self.pos + i] == b'\n' => {
                        let j = self.pos + i;
                        if self.nl_in_rec + 1 >= self.max_record_lines
                            || j - self.rec_start > self.max_record_bytes
                        {
                            return Some(self.emit(j, SpanKind::Runaway).ok_or(()));
                        }
                        self.nl_in_rec += 1;
                        self.pos = j + 1;
                    }
                    Some(i) => {
                        let q = self.pos + i;
                        if q + 1 >= len {
                            self.pos = q;
                            return None;
                        }
                        if self.buf[q + 1] == b'"' {
                            self.pos = q + 2;
                        } else {
                            self.in_quote = false;
                            self.pos = q + 1;
                        }
                    }
                    None => {
                        self.pos = len;
                        if self.pos - self.rec_start > self.max_record_bytes {
                            self.runaway = true;
                        }
                        return None;
                    }
                }
                continue;
            }
            let hay = &self.buf[self.pos..];
            let found = if self.quoting {
                memchr3(b'\n', b'"', self.delim, hay)
            } else {
                memchr(b'\n', hay)
            };
            let Some(i) = found else {
                if self.pos < len {
                    self.field_start = false;
                }
                self.pos = len;
                return None;
            };
            let j = self.pos + i;
            if i > 0 {
                self.field_start = false;
            }
            match self.buf[j] {
                b'\n' => return Some(self.emit(j, SpanKind::Normal).ok_or(())),
                b'"' => {
                    self.in_quote = self.field_start;
                    self.field_start = false;
                }
                _ => self.field_start = true,
            }
            self.pos = j + 1;
        }
    }

    /// The next non-blank record, or `None` at the end of the input.
    pub fn next_record(&mut self) -> io::Result<Option<Span>> {
        loop {
            match self.scan() {
                Some(Ok(span)) => return Ok(Some(span)),
                Some(Err(())) => continue,
                None if self.eof => {
                    // A closing quote as the very last byte: nothing more can follow it.
                    if self.in_quote && self.pos + 1 == self.buf.len() && self.buf[self.pos] == b'"'
                    {
                        self.in_quote = false;
                        self.pos = self.buf.len();
                    }
                    if self.rec_start >= self.buf.len() {
                        return Ok(None);
                    }
                    let kind = if self.in_quote || self.runaway {
                        SpanKind::Runaway
                    } else {
                        SpanKind::Normal
                    };
                    let end = self.buf.len();
                    if let Some(span) = self.emit(end, kind) {
                        return Ok(Some(span));
                    }
                }
                None => self.fill()?,
            }
        }
    }
}

/// True when `line` ends inside a quoted field, by the same rules as the splitter.
pub(crate) fn ends_in_quote(line: &[u8], delim: u8) -> bool {
    let (mut in_quote, mut field_start) = (false, true);
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if in_quote {
            if b == b'"' {
                if line.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quote = false;
                }
            }
        } else if b == b'"' {
            in_quote = field_start;
            field_start = false;
        } else {
            field_start = b == delim;
        }
        i += 1;
    }
    in_quote
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(input: &str, bounds: Option<(usize, u64)>) -> Vec<(String, u64, u64, SpanKind)> {
        let mut s = Splitter::new(input.as_bytes(), b',', true);
        if let Some((b, l)) = bounds {
            s = s.with_bounds(b, l);
        }
        let mut out = Vec::new();
        while let Some(span) = s.next_record().expect("reads from memory") {
            let text = String::from_utf8_lossy(s.bytes(&span)).into_owned();
            out.push((text, span.line, span.line_end, span.kind));
        }
        out
    }

    #[test]
    fn records_table() {
        use SpanKind::{Normal as N, Runaway as R};
        type Want<'a> = &'a [(&'a str, u64, u64, SpanKind)];
        let cases: &[(&str, Want)] = &[
            ("a,b\n1,2\n", &[("a,b", 1, 1, N), ("1,2", 2, 2, N)]),
            ("a,b\r\n1,2", &[("a,b", 1, 1, N), ("1,2", 2, 2, N)]),
            ("a,b\n\n  \n1,2\n", &[("a,b", 1, 1, N), ("1,2", 4, 4, N)]),
            (
                "a,\"x\ny\",c\nd\n",
                &[("a,\"x\ny\",c", 1, 2, N), ("d", 3, 3, N)],
            ),
            (
                "a,\"x\"\"\ny\"\nd\n",
                &[("a,\"x\"\"\ny\"", 1, 2, N), ("d", 3, 3, N)],
            ),
            ("a,b\"c\nd\n", &[("a,b\"c", 1, 1, N), ("d", 2, 2, N)]),
            (
                "a,\"open\nb\nc\nd\n",
                &[("a,\"open\nb", 1, 2, R), ("c", 3, 3, N), ("d", 4, 4, N)],
            ),
            ("a,\"open\nb", &[("a,\"open\nb", 1, 2, R)]),
            ("\"a\"", &[("\"a\"", 1, 1, N)]),
            ("", &[]),
        ];
        for (input, want) in cases {
            let got = split(input, Some((1 << 20, 2)));
            let want: Vec<_> = want
                .iter()
                .map(|(t, a, b, k)| (t.to_string(), *a, *b, *k))
                .collect();
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn chunks_keep_spans_valid() {
        let input: String = (0..10_000).map(|i| format!("{i},\"x\ny\",z\n")).collect();
        let mut s = Splitter::new(input.as_bytes(), b',', true);
        let mut seen = 0u64;
        let mut spans = Vec::new();
        while let Some(span) = s.next_record().expect("memory") {
            spans.push(span);
            if spans.len() == 777 {
                let chunk = s.take_chunk();
                for sp in spans.drain(..) {
                    assert_eq!(
                        &chunk[sp.start..sp.end],
                        format!("{seen},\"x\ny\",z").as_bytes()
                    );
                    assert_eq!(sp.line, seen * 2 + 1);
                    seen += 1;
                }
            }
        }
        assert_eq!(seen + spans.len() as u64, 10_000);
    }

    #[test]
    fn quote_state_of_lines() {
        assert!(ends_in_quote(b"a,\"b", b','));
        assert!(!ends_in_quote(b"a,\"b\"", b','));
        assert!(!ends_in_quote(b"a,b\"c", b','));
        assert!(!ends_in_quote(b"a,\"b\"\"c\"", b','));
    }
}
