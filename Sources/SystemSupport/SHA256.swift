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
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
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
        let digits: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
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
