//! Measures single-threaded classification speed, in lines per second, over a generated world's lines.

fn main() {}
