//! Streams an XML list with quick-xml and hands each record element (an OFAC entity, a UN individual) over as a small owned tree.
//!
//! Memory stays bounded by one record, not the file.
//! A file that is not XML at all is an [`Error`]; breakage after the root element is a `bad_xml` issue and ends the read.

use std::path::PathBuf;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::Error;
use crate::builder::Sink;

/// Elements nested deeper than this inside a record are skipped (and reported), which also bounds recursion when trees are dropped.
const MAX_DEPTH: usize = 48;

/// One element with its attributes, its own text and its child elements.
#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this local name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child with this name, or "" when there is none.
    pub fn text_of(&self, name: &str) -> &str {
        self.child(name).map_or("", |c| c.text.trim())
    }

    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the stream reports to its caller.
pub(crate) enum Found {
    /// The root element, with its attributes.
    Root(Node),
    /// A complete record element and its path, e.g. `/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[3]`.
    Record(String, Node),
}

fn start_node(e: &BytesStart<'_>, sink: &mut Sink, path: &str) -> Node {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        match a {
            Ok(a) => {
                let key = a.key.local_name().as_ref().to_string();
                let value = a
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                attrs.push((key, value));
            }
            Err(err) => sink.issue(path, "bad_xml", format!("bad attribute: {err}")),
        }
    }
    Node {
        name: e.local_name().as_ref().to_string(),
        attrs,
        ..Node::default()
    }
}

/// Streams `bytes`, calling `on` for the root element and for every element whose local name is in `records`.
pub(crate) fn stream(
    name: &str,
    bytes: &[u8],
    records: &[&str],
    sink: &mut Sink,
    mut on: impl FnMut(Found, &mut Sink),
) -> Result<(), Error> {
    let not_xml = |message: String| Error::NotXml {
        path: PathBuf::from(name),
        message,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(e) => {
            sink.issue(
                format!("byte {}", e.valid_up_to()),
                "bad_encoding",
                "file is not valid UTF-8; invalid bytes replaced",
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let mut reader = Reader::from_str(&text);
    let mut path: Vec<String> = Vec::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    // The record being built: a stack of open elements, the record itself at the bottom.
    let mut open: Vec<Node> = Vec::new();
    let mut record_path = String::new();
    let mut skipped_depth = 0usize;
    let mut root_seen = false;
    loop {
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                if !root_seen {
                    return Err(not_xml(format!("at byte {}: {e}", reader.error_position())));
                }
                sink.issue(
                    format!("byte {}", reader.error_position()),
                    "bad_xml",
                    format!("XML broken, rest of file not read: {e}"),
                );
                return Ok(());
            }
        };
        match event {
            Event::Start(_) if skipped_depth > 0 => skipped_depth += 1,
            Event::Empty(_) if skipped_depth > 0 => {}
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let empty = matches!(ev, Event::Empty(_));
                let (Event::Start(e) | Event::Empty(e)) = ev else {
                    continue;
                };
                let local = e.local_name().as_ref().to_string();
                if !root_seen {
                    root_seen = true;
                    on(
                        Found::Root(start_node(&e, sink, &format!("/{local}"))),
                        sink,
                    );
                    if !empty {
                        path.push(local);
                    }
                    continue;
                }
                if open.is_empty() && records.contains(&local.as_str()) {
                    let n = match counts.iter_mut().find(|(k, _)| *k == local) {
                        Some((_, n)) => {
                            *n += 1;
                            *n
                        }
                        None => {
                            counts.push((local.clone(), 1));
                            1
                        }
                    };
                    record_path = format!("/{}/{local}[{n}]", path.join("/"));
                    let node = start_node(&e, sink, &record_path);
                    if empty {
                        on(Found::Record(record_path.clone(), node), sink);
                    } else {
                        open.push(node);
                    }
                } else if !open.is_empty() {
                    if open.len() >= MAX_DEPTH {
                        sink.issue(
                            &record_path,
                            "unknown_field",
                            format!("element <{local}> nested too deep, skipped"),
                        );
                        if !empty {
                            skipped_depth = 1;
                        }
                        continue;
                    }
                    let node = start_node(&e, sink, &record_path);
                    if empty {
                        if let Some(parent) = open.last_mut() {
                            parent.children.push(node);
                        }
                    } else {
                        open.push(node);
                    }
                } else if !empty {
                    path.push(local);
                }
            }
            Event::End(_) if skipped_depth > 0 => skipped_depth -= 1,
            Event::End(_) => {
                if let Some(node) = open.pop() {
                    match open.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => on(Found::Record(record_path.clone(), node), sink),
                    }
                } else {
                    path.pop();
                }
            }
            Event::Text(t) if skipped_depth == 0 => {
                if let Some(node) = open.last_mut() {
                    node.text.push_str(&t.xml10_content());
                } else if !root_seen && !t.xml10_content().trim().is_empty() {
                    return Err(not_xml("text before the root element".into()));
                }
            }
            Event::CData(t) if skipped_depth == 0 => {
                if let Some(node) = open.last_mut() {
                    node.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) if skipped_depth == 0 => {
                if let Some(node) = open.last_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => node.text.push(c),
                        _ => match quick_xml::escape::resolve_xml_entity(&r) {
                            Some(s) => node.text.push_str(s),
                            None => sink.issue(
                                &record_path,
                                "bad_xml",
                                format!("unknown entity &{};", &*r),
                            ),
                        },
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(not_xml("no root element".into()));
    }
    if !open.is_empty() {
        sink.issue(
            &record_path,
            "bad_xml",
            "file ends inside a record; the record was not read",
        );
    }
    Ok(())
}
