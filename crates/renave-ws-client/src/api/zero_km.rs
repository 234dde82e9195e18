//! Zero km (Z1–Z16): the client methods.
