//! The regulation's rules as pure functions.
