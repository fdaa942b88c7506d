"""Rust runtime crate shipped as package data (Cargo.toml, src/)."""
