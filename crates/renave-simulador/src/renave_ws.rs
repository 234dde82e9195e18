//! The Renave-WS (SERPRO) simulator (being written).
