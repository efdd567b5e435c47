#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// The SHA-256 of a distribution file: the key of the archive store (`archives-v1`). Exists only
/// valid — 64 hexadecimal digits, kept lowercase so two spellings of one digest are one key.
public struct ArchiveDigest: Sendable, Hashable, CustomStringConvertible {
    public let hex: String

    /// Parses a digest as indexes write it (`#sha256=…` fragments, PEP 691 `hashes`), any case.
    public init(hex text: String) throws(CacheError) {
        let lowered = text.lowercased()
        guard lowered.utf8.count == 64,
            lowered.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) })
        else { throw .invalidDigest(text) }
        hex = lowered
    }

    private init(validHex: String) {
        hex = validHex
    }

    public var description: String { "sha256:" + hex }

    public static func of(bytes: [UInt8]) -> ArchiveDigest {
        ArchiveDigest(validHex: SHA256Hasher.hexDigest(of: bytes))
    }

    /// Hashes a file; for data already streaming past (a download) feed a `SHA256Hasher` instead
    /// and build the digest from `finalizeHex()`.
    public static func of(file path: String) throws(CacheError) -> ArchiveDigest {
        do {
            return ArchiveDigest(validHex: try SHA256Hasher.hexDigest(ofFile: path))
        } catch {
            throw .io(error)
        }
    }
}
