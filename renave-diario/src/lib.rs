//! # renave-diario
