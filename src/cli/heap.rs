//! How the C library's allocator serves the command: a check allocates the tokens, readings
//! and facts of each document or part of a large file (a few megabytes each) and frees them
//! when it is done. By default glibc maps every block of more than 128 kB from the kernel and
//! gives it back when it is freed, so each part's blocks come as fresh, zeroed pages: on a
//! 64 MB file read in parts, 0.5 s of the 4.5 s of a check went to those page faults. Blocks
//! of up to 32 MB are taken from the heap instead, and up to 64 MB of freed heap is kept for
//! the next part (same peak memory on that file, 79 MB).

/// The largest block taken from the heap rather than mapped on its own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const HEAP_BLOCK_MAX: i32 = 32 << 20;

/// How much freed memory at the top of the heap is kept rather than given back.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const KEPT_FREE: i32 = 64 << 20;

/// Sets the allocator's thresholds for the command (the library leaves its host's allocator
/// alone), unless the environment sets glibc's own (`GLIBC_TUNABLES` naming the allocator,
/// `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`), which then decide. Call it before
/// any thread starts.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let tunables = std::env::var("GLIBC_TUNABLES").unwrap_or_default();
        let set_by_user = tunables.contains("glibc.malloc.")
            || std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_some()
            || std::env::var_os("MALLOC_TRIM_THRESHOLD_").is_some();
        if !set_by_user {
            // SAFETY: mallopt only changes the allocator's parameters; it is called before
            // the command starts any thread.
            unsafe {
                libc::mallopt(libc::M_MMAP_THRESHOLD, HEAP_BLOCK_MAX);
                libc::mallopt(libc::M_TRIM_THRESHOLD, KEPT_FREE);
            }
        }
    }
}
