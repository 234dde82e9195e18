//! The crate's one error type.
