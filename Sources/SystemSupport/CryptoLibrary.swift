import CCrypto

/// OpenSSL (used by kiln's hashing and by libcurl's TLS) registers an atexit handler that frees
/// its global state. When `main` returns while the HTTP thread is still closing a TLS connection,
/// that handler frees memory the thread is using, and the process crashes on its way out.
/// Initialising OpenSSL first, without the handler, leaves the memory to the kernel at exit.
public enum CryptoLibrary {
    /// Call once, first thing in `main`, before any other thread starts.
    public static func initializeWithoutExitCleanup() {
        _ = OPENSSL_init_crypto(UInt64(OPENSSL_INIT_NO_ATEXIT), nil)
    }
}
