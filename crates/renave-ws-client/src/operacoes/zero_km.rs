//! Wire contracts of the zero km operations (Z1–Z16).
