//! The shorter runs of the root examples (`examples/*.rs`), each a part of the POC over the
//! same [`Roteiro`](crate::Roteiro): what `cargo run --example <name>` runs and
//! `tests/exemplos.rs` asserts.
