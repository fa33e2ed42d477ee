//! Runs the case files.
