//! The lint path's kernels: reading a dump into blocks, and the rule scans that a profile showed to pay.
//! Every kernel takes a text as code points (`&[u32]`, one per Python character) so offsets go back to
//! Python unchanged.

pub mod chars;
pub mod clauses;
pub mod findings;
pub mod pairs;
pub mod phrases;
pub mod punct;
pub mod reading;
pub mod repeats;
pub mod segment;
pub mod spaces;
pub mod triggers;
