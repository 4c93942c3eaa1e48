//! The memory allocator of the programs and the benchmarks: mimalloc. Each binary includes this
//! file (`mod allocator`); the library does not, so a test can count allocations with its own.
//!
//! Loading 100 000 users makes millions of small texts and records on three threads. glibc's
//! allocator grew its per-thread heaps a page at a time, and the kernel's page faults were a
//! quarter of the run (for a million users, more than half: 5.5 s of 8.9 s). mimalloc takes
//! memory from the system in large pieces, and keeps what is freed for a second (its default)
//! before handing it back, so a run does not give memory back only to fault it in again.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
