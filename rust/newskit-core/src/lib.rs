//! newskit's compiled kernels. Pure functions over `&str` and slices; the Python bindings live in
//! `newskit-py`. Each module is one hot path that a profile showed to pay.

pub mod dedupe;
pub mod lint;
pub mod par;
pub mod pieces;
pub mod split;

/// The crate's version, so the Python side can tell a stale build from a current one.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_the_workspace_version() {
        assert_eq!(super::VERSION, "0.1.0");
    }
}
