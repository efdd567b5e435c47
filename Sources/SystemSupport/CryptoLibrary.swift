import CCrypto

/// OpenSSL (used by kiln's hashing and by libcurl's TLS) registers an atexit handler that frees
/// its global state. When `main` returned while the HTTP thread was still closing a TLS
/// connection, that handler freed memory the thread was using, and the process crashed on its
/// way out. Commands now join the HTTP thread before they return (`PackageIndex.shutDown`), so
/// that race is gone; the handler stays off all the same, because freeing memory at exit buys
/// nothing (the kernel takes it back) and any thread still in libcrypto at exit (a client some
/// future path forgets to shut down, a hashing thread) would bring the crash back.
public enum CryptoLibrary {
    /// Call once, first thing in `main`, before any other thread starts.
    public static func initializeWithoutExitCleanup() {
        _ = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil)
    }
}
