//! Integration tests of the screening index: hand-written case files, and the real lists from `../shared/data`.

mod cases;
mod real_lists;
