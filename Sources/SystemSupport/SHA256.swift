#if canImport(Glibc)
import Glibc
#endif
import CCrypto

/// Streaming SHA-256 through OpenSSL's EVP interface, so large files are hashed while they are
/// copied, not in a second pass.
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    public init() {
        // EVP_MD_CTX_new only fails when memory is exhausted; there is nothing to recover then.
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
        EVP_DigestInit_ex(context, FetchedSHA256.shared.implementation ?? EVP_sha256(), nil)
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as lowercase hex, the form indexes and RECORD files compare against.
    public consuming func finalizeHex() -> String {
        Self.hex(finalizeBytes())
    }

    public consuming func finalizeBytes() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return Array(digest.prefix(Int(length)))
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func hexDigest(of bytes: [UInt8]) -> String {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The SHA-256 of a file's contents, read in 1 MiB blocks. For bytes already streaming past
    /// (a download, an extraction) feed a hasher instead, so nothing is read twice.
    public static func hexDigest(ofFile path: String) throws(SystemCallError) -> String {
        var hasher = SHA256Hasher()
        try FileSystem.forEachChunk(of: path, chunkSize: 1 << 20) { hasher.update($0) }
        return hasher.finalizeHex()
    }
}

/// OpenSSL 3 looks up the provider's implementation behind the legacy `EVP_sha256()` again on
/// every digest it starts; cache keys hash a short text each, hundreds per command, so the
/// implementation is fetched once and kept for the life of the process (it is never changed).
private final class FetchedSHA256: @unchecked Sendable {
    static let shared = FetchedSHA256()
    let implementation: OpaquePointer?

    private init() {
        implementation = EVP_MD_fetch(nil, "SHA256", nil)
    }
}
